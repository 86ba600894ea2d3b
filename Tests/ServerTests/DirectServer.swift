import Foundation
import TestSupport
import Testing
import VaultIndex
import VaultProtocol
@testable import VaultServer

/// The server driven on the test's own thread, one message at a time: the
/// test decides the exact order of the editor's messages and of what happens
/// on disk between them (the orders a race can produce), and reads the index
/// the server keeps, to compare it with a fresh load of the same files.
///
/// Work the server schedules for later (reading edited files again after a
/// delay) is never run: what a test checks holds without it.
final class DirectServer {
    private let server: LanguageServer
    private let sent = Locked<[JSON]>([])
    private let posted = Locked<[ServerEvent]>([])
    private var nextID = 1

    init(root: String, capabilities: JSON) {
        let sent = self.sent
        let posted = self.posted
        server = LanguageServer(
            send: { message in sent.withLock { $0.append(message.json) } },
            post: { event in posted.withLock { $0.append(event) } },
            cancelled: CancelledRequests())
        server.logsToStandardError = false
        _ = request("initialize", ["processId": .null, "rootUri": .string(LSPClient.fileURI(root)), "capabilities": capabilities])
        notify("initialized")
        // The vault loads on another thread and hands its index over as an event.
        let deadline = Date().addingTimeInterval(60)
        while server.workspaces.first?.isLoaded != true {
            let events = posted.withLock { events in defer { events.removeAll() }; return events }
            for event in events { _ = server.handle(event) }
            if Date() > deadline {
                Issue.record("the vault at \(root) was not loaded within 60 s")
                return
            }
            if events.isEmpty { usleep(1000) }
        }
    }

    /// The index the running server keeps.
    var vault: Vault { server.workspaces[0].vault }

    func request(_ method: String, _ params: JSON) -> JSON? {
        let id = nextID
        nextID += 1
        _ = server.handle(.message(JSONWriter.bytes(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])))
        return sent.withLock { messages in messages.last { $0["id"] == .int(id) } }
    }

    func notify(_ method: String, _ params: JSON = .object([:])) {
        _ = server.handle(.message(JSONWriter.bytes(["jsonrpc": "2.0", "method": .string(method), "params": params])))
    }
}

/// A value shared with other threads, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
