import Foundation
import TestSupport
import VaultProtocol

/// Files changed outside the editor, seen by vault-ls's own watcher: the time
/// from writing N notes on disk to the last diagnostics update of an open note
/// that links to them, and the server's CPU time while idle with the watcher on.
enum WatchBenchmark {
    static func run(folder: String?, idleSeconds: Int) {
        let root = folder ?? NSTemporaryDirectory() + "vault-bench-watch-\(getpid())"
        if folder == nil { try! GeneratedVault.write(to: root, notes: 10_000) }
        let written = root + "/Watched"
        defer {
            try? FileManager.default.removeItem(atPath: written)
            if folder == nil { try? FileManager.default.removeItem(atPath: root) }
        }

        let server = SpawnedServer()
        let process = server.process
        let client = server.client
        client.initialize(root: root, initializationOptions: ["files": ["watcher": "server"]])
        guard client.waitFor(timeout: 60, { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed") == true }) != nil,
            client.waitFor(timeout: 60, { $0["params"]?["message"]?.stringValue?.hasPrefix("watching") == true }) != nil
        else { fail("vault-ls did not index and watch \(root)") }
        print("vault: \(root), \(GeneratedVault.noteCount(root)) notes, watched by vault-ls's own watcher")

        for count in [1, 100, 1000] {
            // An open note linking to N notes that do not exist yet: N warnings.
            let hub = root + "/Watch hub \(count).md"
            let uri = LSPClient.fileURI(hub)
            let names = (0..<count).map { "Watched \(count)-\($0)" }
            client.open(hub, text: names.map { "[[\($0)]]" }.joined(separator: "\n"))
            guard client.waitFor(timeout: 30, { isDiagnostics($0, uri, count: count) }) != nil else {
                fail("no \(count) warnings for the hub note")
            }
            _ = client.drain()
            let start = DispatchTime.now()
            try! FileManager.default.createDirectory(atPath: written, withIntermediateDirectories: true)
            for name in names { try! Data("# \(name)\n".utf8).write(to: URL(fileURLWithPath: written + "/" + name + ".md")) }
            let writingTime = ServerBenchmark.seconds(since: start)
            var updates = 0
            while let message = client.waitFor(timeout: 30, { isDiagnostics($0, uri, count: nil) }) {
                updates += 1
                if message["params"]?["diagnostics"]?.arrayValue?.isEmpty == true { break }
            }
            let total = ServerBenchmark.seconds(since: start)
            // Writing is the machine's share (slow when it is busy); what follows the last write is the server's.
            print(String(format: "%4d notes written on disk -> last diagnostics update of the open note: %7.1f ms (writing them: %.1f ms, after the last write: %.1f ms; %d updates)",
                count, total * 1000, writingTime * 1000, (total - writingTime) * 1000, updates))
        }

        // Idle: nothing changes; the watcher waits in the kernel.
        Thread.sleep(forTimeInterval: 1)
        let before = cpuSeconds(of: process.processIdentifier)
        Thread.sleep(forTimeInterval: Double(idleSeconds))
        let after = cpuSeconds(of: process.processIdentifier)
        print(String(format: "server CPU time while idle with the watcher on: %.0f ms over %d s", (after - before) * 1000, idleSeconds))

        server.stop()
    }

    private static func isDiagnostics(_ message: JSON, _ uri: String, count: Int?) -> Bool {
        message["method"] == "textDocument/publishDiagnostics" && message["params"]?["uri"] == .string(uri)
            && (count == nil || message["params"]?["diagnostics"]?.arrayValue?.count == count)
    }

    /// User and system CPU time of a process, from /proc.
    private static func cpuSeconds(of pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let afterName = stat.range(of: ") ")?.upperBound
        else { return .nan }
        let fields = stat[afterName...].split(separator: " ")
        // Fields 14 and 15 of the whole line (utime, stime) are 12 and 13 after the name.
        let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
