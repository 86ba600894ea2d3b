import Foundation
import TestSupport
import VaultParser
import VaultProtocol

/// Notes that once made vault-ls quadratic or stalled it, timed: each pattern
/// of PathologicalNoteTests parsed at N and 10 x N repetitions (a ratio near
/// 10 is linear), and a note of `links` copies of `[[x]]` edited in the
/// server: open, a burst of keystrokes, and a request about another note
/// sent behind the burst.
enum PathologicalBenchmark {
    static func run(links: Int) {
        print("parsing one note, medians of 5 (N -> 10 x N repetitions):")
        let patterns = ["<!--", "<!--\n", "$$ a ", "[[a ", "[a](", "[a] ", "[", "$a ", "` `` ", "#a/", "a ^b "]
        _ = parseSeconds(String(repeating: "[[a ", count: 100_000))  // Warm up the allocator.
        for pattern in patterns {
            let small = parseSeconds(String(repeating: pattern, count: 10_000))
            let large = parseSeconds(String(repeating: pattern, count: 100_000))
            let name = pattern.replacingOccurrences(of: "\n", with: "\\n")
            print(String(format: "  %-8@ %8.2f ms -> %8.2f ms  (%.1fx)", "'\(name)'", small * 1000, large * 1000, large / small))
        }

        let root = NSTemporaryDirectory() + "vault-bench-huge-\(getpid())"
        try! FileManager.default.createDirectory(atPath: root + "/.obsidian", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try! "[[Huge]] [[Elsewhere]]\n".write(toFile: root + "/Small.md", atomically: true, encoding: .utf8)
        let server = SpawnedServer()
        let client = server.client
        client.initialize(root: root, initializationOptions: ["files": ["watcher": "off"]])
        guard client.waitFor(timeout: 60, { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed") == true }) != nil
        else { fail("vault-ls did not index \(root)") }
        let huge = root + "/Huge.md"
        let uri = LSPClient.fileURI(huge)
        let text = String(repeating: String(repeating: "[[x]] ", count: 100) + "\n", count: max(1, links / 100))
        func diagnostics(version: Int) -> Bool {
            client.waitFor(timeout: 600) {
                $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"] == .string(uri)
                    && $0["params"]?["version"] == .int(version)
            } != nil
        }
        var start = DispatchTime.now()
        client.open(huge, text: text)
        guard diagnostics(version: 1) else { fail("no diagnostics for the huge note") }
        print(String(format: "a note of %d links (%.1f MB): open -> diagnostics %.0f ms", links, Double(text.utf8.count) / 1e6,
            ServerBenchmark.seconds(since: start) * 1000))

        // Ten keystrokes 50 ms apart, then a hover on another note.
        start = DispatchTime.now()
        for version in 2...11 {
            client.change(huge, version: version, from: (0, 0), to: (0, 0), with: "a")
            usleep(50_000)
        }
        let asked = DispatchTime.now()
        let hover = client.request(
            "textDocument/hover",
            ["textDocument": ["uri": .string(LSPClient.fileURI(root + "/Small.md"))], "position": ["line": 0, "character": 3]],
            timeout: 600)
        let hoverSeconds = ServerBenchmark.seconds(since: asked)
        guard hover != nil, diagnostics(version: 11) else { fail("no answer after the keystrokes") }
        print(String(format: "10 keystrokes 50 ms apart -> diagnostics of the last: %.0f ms; a hover on another note sent after them: %.0f ms",
            ServerBenchmark.seconds(since: start) * 1000, hoverSeconds * 1000))
        server.stop()
    }

    private static func parseSeconds(_ text: String) -> Double {
        var times: [Double] = []
        for _ in 0..<5 {
            let start = DispatchTime.now()
            _ = Note(text: text)
            times.append(ServerBenchmark.seconds(since: start))
        }
        return IndexBenchmark.median(times)
    }
}
