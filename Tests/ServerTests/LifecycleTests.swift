import Foundation
import TestSupport
import Testing
import VaultProtocol

/// The protocol's lifecycle and its answers to bad input; the server always keeps serving.
@Suite struct LifecycleTests {
    @Test func handshakePicksUTF8WhenOffered() {
        let server = InProcessServer()
        let result = server.client.initialize(
            root: nil, capabilities: ["general": ["positionEncodings": ["utf-16", "utf-8"]]])
        #expect(result?["capabilities"]?["positionEncoding"] == "utf-8")
        #expect(result?["capabilities"]?["textDocumentSync"]?["change"] == 2)
        #expect(result?["capabilities"]?["executeCommandProvider"]?["commands"] == ["vault-ls.showBacklinks"])
        #expect(result?["serverInfo"]?["name"] == "vault-ls")
    }

    @Test func handshakeFallsBackToUTF16() {
        let server = InProcessServer()
        let offered = server.client.initialize(root: nil, capabilities: ["general": ["positionEncodings": ["utf-32"]]])
        #expect(offered?["capabilities"]?["positionEncoding"] == "utf-16")
        let silent = InProcessServer().client.initialize(root: nil)
        #expect(silent?["capabilities"]?["positionEncoding"] == "utf-16")
    }

    @Test func requestsBeforeInitializeAreRefused() {
        let server = InProcessServer()
        let answer = server.client.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///x.md"]])
        #expect(answer?["error"]?["code"] == .int(ErrorCode.serverNotInitialized.rawValue))
        #expect(server.client.initialize(root: nil) != nil)
    }

    @Test func unknownMalformedAndInvalidMessagesAreAnsweredAndServingGoesOn() {
        let server = InProcessServer()
        let client = server.client
        client.initialize(root: nil)
        #expect(client.request("vault/unknownThing")?["error"]?["code"] == .int(ErrorCode.methodNotFound.rawValue))
        client.notify("vault/unknownNotification")
        client.sendRaw(Array("Content-Length: 9\r\n\r\n{\"oops\": ".utf8))
        let parseError = client.waitFor { $0["error"]?["code"]?.intValue == ErrorCode.parseError.rawValue }
        #expect(parseError?["id"] == .null)
        client.sendRaw(LSPClient.frame(["jsonrpc": "2.0", "id": 77, "method": 5]))
        #expect(client.waitFor { $0["id"] == 77 }?["error"]?["code"] == .int(ErrorCode.invalidRequest.rawValue))
        let invalid = client.request("textDocument/diagnostic", ["textDocument": ["no-uri": 1]])
        #expect(invalid?["error"]?["code"] == .int(ErrorCode.invalidParams.rawValue))
        #expect(invalid?["error"]?["message"]?.stringValue?.contains("uri") == true)
        #expect(client.request("textDocument/diagnostic", nil)?["error"]?["code"] == .int(ErrorCode.invalidParams.rawValue))
        #expect(client.request("shutdown")?["result"] == .null)
    }

    @Test func shutdownThenExitEndsWithZero() {
        let server = InProcessServer()
        server.client.initialize(root: nil)
        #expect(server.client.request("shutdown")?["result"] == .null)
        let late = server.client.request("textDocument/diagnostic", ["textDocument": ["uri": "file:///x.md"]])
        #expect(late?["error"]?["code"] == .int(ErrorCode.invalidRequest.rawValue))
        server.client.notify("exit")
        #expect(server.exitStatus() == 0)
    }

    @Test func exitWithoutShutdownEndsWithOne() {
        let server = InProcessServer()
        server.client.initialize(root: nil)
        server.client.notify("exit")
        #expect(server.exitStatus() == 1)
    }

    @Test func endOfInputEndsCleanly() {
        let server = InProcessServer()
        server.client.initialize(root: nil)
        server.client.closeOutput()
        #expect(server.exitStatus() == 0)
    }

    @Test func framesSplitAcrossWritesAndJoinedInOne() {
        let server = InProcessServer()
        let client = server.client
        let initialize = LSPClient.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": [:]]])
        for byte in initialize {
            client.sendRaw([byte])
            usleep(200)
        }
        #expect(client.waitFor { $0["id"] == 1 }?["result"]?["capabilities"] != nil)
        let joined = (2...4).flatMap { id in
            LSPClient.frame(["jsonrpc": "2.0", "id": .int(id), "method": "vault/unknown"])
        }
        client.sendRaw(joined)
        for id in 2...4 { #expect(client.waitFor { $0["id"] == .int(id) }?["error"] != nil) }
    }

    @Test func aRequestCancelledBeforeItsTurnIsAnsweredAsCancelled() {
        let server = InProcessServer()
        let client = server.client
        client.initialize(root: nil)
        client.notify("$/cancelRequest", ["id": 500])
        client.send(["jsonrpc": "2.0", "id": 500, "method": "textDocument/diagnostic", "params": ["textDocument": ["uri": "file:///x.md"]]])
        #expect(client.waitFor { $0["id"] == 500 }?["error"]?["code"] == .int(ErrorCode.requestCancelled.rawValue))
    }

    @Test func traceSendsLogTrace() {
        let server = InProcessServer()
        let client = server.client
        client.initialize(root: nil)
        client.notify("$/setTrace", ["value": "messages"])
        client.request("vault/unknown")
        #expect(client.waitFor { $0["method"] == "$/logTrace" }?["params"]?["message"] == "received request 'vault/unknown'")
    }

    @Test func progressAndWatcherRegistrationWhenTheClientSupportsThem() {
        let vault = TemporaryFolder()
        vault.write("A.md", "[[B]]")
        let server = InProcessServer()
        let client = server.client
        client.initialize(
            root: vault.path,
            capabilities: [
                "window": ["workDoneProgress": true],
                "workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]],
            ],
            initializationOptions: ["files": ["watcher": "auto"]])
        let end = client.waitFor { $0["method"] == "$/progress" && $0["params"]?["value"]?["kind"] == "end" }
        #expect(end?["params"]?["value"]?["message"] == "1 notes")
        let methods = client.serverRequests.compactMap { $0["method"]?.stringValue }
        #expect(methods.contains("client/registerCapability"))
        #expect(methods.contains("window/workDoneProgress/create"))
        let registration = client.serverRequests.first { $0["method"] == "client/registerCapability" }
        #expect(registration?["params"]?["registrations"]?[0]?["registerOptions"]?["watchers"]?[0]?["globPattern"] == "**/*")
        // The log says who watches, and why.
        let watching = client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("file watcher:") == true }
        #expect(watching?["params"]?["message"] == "file watcher: the editor's (the client registers file watchers)")
    }
}
