import Foundation
import TestSupport
import Testing
import VaultFiles
import VaultProtocol
@testable import VaultServer

/// A watched-file event from the client that arrives while the vault
/// loads, about a file the load had already read.
@Suite struct LoadingEventsTests {
    @Test func aClientEventDuringTheLoadIsNotLost() throws {
        let folder = TemporaryFolder()
        folder.write("Home.md", "[[Missing]]\n")
        let posted = Locked<[ServerEvent]>([])
        let server = LanguageServer(send: { _ in }, post: { event in posted.withLock { $0.append(event) } }, cancelled: CancelledRequests())
        server.logsToStandardError = false
        func message(_ json: JSON) { _ = server.handle(.message(JSONWriter.bytes(json))) }
        message(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [
            "processId": .null, "rootUri": .string(LSPClient.fileURI(folder.path)),
            "capabilities": ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]],
            "initializationOptions": ["files": ["watcher": "client"]],
        ]])
        message(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        // The load has read the disk once its result is posted (not yet handled).
        let deadline = Date().addingTimeInterval(60)
        while posted.withLock({ $0.isEmpty }) {
            if Date() > deadline { Issue.record("the vault's load posted nothing within 60 s"); return }
            usleep(1000)
        }
        folder.write("Home.md", "fixed\n")
        message(["jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles", "params": [
            "changes": [["uri": .string(LSPClient.fileURI(folder.path + "/Home.md")), "type": 2]],
        ]])
        for event in posted.withLock({ events in defer { events.removeAll() }; return events }) { _ = server.handle(event) }
        #expect(server.workspaces[0].isLoaded)
        let live = server.workspaces[0].vault.record(at: "Home.md")?.note.text
        #expect(live == "fixed\n", "the index holds what the disk holds after the reported change; it holds \(String(describing: live))")
    }
}
