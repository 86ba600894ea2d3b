import Foundation
import TestSupport
import Testing
import VaultProtocol

/// Navigation requests as an editor sends them.
@Suite struct NavigationServerTests {
    static func vault() -> TemporaryFolder {
        let vault = TemporaryFolder()
        vault.write("Garden.md", "---\naliases: [Allotment]\n---\n# Garden\nIntro.\n## Tools\nSpade ^spade\n")
        vault.write("Other.md", "[[Garden]] [[Garden#Tools]] #plants\n")
        vault.write("pic.png", "")
        return vault
    }

    @Test(arguments: ["utf-8", "utf-16"])
    func completionAfterEmojiAndCJK(encoding: String) {
        let vault = Self.vault()
        let server = startedServer(vault, capabilities: ["general": ["positionEncodings": [.string(encoding)]]])
        let path = vault.path + "/Note.md"
        let text = "🌱 庭 [[Gar"
        server.client.open(path, text: text)
        let column = encoding == "utf-8" ? text.utf8.count : text.utf16.count
        let start = column - 3
        let answer = server.client.request(
            "textDocument/completion",
            ["textDocument": ["uri": .string(LSPClient.fileURI(path))], "position": ["line": 0, "character": .int(column)]])
        let items = answer?["result"]?["items"]?.arrayValue ?? []
        #expect(items.first?["label"] == "Garden")
        #expect(items.first?["kind"] == 17)
        #expect(items.first?["textEdit"]?["newText"] == "Garden]]")
        #expect(items.first?["textEdit"]?["range"]?.rangeText == "0:\(start)-0:\(column)")
        #expect(answer?["result"]?["isIncomplete"] == false)
        // Resolve adds the note's first lines.
        let resolved = server.client.request("completionItem/resolve", items.first!)
        #expect(resolved?["result"]?["documentation"]?["value"]?.stringValue?.contains("# Garden\nIntro.") == true)
    }

    @Test func definitionReferencesAndHover() {
        let vault = Self.vault()
        let server = startedServer(vault)
        let path = vault.path + "/Note.md"
        let uri = LSPClient.fileURI(path)
        server.client.open(path, text: "See [[Garden#Tools]] and [[Nowhere]].\n")
        func at(_ character: Int) -> JSON { ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": .int(character)]] }

        let definition = server.client.request("textDocument/definition", at(8))?["result"]?.arrayValue
        #expect(definition?.count == 1)
        #expect(definition?.first?["uri"] == .string(LSPClient.fileURI(vault.path + "/Garden.md")))
        #expect(definition?.first?["range"]?.rangeText == "5:0-5:8")
        #expect(server.client.request("textDocument/definition", at(30))?["result"] == [])

        var references = at(8)
        references = .object(references.objectValue!.merging(["context": ["includeDeclaration": true]]) { $1 })
        let found = server.client.request("textDocument/references", references)?["result"]?.arrayValue ?? []
        #expect(found.map { "\(($0["uri"]?.stringValue ?? "").split(separator: "/").last!):\($0["range"]!.rangeText)" } == [
            "Garden.md:5:0-5:8", "Note.md:0:4-0:20", "Other.md:0:11-0:27",
        ])

        let hover = server.client.request("textDocument/hover", at(8))?["result"]
        #expect(hover?["contents"]?["value"]?.stringValue?.hasPrefix("**Garden** › Tools\n\n## Tools\nSpade ^spade") == true)
        #expect(hover?["range"]?.rangeText == "0:4-0:20")
        let missing = server.client.request("textDocument/hover", at(30))?["result"]
        #expect(missing?["contents"]?["value"] == "No note named **Nowhere** yet: 1 note links to it.")
    }

    @Test func symbolsLinksAndLenses() {
        let vault = Self.vault()
        let server = startedServer(vault)
        let garden = LSPClient.fileURI(vault.path + "/Garden.md")
        let document = JSON.object(["textDocument": ["uri": .string(garden)]])
        let symbols = server.client.request("textDocument/documentSymbol", document)?["result"]?.arrayValue
        #expect(symbols?.first?["name"] == "Garden")
        #expect(symbols?.first?["children"]?[0]?["name"] == "Tools")
        #expect(symbols?.first?["range"]?.rangeText == "3:0-7:0")

        let workspace = server.client.request("workspace/symbol", ["query": "tool"])?["result"]?.arrayValue
        #expect(workspace?.first?["name"] == "Tools")
        #expect(workspace?.first?["containerName"] == "Garden")

        let other = JSON.object(["textDocument": ["uri": .string(LSPClient.fileURI(vault.path + "/Other.md"))]])
        let links = server.client.request("textDocument/documentLink", other)?["result"]?.arrayValue
        #expect(links?.map { $0["target"] } == [.string(garden), .string(garden)])

        let lenses = server.client.request("textDocument/codeLens", document)?["result"]?.arrayValue
        #expect(lenses?.first?["command"]?["title"] == "2 backlinks")
        let command = lenses?.first?["command"]
        let executed = server.client.request(
            "workspace/executeCommand", ["command": command?["command"] ?? .null, "arguments": command?["arguments"] ?? .null])
        #expect(executed?["result"]?.arrayValue?.count == 2)

        let quiet = startedServer(vault, initializationOptions: ["codeLens": ["backlinks": false]])
        #expect(quiet.client.request("textDocument/codeLens", document)?["result"] == [])
    }
}

/// Quick fixes for dangling links.
@Suite struct CodeActionTests {
    @Test func createAliasAndAmbiguityFixes() throws {
        let vault = TemporaryFolder()
        vault.write("Person.md", "---\naliases: [Nick]\n---\n")
        vault.write("x/Twin.md", "")
        vault.write("y/Twin.md", "")
        let server = startedServer(
            vault, capabilities: ["workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["create", "rename"]]]])
        let path = vault.path + "/Note.md"
        let uri = LSPClient.fileURI(path)
        vault.write("Note.md", "[[New idea]] [[Nick]] [[Twin]]\n")
        server.client.open(path, text: "[[New idea]] [[Nick]] [[Twin]]\n")
        func actions(at character: Int) -> [JSON] {
            let point: JSON = ["line": 0, "character": .int(character)]
            return server.client.request("textDocument/codeAction", [
                "textDocument": ["uri": .string(uri)], "range": ["start": point, "end": point], "context": ["diagnostics": []],
            ])?["result"]?.arrayValue ?? []
        }
        let create = actions(at: 3)
        #expect(create.map { $0["title"] } == ["Create note 'New idea.md'"])
        let operation = create.first?["edit"]?["documentChanges"]?[0]
        #expect(operation?["kind"] == "create")
        #expect(operation?["uri"] == .string(LSPClient.fileURI(vault.path + "/New idea.md")))

        let alias = actions(at: 16)
        #expect(alias.map { $0["title"] } == ["Write as [[Person|Nick]]"])
        try WorkspaceEditApplier.apply(alias[0]["edit"]!)
        #expect(vault.read("Note.md") == "[[New idea]] [[Person|Nick]] [[Twin]]\n")

        let twin = actions(at: 25)
        #expect(twin.map { $0["title"] } == ["Point at x/Twin.md", "Point at y/Twin.md"])
    }
}
