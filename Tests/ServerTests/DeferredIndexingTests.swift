import Foundation
import TestSupport
import Testing
import VaultProtocol

/// A request about one note that answers with places in another note
/// edited just before (its re-index still queued).
@Suite struct DeferredIndexingTests {
    @Test func definitionIntoANoteEditedJustBeforeGivesItsNewLine() throws {
        let folder = TemporaryFolder()
        folder.write("A.md", "see [[B#Target]]\n")
        folder.write("B.md", "# Target\nbody\n")
        let server = DirectServer(root: folder.path, capabilities: [:])
        let a = LSPClient.fileURI(folder.path + "/A.md")
        let b = LSPClient.fileURI(folder.path + "/B.md")
        server.notify("textDocument/didOpen", ["textDocument": ["uri": .string(a), "languageId": "markdown", "version": 1, "text": "see [[B#Target]]\n"]])
        server.notify("textDocument/didOpen", ["textDocument": ["uri": .string(b), "languageId": "markdown", "version": 1, "text": "# Target\nbody\n"]])
        // The editor inserts three lines above the heading, then asks for the definition in A.
        server.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(b), "version": 2],
            "contentChanges": [["range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]], "text": "one\ntwo\nthree\n"]],
        ])
        let answer = server.request("textDocument/definition", ["textDocument": ["uri": .string(a)], "position": ["line": 0, "character": 8]])
        let line = answer?["result"]?[0]?["range"]?["start"]?["line"]?.intValue
        #expect(line == 3, "the heading is on line 3 of the text the editor holds; got \(String(describing: answer))")

        let references = server.request("textDocument/references", ["textDocument": ["uri": .string(a)], "position": ["line": 0, "character": 8], "context": ["includeDeclaration": true]])
        let inB = references?["result"]?.arrayValue?.first { $0["uri"]?.stringValue == b }
        #expect(inB?["range"]?["start"]?["line"]?.intValue == 3, "the heading in B is on line 3; got \(String(describing: references))")
    }
}
