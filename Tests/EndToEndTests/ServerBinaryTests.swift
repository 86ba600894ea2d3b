import Foundation
import TestSupport
import Testing
import VaultProtocol

/// `vault-ls` spawned as an editor spawns it, talked to over pipes.
final class SpawnedServer: @unchecked Sendable {
    let process = Process()
    let client: LSPClient
    private let errorPipe = Pipe()

    init(arguments: [String] = []) throws {
        let input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: VaultLS.executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errorPipe
        try process.run()
        let writing = input.fileHandleForWriting
        client = LSPClient(
            input: output.fileHandleForReading.fileDescriptor, output: writing.fileDescriptor,
            closeOutput: { try? writing.close() })
    }

    /// The exit status, waiting at most `timeout` seconds for the process to end.
    func exitStatus(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

@Suite struct ServerBinaryTests {
    @Test func aWholeSessionOverPipes() throws {
        let vault = TemporaryFolder.seedVault()
        let server = try SpawnedServer(arguments: ["--stdio"])
        let client = server.client
        let result = client.initialize(root: vault.path)
        #expect(result?["capabilities"]?["positionEncoding"] == "utf-16")
        _ = client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed 4 notes") == true }

        // Diagnostics on open.
        let path = vault.path + "/003_d86b938dfc82888e.md"
        let uri = LSPClient.fileURI(path)
        client.open(path, text: vault.read("003_d86b938dfc82888e.md")!)
        let opened = client.diagnostics(for: uri)
        #expect(opened?.count == 9)
        #expect(opened?.first?["message"] == "No note or attachment named 'Energy-Based Models'")

        // After an edit: a new link at the top of the body.
        client.change(path, version: 2, from: (6, 0), to: (6, 0), with: "[[Brand new]] ")
        let edited = client.diagnostics(for: uri)
        #expect(edited?.count == 10)
        #expect(edited?.contains { $0["message"] == "No note or attachment named 'Brand new'" && $0["range"]?.rangeText == "6:0-6:13" } == true)

        // A note created on disk clears the warnings that linked to it.
        vault.write("Entropy.md", "# Entropy\n")
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(LSPClient.fileURI(vault.path + "/Entropy.md")), "type": 1]]])
        #expect(client.diagnostics(for: uri)?.count == 9)

        // Malformed input is answered, and serving goes on.
        client.sendRaw(Array("Content-Length: 5\r\n\r\n{]}}}".utf8))
        #expect(client.waitFor { $0["error"]?["code"]?.intValue == ErrorCode.parseError.rawValue } != nil)

        // A 5 MB message.
        let big = String(repeating: "Some words and more words to fill a line.\n", count: 120_000) + "[[Far away]]\n"
        client.open(vault.path + "/Big.md", text: big)
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/Big.md"), timeout: 60)?.count == 1)

        #expect(client.request("shutdown")?["result"] == .null)
        client.notify("exit")
        #expect(server.exitStatus() == 0)
        #expect(client.garbage.isEmpty)
    }

    @Test func splitAndJoinedFrames() throws {
        let server = try SpawnedServer()
        let client = server.client
        let initialize = LSPClient.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        for chunk in stride(from: 0, to: initialize.count, by: 7) {
            client.sendRaw(Array(initialize[chunk..<min(chunk + 7, initialize.count)]))
            usleep(1000)
        }
        #expect(client.waitFor { $0["id"] == 1 }?["result"] != nil)
        client.sendRaw((2...5).flatMap { LSPClient.frame(["jsonrpc": "2.0", "id": .int($0), "method": "vault/nothing"]) })
        for id in 2...5 {
            #expect(client.waitFor { $0["id"] == .int(id) }?["error"]?["code"] == .int(ErrorCode.methodNotFound.rawValue))
        }
        client.closeOutput()
        #expect(server.exitStatus() == 0)
    }

    @Test func exitWithoutShutdownIsOne() throws {
        let server = try SpawnedServer()
        server.client.initialize(root: nil)
        server.client.notify("exit")
        #expect(server.exitStatus() == 1)
    }

    @Test func emojiInUTF8Columns() throws {
        let vault = TemporaryFolder()
        let server = try SpawnedServer()
        let result = server.client.initialize(root: vault.path, capabilities: ["general": ["positionEncodings": ["utf-8", "utf-16"]]])
        #expect(result?["capabilities"]?["positionEncoding"] == "utf-8")
        server.client.open(vault.path + "/E.md", text: "😀😀 [[X]]")
        let diagnostics = server.client.diagnostics(for: LSPClient.fileURI(vault.path + "/E.md"))
        #expect(diagnostics?.first?["range"]?.rangeText == "0:9-0:14")
    }
}

