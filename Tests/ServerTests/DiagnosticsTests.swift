import Foundation
import TestSupport
import Testing
import VaultProtocol

/// Live dangling-link diagnostics, as an editor receives them.
@Suite struct DiagnosticsTests {
    @Test func seedVaultShowsEveryDanglingLinkOnOpen() {
        let vault = TemporaryFolder.seedVault()
        let server = startedServer(vault)
        let path = vault.path + "/000_d924134c34514500.md"
        server.client.open(path, text: vault.read("000_d924134c34514500.md")!)
        let diagnostics = server.client.diagnostics(for: LSPClient.fileURI(path)) ?? []
        #expect(diagnostics.count == 17)
        let first = diagnostics.first
        #expect(first?["range"]?.rangeText == "0:311-0:328")
        #expect(first?["code"] == "unresolved-link")
        #expect(first?["source"] == "vault-ls")
        #expect(first?["severity"] == 2)
        #expect(first?["message"] == "No note or attachment named 'Singularities'")
    }

    @Test func editsUpdateDiagnostics() {
        let vault = TemporaryFolder()
        vault.write("Target.md", "# Part\n")
        let server = startedServer(vault)
        let path = vault.path + "/Note.md"
        let uri = LSPClient.fileURI(path)
        server.client.open(path, text: "See [[Target]].\n")
        #expect(server.client.diagnostics(for: uri) == [])
        // Type a heading link to a heading that does not exist.
        server.client.change(path, version: 2, from: (0, 12), to: (0, 12), with: "#Nope")
        let afterTyping = server.client.diagnostics(for: uri)
        #expect(afterTyping?.map { $0["code"] } == ["unresolved-heading"])
        #expect(afterTyping?.first?["range"]?.rangeText == "0:12-0:17")
        // Fix it.
        server.client.change(path, version: 5, from: (0, 13), to: (0, 17), with: "Part")
        #expect(server.client.diagnostics(for: uri) == [])
    }

    @Test func aNoteCreatedOnDiskClearsWarningsInEveryOpenNote() {
        let vault = TemporaryFolder()
        vault.write("A.md", "[[Later]]")
        vault.write("B.md", "[[later|soon]] [[Other]]")
        let server = startedServer(vault)
        let client = server.client
        client.open(vault.path + "/A.md", text: "[[Later]]")
        client.open(vault.path + "/B.md", text: "[[later|soon]] [[Other]]")
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/A.md"))?.count == 1)
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/B.md"))?.count == 2)
        vault.write("Notes/Later.md", "")
        client.notify(
            "workspace/didChangeWatchedFiles",
            ["changes": [["uri": .string(LSPClient.fileURI(vault.path + "/Notes/Later.md")), "type": 1]]])
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/A.md")) == [])
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/B.md"))?.count == 1)
        // And deleting it brings the warnings back.
        try? FileManager.default.removeItem(atPath: vault.path + "/Notes/Later.md")
        client.notify(
            "workspace/didChangeWatchedFiles",
            ["changes": [["uri": .string(LSPClient.fileURI(vault.path + "/Notes/Later.md")), "type": 3]]])
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/A.md"))?.count == 1)
    }

    @Test func emojiColumnsInBothEncodings() {
        let vault = TemporaryFolder()
        let text = "🚀 é [[Missing]]\n"
        for (encodings, expected) in [(["utf-8"], "0:8-0:19"), (["utf-16"], "0:5-0:16")] as [([JSON], String)] {
            let server = startedServer(vault, capabilities: ["general": ["positionEncodings": .array(encodings)]])
            server.client.open(vault.path + "/Emoji.md", text: text)
            let diagnostics = server.client.diagnostics(for: LSPClient.fileURI(vault.path + "/Emoji.md"))
            #expect(diagnostics?.first?["range"]?.rangeText == expected, "\(encodings)")
            // An edit after the emoji lands where the client means it.
            let (line, column) = encodings == ["utf-8"] ? (0, 10) : (0, 7)
            server.client.change(vault.path + "/Emoji.md", version: 2, from: (line, column), to: (line, column + 7), with: "Gone")
            let edited = server.client.diagnostics(for: LSPClient.fileURI(vault.path + "/Emoji.md"))
            #expect(edited?.first?["message"] == "No note or attachment named 'Gone'", "\(encodings)")
        }
    }

