import Foundation
import TestSupport
import Testing
import VaultProtocol

/// Input that once killed the server or made its text drift from the editor's.
/// Each case ends with a request that proves the server still serves.
@Suite struct HostileInputTests {
    private static let positionRequests = [
        "textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/hover",
        "textDocument/prepareRename", "textDocument/rename", "textDocument/codeAction",
    ]

    /// A server on a fresh vault (with `files`) and one note open in it, `A.md`.
    private func openedNote(
        _ text: String, files: [String: String] = [:], capabilities: JSON = .object([:])
    ) -> (server: InProcessServer, path: String, uri: String) {
        let vault = TemporaryFolder()
        for (path, content) in files { vault.write(path, content) }
        let server = startedServer(vault, capabilities: capabilities)
        let path = vault.path + "/A.md"
        server.client.open(path, text: text)
        return (server, path, LSPClient.fileURI(path))
    }

    private func params(_ method: String, uri: String, line: Int, character: Int) -> JSON {
        let position: JSON = ["line": .int(line), "character": .int(character)]
        var params: [String: JSON] = ["textDocument": ["uri": .string(uri)], "position": position]
        if method == "textDocument/rename" { params["newName"] = "Renamed" }
        if method == "textDocument/references" { params["context"] = ["includeDeclaration": true] }
        if method == "textDocument/codeAction" {
            params["range"] = ["start": position, "end": position]
            params["context"] = ["diagnostics": []]
        }
        return .object(params)
    }

