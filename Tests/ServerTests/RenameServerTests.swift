import Foundation
import TestSupport
import Testing
import VaultProtocol

/// Renames as editors ask for them, applied to the files on disk.
@Suite struct RenameServerTests {
    static func vault() -> TemporaryFolder {
        let vault = TemporaryFolder()
        vault.write("Old.md", "# Old\n## Part\n")
        vault.write("Index.md", "[[Old]] [[Old#Part]] [o](Old.md)\n")
        vault.write("Sub/Other.md", "---\nup: \"[[Old]]\"\n---\n[[Old|Old]]\n")
        return vault
    }

    static let renamingClient: JSON = ["workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["create", "rename", "delete"]]]]

    @Test func renameANoteFromALink() throws {
        let vault = Self.vault()
        let server = startedServer(vault, capabilities: Self.renamingClient)
        let index = vault.path + "/Index.md"
        server.client.open(index, text: vault.read("Index.md")!, version: 3)
        let position: JSON = ["textDocument": ["uri": .string(LSPClient.fileURI(index))], "position": ["line": 0, "character": 3]]
        let prepared = server.client.request("textDocument/prepareRename", position)?["result"]
        #expect(prepared?["placeholder"] == "Old")
        #expect(prepared?["range"]?.rangeText == "0:2-0:5")

        var params = position.objectValue!
        params["newName"] = "Projects/New"
        let edit = try #require(server.client.request("textDocument/rename", .object(params))?["result"])
        let changes = edit["documentChanges"]?.arrayValue ?? []
        // The open document's edit carries its version; the file move comes last.
        #expect(changes.first { $0["textDocument"]?["uri"] == .string(LSPClient.fileURI(index)) }?["textDocument"]?["version"] == 3)
        #expect(changes.last?["kind"] == "rename")
        try WorkspaceEditApplier.apply(edit)
        #expect(vault.read("Old.md") == nil)
        #expect(vault.read("Projects/New.md") == "# Old\n## Part\n")
        #expect(vault.read("Index.md") == "[[New]] [[New#Part]] [o](Projects/New.md)\n")
        #expect(vault.read("Sub/Other.md") == "---\nup: \"[[New]]\"\n---\n[[New|New]]\n")
    }

    @Test func aClientThatCannotMoveFilesGetsAClearRefusalButHeadingRenamesWork() throws {
        let vault = Self.vault()
        let server = startedServer(vault, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true]]])
        let index = LSPClient.fileURI(vault.path + "/Index.md")
        let onNote: JSON = ["textDocument": ["uri": .string(index)], "position": ["line": 0, "character": 3], "newName": "New"]
        let refused = server.client.request("textDocument/rename", onNote)
        #expect(refused?["error"]?["message"]?.stringValue?.hasPrefix("Cannot rename: this editor cannot move files") == true)
        let onHeading: JSON = ["textDocument": ["uri": .string(index)], "position": ["line": 0, "character": 14], "newName": "Piece"]
        let edit = try #require(server.client.request("textDocument/rename", onHeading)?["result"])
        try WorkspaceEditApplier.apply(edit)
        #expect(vault.read("Old.md") == "# Old\n## Piece\n")
        #expect(vault.read("Index.md") == "[[Old]] [[Old#Piece]] [o](Old.md)\n")
    }

    @Test func prepareRenameSaysWhenNothingCanBeRenamed() {
        let vault = Self.vault()
        let server = startedServer(vault)
        let path = vault.path + "/Index.md"
        server.client.open(path, text: "[[Missing]]\n")
        let answer = server.client.request(
            "textDocument/prepareRename", ["textDocument": ["uri": .string(LSPClient.fileURI(path))], "position": ["line": 0, "character": 3]])
        #expect(answer?["error"]?["message"] == "Nothing to rename here: no note named 'Missing' exists yet: create it before renaming it")
        // Inside a fenced code block a `#tag` is text: nothing to rename, and no error.
        server.client.change(path, version: 2, from: (0, 0), to: (1, 0), with: "```\n#tag and words\n```\n%% [[Old]] %%\n")
        let inCode = server.client.request(
            "textDocument/prepareRename", ["textDocument": ["uri": .string(LSPClient.fileURI(path))], "position": ["line": 1, "character": 2]])
        #expect(inCode?["result"] == .null && inCode?["error"] == nil)
        let inComment = server.client.request(
            "textDocument/prepareRename", ["textDocument": ["uri": .string(LSPClient.fileURI(path))], "position": ["line": 3, "character": 6]])
        #expect(inComment?["result"]?["placeholder"] == "Old")
    }

    @Test func filesMovedInTheEditorsFileTree() throws {
        let vault = Self.vault()
        let server = startedServer(vault)
        let moves: JSON = ["files": [["oldUri": .string(LSPClient.fileURI(vault.path + "/Sub")), "newUri": .string(LSPClient.fileURI(vault.path + "/Moved/Deeper"))],
            ["oldUri": .string(LSPClient.fileURI(vault.path + "/Old.md")), "newUri": .string(LSPClient.fileURI(vault.path + "/Renamed.md"))]]]
        let edit = try #require(server.client.request("workspace/willRenameFiles", moves)?["result"])
        try WorkspaceEditApplier.apply(edit)
        try FileManager.default.createDirectory(atPath: vault.path + "/Moved", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: vault.path + "/Sub", toPath: vault.path + "/Moved/Deeper")
        try FileManager.default.moveItem(atPath: vault.path + "/Old.md", toPath: vault.path + "/Renamed.md")
        server.client.notify("workspace/didRenameFiles", moves)
        #expect(vault.read("Index.md") == "[[Renamed]] [[Renamed#Part]] [o](Renamed.md)\n")
        #expect(vault.read("Moved/Deeper/Other.md") == "---\nup: \"[[Renamed]]\"\n---\n[[Renamed|Renamed]]\n")
        // The index followed: nothing dangles.
        let path = vault.path + "/Moved/Deeper/Other.md"
        server.client.open(path, text: vault.read("Moved/Deeper/Other.md")!)
        #expect(server.client.diagnostics(for: LSPClient.fileURI(path)) == [])
    }

    @Test func aRenameSeenOnlyAsWatchedFileEventsKeepsBacklinks() throws {
        let vault = Self.vault()
        let server = startedServer(vault)
        // Another tool renamed Old.md to Fresh.md and rewrote the links, and the
        // editor reports only file events: the create before the delete.
        try FileManager.default.moveItem(atPath: vault.path + "/Old.md", toPath: vault.path + "/Fresh.md")
        vault.write("Index.md", "[[Fresh]] [[Fresh#Part]] [o](Fresh.md)\n")
        let events: JSON = ["changes": [
            ["uri": .string(LSPClient.fileURI(vault.path + "/Fresh.md")), "type": 1],
            ["uri": .string(LSPClient.fileURI(vault.path + "/Old.md")), "type": 3],
            ["uri": .string(LSPClient.fileURI(vault.path + "/Index.md")), "type": 2],
        ]]
        server.client.notify("workspace/didChangeWatchedFiles", events)
        let references = server.client.request("textDocument/references", [
            "textDocument": ["uri": .string(LSPClient.fileURI(vault.path + "/Fresh.md"))], "position": ["line": 2, "character": 0],
            "context": ["includeDeclaration": false],
        ])?["result"]?.arrayValue ?? []
        #expect(references.compactMap { $0["uri"]?.stringValue?.split(separator: "/").last.map(String.init) } == ["Index.md", "Index.md", "Index.md"])
    }
}