    @Test func aFiveMegabyteMessage() {
        let vault = TemporaryFolder()
        let server = startedServer(vault)
        let line = String(repeating: "Plain words without any link at all. ", count: 50) + "\n"
        let text = String(repeating: line, count: 5_000_000 / line.utf8.count) + "[[Missing at the end]]\n"
        server.client.open(vault.path + "/Big.md", text: text)
        let diagnostics = server.client.diagnostics(for: LSPClient.fileURI(vault.path + "/Big.md"), timeout: 60)
        #expect(diagnostics?.count == 1)
        #expect(diagnostics?.first?["range"]?["start"]?["line"]?.intValue == 5_000_000 / line.utf8.count)
    }

    @Test func severitiesFromInitializationOptionsAndConfiguration() {
        let vault = TemporaryFolder()
        vault.write("x/Twin.md", "")
        vault.write("y/Twin.md", "")
        let text = "[[Missing]] [[Twin]]"
        let off = startedServer(vault, initializationOptions: ["diagnostics": ["unresolvedLink": "off", "ambiguousLink": "error"]])
        off.client.open(vault.path + "/A.md", text: text)
        let diagnostics = off.client.diagnostics(for: LSPClient.fileURI(vault.path + "/A.md"))
        #expect(diagnostics?.map { $0["code"] } == ["ambiguous-link"])
        #expect(diagnostics?.first?["severity"] == 1)
        #expect(diagnostics?.first?["relatedInformation"]?.arrayValue?.count == 2)

        // A client that pulls configuration and answers null keeps initializationOptions.
        let pulling = InProcessServer()
        pulling.client.configuration = .null
        pulling.client.initialize(
            root: vault.path, capabilities: ["workspace": ["configuration": true]],
            initializationOptions: ["diagnostics": ["unresolvedLink": "hint"]])
        pulling.client.open(vault.path + "/A.md", text: text)
        _ = pulling.client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed") == true }
        let pulled = pulling.client.waitFor {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["diagnostics"]?.arrayValue?.isEmpty == false
        }
        #expect(pulled?["params"]?["diagnostics"]?[0]?["severity"] == 4)
        // A configuration change pulls again, and the answer wins.
        pulling.client.configuration = ["diagnostics": ["unresolvedLink": "error", "bogus": 1]]
        pulling.client.notify("workspace/didChangeConfiguration", ["settings": .null])
        let changed = pulling.client.diagnostics(for: LSPClient.fileURI(vault.path + "/A.md"))
        #expect(changed?.first?["severity"] == 1)
        #expect(pulling.client.drain().contains { $0["params"]?["message"] == "unknown setting 'diagnostics.bogus' ignored" })
    }

    @Test func excludedNotesAreNotChecked() {
        let vault = TemporaryFolder()
        let server = startedServer(vault, initializationOptions: ["diagnostics": ["exclude": ["Templates/**", "*.draft.md"]]])
        for name in ["Templates/Daily.md", "Ideas/x.draft.md", "Kept.md"] {
            server.client.open(vault.path + "/" + name, text: "[[Nowhere]]")
            #expect(server.client.diagnostics(for: LSPClient.fileURI(vault.path + "/" + name))?.count == (name == "Kept.md" ? 1 : 0), "\(name)")
        }
    }