@Suite struct NavigationBinaryTests {
    /// On a real published vault, read in place (the server never writes).
    @Test func completionDefinitionAndReferencesOnObsidianTasksDocs() throws {
        let root = URL(fileURLWithPath: fixturesFolder + "/obsidian-tasks-docs").standardizedFileURL.path
        let server = try SpawnedServer()
        let client = server.client
        client.initialize(root: root)
        _ = client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed 118 notes") == true }
        let changelog = root + "/What is New/Changelog.md"
        let text = try String(contentsOfFile: changelog, encoding: .utf8)
        client.open(changelog, text: text)
        let uri = LSPClient.fileURI(changelog)
        #expect(client.diagnostics(for: uri) == [])

        // Line 75 (0-based 74) links to [[Sorting#Default sort order|default sort order]].
        let line = 73
        let lineText = String(text.split(separator: "\n", omittingEmptySubsequences: false)[line])
        let column = String(lineText[..<lineText.range(of: "[[Sorting#")!.lowerBound]).utf16.count + 4
        let position: JSON = ["textDocument": ["uri": .string(uri)], "position": ["line": .int(line), "character": .int(column)]]
        let definition = client.request("textDocument/definition", position)?["result"]?.arrayValue
        #expect(definition?.first?["uri"]?.stringValue?.hasSuffix("/Queries/Sorting.md") == true)
        #expect(definition?.first?["range"]?["start"]?["line"] == 26)

        let references = client.request("textDocument/references", position)?["result"]?.arrayValue ?? []
        #expect(references.count >= 2)
        #expect(references.allSatisfy { $0["uri"]?.stringValue?.hasPrefix("file://") == true })

        // Typing a new link at the end of the note.
        let lastLine = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        client.change(changelog, version: 2, from: (lastLine, 0), to: (lastLine, 0), with: "[[Sortin")
        let completion = client.request(
            "textDocument/completion",
            ["textDocument": ["uri": .string(uri)], "position": ["line": .int(lastLine), "character": 8]])
        let labels = completion?["result"]?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        #expect(labels.first == "Sorting")
        client.request("shutdown")
        client.notify("exit")
        #expect(server.exitStatus() == 0)
    }
}

@Suite struct RenameBinaryTests {
    @Test func renameANoteFromALinkAndApplyTheEdit() throws {
        let vault = TemporaryFolder.seedVault()
        vault.write("Phase Transitions.md", "# Phase Transitions\n")
        let server = try SpawnedServer()
        let client = server.client
        client.initialize(root: vault.path, capabilities: ["workspace": ["workspaceEdit": ["resourceOperations": ["rename"]]]])
        _ = client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed 5 notes") == true }
        let path = vault.path + "/000_d924134c34514500.md"
        let text = vault.read("000_d924134c34514500.md")!
        client.open(path, text: text)
        // `[[Phase Transitions|drastically change]]` on the first line.
        let firstLine = String(text.split(separator: "\n")[0])
        let column = String(firstLine[..<firstLine.range(of: "[[Phase Transitions|")!.lowerBound]).utf16.count + 5
        let edit = try #require(client.request("textDocument/rename", [
            "textDocument": ["uri": .string(LSPClient.fileURI(path))], "position": ["line": 0, "character": .int(column)],
            "newName": "Physics/Phase Changes",
        ])?["result"])
        try WorkspaceEditApplier.apply(edit)
        #expect(vault.read("Phase Transitions.md") == nil)
        // The note's text is kept, title heading included.
        #expect(vault.read("Physics/Phase Changes.md") == "# Phase Transitions\n")
        let after = vault.read("000_d924134c34514500.md")!
        #expect(after.contains("[[Phase Changes|drastically change]]"))
        #expect(!after.contains("Phase Transitions]]"))
        #expect(after.components(separatedBy: "[[Phase Changes]]").count - 1 == 2)
        #expect(vault.read("001_a046cecd8d038994.md")!.contains("[[Phase Changes|Transition Points]]"))
        // Everything else is as it was.
        #expect(after.replacingOccurrences(of: "[[Phase Changes", with: "[[Phase Transitions") == text)
        client.request("shutdown")
        client.notify("exit")
        #expect(server.exitStatus() == 0)
    }
}