    @Test func positionsPastTheEndClampWhateverTheirSize() {
        let (server, path, uri) = openedNote("x\n[[Beta]] [[Gamma]]", files: ["Beta.md": "# Beta\n"])
        for method in Self.positionRequests {
            let answer = server.client.request(method, params(method, uri: uri, line: 1, character: Int.max))
            #expect(answer != nil, "\(method) answered")
            // Renames may be refused (the cursor is at the end of a link to a missing note); the rest answer.
            if !method.contains("ename") { #expect(answer?["error"] == nil, "\(method): \(String(describing: answer))") }
        }
        // An edit past the end of line 1 lands at its end.
        server.client.change(path, version: 2, from: (1, Int.max), to: (1, Int.max), with: " [[Delta]]")
        let diagnostics = server.client.diagnostics(for: uri, version: 2)
        #expect(diagnostics?.map { $0["range"]?.rangeText } == ["1:9-1:18", "1:19-1:28"])
    }

    @Test func negativePositionsAreRefusedInRequestsAndClampedInEdits() {
        let (server, path, uri) = openedNote("[[Gamma]]")
        for method in Self.positionRequests {
            let answer = server.client.request(method, params(method, uri: uri, line: 0, character: -1))
            #expect(answer?["error"]?["code"] == .int(ErrorCode.invalidParams.rawValue), "\(method)")
        }
        server.client.change(path, version: 2, from: (-3, -1), to: (0, 0), with: "x ")
        let logged = server.client.waitFor { $0["method"] == "window/logMessage" && $0["params"]?["message"]?.stringValue?.contains("negative") == true }
        #expect(logged != nil, "a log line about the clamped position")
        #expect(server.client.diagnostics(for: uri, version: 2)?.map { $0["range"]?.rangeText } == ["0:2-0:11"])
    }

    @Test func aChangeListWithAMalformedChangeIsNotHalfApplied() {
        let (server, _, uri) = openedNote("[[Gamma]]")
        let insert: JSON = ["range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]], "text": "xyz "]
        server.client.notify(
            "textDocument/didChange",
            ["textDocument": ["uri": .string(uri), "version": 2], "contentChanges": [insert, ["range": ["start": 1], "text": "?"]]])
        // The same insert again, alone: applied once, not twice.
        server.client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": 3], "contentChanges": [insert]])
        #expect(server.client.diagnostics(for: uri, version: 3)?.map { $0["range"]?.rangeText } == ["0:4-0:13"])
    }

    @Test func anEditInsideACharacterSnapsToItsStart() {
        // (encoding, text, column inside its first character, expected range of the link after inserting "x")
        let cases: [(String, String, Int, String)] = [
            ("utf-8", "é [[Beta]]", 1, "0:4-0:12"),  // into é's second byte: before é
            ("utf-16", "🚀 [[Beta]]", 1, "0:4-0:12"),  // into the surrogate pair: after 🚀
        ]
        for (encoding, text, column, expected) in cases {
            let (server, path, uri) = openedNote(text, capabilities: ["general": ["positionEncodings": [.string(encoding)]]])
            server.client.change(path, version: 2, from: (0, column), to: (0, column), with: "x")
            let diagnostics = server.client.diagnostics(for: uri, version: 2)
            #expect(diagnostics?.first?["range"]?.rangeText == expected, "\(encoding)")
            #expect(diagnostics?.first?["message"] == "No note or attachment named 'Beta'", "\(encoding)")
        }
    }

    @Test func aLoneCarriageReturnIsALineBreak() {
        let (server, path, uri) = openedNote("a\rb [[Gamma]]")
        #expect(server.client.diagnostics(for: uri)?.map { $0["range"]?.rangeText } == ["1:2-1:11"])
        server.client.change(path, version: 2, from: (1, 0), to: (1, 1), with: "bb")
        #expect(server.client.diagnostics(for: uri, version: 2)?.map { $0["range"]?.rangeText } == ["1:3-1:12"])
    }

    @Test func badContentLengthsAreSkippedAndTheNextMessageIsServed() {
        let server = InProcessServer()
        let client = server.client
        client.initialize(root: nil)
        let body = Array(#"{"jsonrpc":"2.0","id":900,"method":"vault/unknown"}"#.utf8)
        for (number, header) in ["-5", "abc", "123456789012345678901234567890", "1099511627776"].enumerated() {
            let id = 100 + number
            client.sendRaw(Array("Content-Length: \(header)\r\n\r\n".utf8) + body)
            client.sendRaw(LSPClient.frame(["jsonrpc": "2.0", "id": .int(id), "method": "vault/unknown"]))
            let answer = client.waitFor(timeout: 10) { $0["id"] == .int(id) }
            #expect(answer?["error"]?["code"] == .int(ErrorCode.methodNotFound.rawValue), "after Content-Length: \(header)")
        }
        #expect(client.request("shutdown")?["result"] == .null)
    }

    @Test func aNoteWithMoreProblemsThanTheCapShowsTheFirstAndSaysSo() {
        let (server, _, uri) = openedNote(String(repeating: "[[x]] ", count: 2_500))
        let diagnostics = server.client.diagnostics(for: uri)
        #expect(diagnostics?.count == 2_000)
        #expect(diagnostics?.last?["range"]?.rangeText == "0:11994-0:11999")
        let logged = server.client.waitFor { $0["method"] == "window/logMessage" && $0["params"]?["message"]?.stringValue?.contains("more than 2000 problems") == true }
        #expect(logged != nil, "a log line saying the diagnostics were cut")
    }

    @Test func aBurstOfEditsIsIndexedBeforeARequestAboutItsNote() {
        let (server, _, uri) = openedNote("", files: ["Target.md": "# Target\n"])
        // Type "[[Target]]" a character at a time, all in one write, then ask
        // for the definition under the cursor at once.
        var frames: [UInt8] = []
        for (index, character) in "[[Target]]".enumerated() {
            frames += LSPClient.frame([
                "jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": [
                    "textDocument": ["uri": .string(uri), "version": .int(index + 2)],
                    "contentChanges": [["range": ["start": ["line": 0, "character": .int(index)], "end": ["line": 0, "character": .int(index)]], "text": .string(String(character))]],
                ],
            ])
        }
        frames += LSPClient.frame([
            "jsonrpc": "2.0", "id": 700, "method": "textDocument/definition",
            "params": ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 4]],
        ])
        server.client.sendRaw(frames)
        let definition = server.client.waitFor { $0["id"] == 700 }
        #expect(definition?["result"]?[0]?["uri"]?.stringValue == uri.replacingOccurrences(of: "/A.md", with: "/Target.md"))
        // The last diagnostics are those of the last version.
        #expect(server.client.diagnostics(for: uri, version: 11) == [])
    }
}