    @Test func pullDiagnosticsForClientsThatAsk() {
        let vault = TemporaryFolder()
        vault.write("On disk.md", "[[Gone]]")
        let server = startedServer(
            vault,
            capabilities: [
                "textDocument": ["diagnostic": ["dynamicRegistration": false]],
                "workspace": ["diagnostics": ["refreshSupport": true]],
            ])
        let path = vault.path + "/Open.md"
        server.client.open(path, text: "[[Missing]] [[On disk]]")
        let open = server.client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(LSPClient.fileURI(path))]])
        #expect(open?["result"]?["kind"] == "full")
        #expect(open?["result"]?["items"]?.arrayValue?.map { $0["code"] } == ["unresolved-link"])
        let onDisk = server.client.request(
            "textDocument/diagnostic", ["textDocument": ["uri": .string(LSPClient.fileURI(vault.path + "/On disk.md"))]])
        #expect(onDisk?["result"]?["items"]?.arrayValue?.count == 1)
        #expect(!server.client.drain().contains { $0["method"] == "textDocument/publishDiagnostics" })
    }

    @Test func aFileOutsideEveryVaultStandsAlone() {
        let outside = TemporaryFolder()
        let vault = TemporaryFolder()
        let server = startedServer(vault)
        let path = outside.path + "/Loose.md"
        server.client.open(path, text: "# Here\n[[Other note]] [[#Here]] [[#Nowhere]]")
        let diagnostics = server.client.diagnostics(for: LSPClient.fileURI(path))
        #expect(diagnostics?.map { $0["code"] } == ["unresolved-heading"])
    }

    @Test func aFileInsideAnObsidianVaultOpensThatVault() {
        let vault = TemporaryFolder()
        vault.write(".obsidian/app.json", "{}")
        vault.write("Target.md", "")
        let server = InProcessServer()
        server.client.initialize(root: nil)
        let path = vault.path + "/Sub/Note.md"
        server.client.open(path, text: "[[Target]] [[Missing]]")
        let diagnostics = server.client.waitFor {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["diagnostics"]?.arrayValue?.count == 1
        }
        #expect(diagnostics?["params"]?["diagnostics"]?[0]?["message"] == "No note or attachment named 'Missing'")
    }

    @Test func eachWorkspaceFolderIsItsOwnVault() {
        let first = TemporaryFolder()
        let second = TemporaryFolder()
        first.write("Only in first.md", "")
        let server = InProcessServer()
        server.client.send([
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": [
                "capabilities": [:], "initializationOptions": LSPClient.notWatching,
                "workspaceFolders": [
                    ["uri": .string(LSPClient.fileURI(first.path)), "name": "first"],
                    ["uri": .string(LSPClient.fileURI(second.path)), "name": "second"],
                ],
            ],
        ])
        _ = server.client.waitFor { $0["id"] == 1 }
        server.client.notify("initialized")
        for _ in 0..<2 { _ = server.client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed") == true } }
        server.client.open(first.path + "/A.md", text: "[[Only in first]]")
        server.client.open(second.path + "/B.md", text: "[[Only in first]]")
        #expect(server.client.diagnostics(for: LSPClient.fileURI(first.path + "/A.md")) == [])
        #expect(server.client.diagnostics(for: LSPClient.fileURI(second.path + "/B.md"))?.count == 1)
    }

    @Test func closingANoteGoesBackToTheDisk() {
        let vault = TemporaryFolder()
        vault.write("A.md", "[[Target]]")
        let server = startedServer(vault)
        let client = server.client
        client.open(vault.path + "/B.md", text: "[[A]] [[Target]]")
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/B.md"))?.count == 1)
        // While open, an unsaved A.md names the target note Target.
        client.open(vault.path + "/Target.md", text: "")
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/B.md")) == [])
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(LSPClient.fileURI(vault.path + "/Target.md"))]])
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/Target.md")) == [])
        #expect(client.diagnostics(for: LSPClient.fileURI(vault.path + "/B.md"))?.count == 1)
    }
}

@Suite struct DocumentSyncTests {
    @Test func aChangeWithoutRangeReplacesTheWholeText() {
        let vault = TemporaryFolder()
        let server = startedServer(vault)
        let path = vault.path + "/N.md"
        server.client.open(path, text: "[[A]] [[B]]")
        #expect(server.client.diagnostics(for: LSPClient.fileURI(path))?.count == 2)
        server.client.notify(
            "textDocument/didChange",
            ["textDocument": ["uri": .string(LSPClient.fileURI(path)), "version": 9], "contentChanges": [["text": "[[C]]"]]])
        let diagnostics = server.client.diagnostics(for: LSPClient.fileURI(path))
        #expect(diagnostics?.map { $0["message"] } == ["No note or attachment named 'C'"])
    }

    @Test func workspaceFoldersComeAndGo() {
        let first = TemporaryFolder()
        let second = TemporaryFolder()
        second.write("Target.md", "")
        let server = startedServer(first)
        let path = second.path + "/Note.md"
        server.client.open(path, text: "[[Target]]")
        // Outside every folder (and no .obsidian/): the note stands alone, and cross-note links are not checked.
        #expect(server.client.diagnostics(for: LSPClient.fileURI(path)) == [])
        server.client.notify(
            "workspace/didChangeWorkspaceFolders",
            ["event": ["added": [["uri": .string(LSPClient.fileURI(second.path)), "name": "second"]], "removed": []]])
        #expect(server.client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed 1 notes") == true } != nil)
        #expect(server.client.diagnostics(for: LSPClient.fileURI(path)) == [])
        server.client.change(path, version: 2, from: (0, 2), to: (0, 8), with: "Nothing")
        let edited = server.client.diagnostics(for: LSPClient.fileURI(path), version: 2)
        #expect(edited?.first?["message"] == "No note or attachment named 'Nothing'")
    }
}
