import Foundation
import TestSupport
import VaultFiles
import VaultIndex
import VaultProtocol

/// The language server as an editor sees it, through the real protocol over
/// pipes: time from `initialize` to the first diagnostics of an opened note,
/// then the latency from each `didChange` to its `publishDiagnostics`.
enum ServerBenchmark {
    static func run(folder: String?, edits: Int) {
        let root = folder ?? NSTemporaryDirectory() + "vault-bench-server-\(getpid())"
        if folder == nil { try! GeneratedVault.write(to: root, notes: 10_000) }
        defer { if folder == nil { try? FileManager.default.removeItem(atPath: root) } }

        let server = SpawnedServer()
        let client = server.client

        // A popular note (the generator links the first fifty most) with a dangling link.
        let index = (0..<50).first {
            (try? String(contentsOfFile: root + "/" + GeneratedVault.path($0), encoding: .utf8))?.contains("[[Missing") == true
        } ?? 0
        let notePath = root + "/" + GeneratedVault.path(index)
        let uri = LSPClient.fileURI(notePath)
        var text = try! String(contentsOfFile: notePath, encoding: .utf8)
        let start = DispatchTime.now()
        client.initialize(
            root: root,
            capabilities: [
                "general": ["positionEncodings": ["utf-8"]],
                "workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["rename"]]],
            ])
        client.open(notePath, text: text)
        var first: Double = .nan
        while let message = client.waitFor(timeout: 60, { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"] == .string(uri) }) {
            if message["params"]?["diagnostics"]?.arrayValue?.isEmpty == false {
                first = seconds(since: start)
                break
            }
        }

        // Typing: one character per change, at the end of the first body line.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.hasPrefix("# ") }! + 2
        var column = lines[line].utf8.count
        let typed = Array(" and [[A new idea]] with [[Theory model 7#Section 2]]".utf8)
        var latencies: [Double] = []
        for edit in 0..<edits {
            let character = String(UnicodeScalar(typed[edit % typed.count]))
            let version = edit + 2
            let sent = DispatchTime.now()
            client.change(notePath, version: version, from: (line, column), to: (line, column), with: character)
            column += 1
            guard client.waitFor(timeout: 30, {
                $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"] == .string(uri)
                    && $0["params"]?["version"] == .int(version)
            }) != nil else { break }
            latencies.append(seconds(since: sent))
            text += character
        }

        // Navigation on the most linked note: references from its first line, and
        // definition and completion in the note being edited.
        let loaded = try! VaultLoader.load(root: root)
        var mostLinked = ""
        var mostLinks = -1
        loaded.vault.forEachFile { id, path in
            let count = loaded.vault.backlinkCount(to: id)
            if count > mostLinks { (mostLinked, mostLinks) = (path, count) }
        }
        let popular = root + "/" + mostLinked
        client.open(popular, text: try! String(contentsOfFile: popular, encoding: .utf8))
        func timed(_ method: String, _ params: JSON) -> Double {
            let sent = DispatchTime.now()
            let answer = client.request(method, params, timeout: 30)
            precondition(answer?["error"] == nil, "\(method) failed: \(String(describing: answer))")
            return seconds(since: sent)
        }
        let rounds = 300
        var referenceTimes: [Double] = []
        var referenceCount = 0
        for _ in 0..<rounds {
            let params: JSON = ["textDocument": ["uri": .string(LSPClient.fileURI(popular))], "position": ["line": 0, "character": 0], "context": ["includeDeclaration": false]]
            referenceTimes.append(timed("textDocument/references", params))
        }
        referenceCount = client.request("textDocument/references", ["textDocument": ["uri": .string(LSPClient.fileURI(popular))], "position": ["line": 0, "character": 0], "context": ["includeDeclaration": false]])?["result"]?.arrayValue?.count ?? 0

        // A link on the typed line: its first `[[` (the edits above typed one).
        let typedLine = String(text.split(separator: "\n", omittingEmptySubsequences: false)[line])
        let linkColumn = typedLine.utf8.distance(from: typedLine.startIndex, to: typedLine.range(of: "[[")!.lowerBound) + 3
        var definitionTimes: [Double] = []
        for _ in 0..<rounds {
            definitionTimes.append(timed("textDocument/definition", ["textDocument": ["uri": .string(uri)], "position": ["line": .int(line), "character": .int(linkColumn)]]))
        }
        // Completion after `[[` and one to four typed letters, on a new line.
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        var completionTimes: [Double] = []
        var version = edits + 100
        let prefixes = ["", "t", "th", "the", "theo", "m", "mo", "net", "sig", "z"]
        for round in 0..<rounds {
            let prefix = prefixes[round % prefixes.count]
            version += 1
            client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": [["text": .string(text + "\n[[" + prefix)]]])
            completionTimes.append(timed("textDocument/completion", ["textDocument": ["uri": .string(uri)], "position": ["line": .int(lineCount), "character": .int(2 + prefix.utf8.count)]]))
        }
        // Rename of the most linked note, to the WorkspaceEdit (never applied).
        var renameTimes: [Double] = []
        var renameEdits = 0
        for round in 0..<50 {
            let params: JSON = [
                "textDocument": ["uri": .string(LSPClient.fileURI(popular))], "position": ["line": 0, "character": 0],
                "newName": .string("Renamed \(round)"),
            ]
            renameTimes.append(timed("textDocument/rename", params))
        }
        let renameAnswer = client.request("textDocument/rename", [
            "textDocument": ["uri": .string(LSPClient.fileURI(popular))], "position": ["line": 0, "character": 0], "newName": "Renamed",
        ])
        renameEdits = renameAnswer?["result"]?["documentChanges"]?.arrayValue?.reduce(0) { $0 + ($1["edits"]?.arrayValue?.count ?? 0) } ?? 0
        server.stop()

        func report(_ name: String, _ times: [Double]) {
            let sorted = times.sorted()
            print(String(format: "%@ over %d requests: p50 %.2f ms, p99 %.2f ms", name, sorted.count,
                sorted[sorted.count / 2] * 1000, sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))] * 1000))
        }
        report("completion (after [[ and 0-4 letters)", completionTimes)
        report("definition", definitionTimes)
        report("references of \(mostLinked) (\(referenceCount) links)", referenceTimes)
        report("rename of \(mostLinked) to its WorkspaceEdit (\(renameEdits) edits)", renameTimes)

        latencies.sort()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        print("vault: \(root), \(GeneratedVault.noteCount(root)) notes; note opened: \(GeneratedVault.path(index))")
        print(String(format: "initialize -> first diagnostics of the opened note: %7.1f ms", first * 1000))
        print(String(format: "didChange -> publishDiagnostics over %d edits: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
            latencies.count, percentile(0.5) * 1000, percentile(0.99) * 1000, (latencies.last ?? .nan) * 1000))
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

extension GeneratedVault {
    static func noteCount(_ root: String) -> Int {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".md") }.count
    }
}
