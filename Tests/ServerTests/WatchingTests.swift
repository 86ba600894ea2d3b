import Foundation
import TestSupport
import Testing
import VaultFiles
import VaultProtocol
@testable import VaultServer

/// Files changed outside the editor reach every client, with nothing typed:
/// the server watches the vault itself when the client registers no watcher,
/// and pushes diagnostics to clients that cannot be asked to pull again.
///
/// Serialized: each server here holds inotify instances, which are few.
@Suite(.serialized) struct WatchingTests {
    /// Neovim 0.10+ pulls on open and after its own edits, and takes no refresh.
    static let pullWithoutRefresh: JSON = ["textDocument": ["diagnostic": ["dynamicRegistration": false]]]
    /// Helix and other small clients: neither watchers nor pull.
    static let neitherWatchersNorPull: JSON = ["textDocument": ["publishDiagnostics": ["relatedInformation": true]]]

    @Test(arguments: [("pull without refresh", pullWithoutRefresh), ("neither watchers nor pull", neitherWatchersNorPull)])
    func filesChangedOnDiskReachTheOpenNotes(client kind: String, capabilities: JSON) throws {
        let vault = TemporaryFolder()
        vault.write("Index.md", "[[Later]]\n")
        vault.write("Other.md", "[[Later]] [[Fresh]]\n")
        let hubText = (0..<300).map { "[[Many/N\($0)]]" }.joined(separator: "\n")
        vault.write("Hub.md", hubText)
        let server = startedServer(vault, capabilities: capabilities, initializationOptions: ["files": ["watcher": "auto"]])
        let client = server.client
        let logged = client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("file watcher:") == true }
        #expect(logged?["params"]?["message"] == "file watcher: vault-ls's own (the client registers no file watchers)", "\(kind)")
        let watching = client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("watching \(vault.path)") == true }
        try #require(watching != nil, "\(kind): waited for the log line saying the vault is watched")

        let index = vault.path + "/Index.md", other = vault.path + "/Other.md", hub = vault.path + "/Hub.md"
        client.open(index, text: "[[Later]]\n")
        client.open(other, text: "[[Later]] [[Fresh]]\n")
        client.open(hub, text: hubText)
        expectDiagnostics(client, index, count: 1, "\(kind): warnings on open")
        expectDiagnostics(client, other, count: 2, "\(kind): warnings on open")
        expectDiagnostics(client, hub, count: 300, "\(kind): warnings on open")

        _ = client.drain()  // Diagnostics of the step before must not answer this one.
        vault.write("Later.md", "# Later\n")
        expectDiagnostics(client, index, count: 0, "\(kind): a note created on disk clears the warning that linked to it")
        expectDiagnostics(client, other, count: 1, "\(kind): a note created on disk clears the warning that linked to it")

        _ = client.drain()  // Diagnostics of the step before must not answer this one.
        try FileManager.default.removeItem(atPath: vault.path + "/Later.md")
        expectDiagnostics(client, index, count: 1, "\(kind): a note deleted on disk is flagged again")
        _ = client.drain()  // Diagnostics of the step before must not answer this one.
        vault.write("Later.md", "# Later, again\n")
        expectDiagnostics(client, index, count: 0, "\(kind): the note back on disk clears the warning again")

        _ = client.drain()  // Diagnostics of the step before must not answer this one.
        for number in 0..<300 { vault.write("Many/N\(number).md", "Note \(number)\n") }
        expectDiagnostics(client, hub, count: 0, "\(kind): 300 notes written at once are all indexed")

        _ = client.drain()  // Diagnostics of the step before must not answer this one.
        // A note written and saved in the editor: the other open note is not touched, and its warning goes.
        let fresh = vault.path + "/Fresh.md"
        client.open(fresh, text: "")
        client.change(fresh, version: 2, from: (0, 0), to: (0, 0), with: "# Fresh\n")
        vault.write("Fresh.md", "# Fresh\n")
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(LSPClient.fileURI(fresh))], "text": "# Fresh\n"])
        expectDiagnostics(client, other, count: 0, "\(kind): a note saved in the editor clears another open note's warning")
        _ = client.drain()  // Diagnostics of the step before must not answer this one.
        // The editor's text wins over the disk for an open note.
        vault.write("Fresh.md", "# Written elsewhere\n[[Nowhere]]\n")
        client.change(fresh, version: 3, from: (1, 0), to: (1, 0), with: "[[Index]]")
        expectDiagnostics(client, fresh, count: 0, "\(kind): the open note's own text, not the disk's")
    }

    @Test func aNoteSavedByTheEditorWithoutOpeningItIsReadFromDisk() {
        let vault = TemporaryFolder()
        let server = startedServer(vault)  // No watcher: only the editor's save tells.
        let client = server.client
        let index = vault.path + "/Index.md"
        client.open(index, text: "[[New note]]")
        expectDiagnostics(client, index, count: 1, "a warning on open")
        vault.write("New note.md", "# New note\n")
        client.notify("textDocument/didSave", ["textDocument": ["uri": .string(LSPClient.fileURI(vault.path + "/New note.md"))]])
        expectDiagnostics(client, index, count: 0, "the warning cleared by the save of a note that was not open")
    }

    /// A folder moved in the editor is heard of twice, from `didRenameFiles`
    /// and from the watcher; the index takes it once, and no false warning shows meanwhile.
    @Test func aMoveTheEditorReportsAndTheWatcherSeesIsOneChange() throws {
        let vault = TemporaryFolder()
        vault.write("Old/Target.md", "# Target\n")
        vault.write("Old/Second.md", "")
        let server = startedServer(vault, initializationOptions: ["files": ["watcher": "server"]])
        let client = server.client
        try #require(
            client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("watching \(vault.path)") == true } != nil,
            "waited for the log line saying the vault is watched")
        let index = vault.path + "/Index.md"
        client.open(index, text: "[[Target]] [[Second]] [[Marker]]")
        expectDiagnostics(client, index, count: 1, "the one warning, on [[Marker]], on open")
        for order in ["the editor first", "the watcher first"] {
            let (from, to) = order == "the editor first" ? ("Old", "New") : ("New", "Old")
            try FileManager.default.moveItem(atPath: vault.path + "/" + from, toPath: vault.path + "/" + to)
            let rename: JSON = ["files": [["oldUri": .string(LSPClient.fileURI(vault.path + "/" + from)), "newUri": .string(LSPClient.fileURI(vault.path + "/" + to))]]]
            if order == "the editor first" { client.notify("workspace/didRenameFiles", rename) }
            // A note the open note links to, written after the move: once its warning goes, the move's events were applied.
            vault.write("Marker.md", "")
            expectDiagnostics(client, index, count: 0, "\(order): the warning on [[Marker]] cleared")
            if order == "the watcher first" { client.notify("workspace/didRenameFiles", rename) }
            try FileManager.default.removeItem(atPath: vault.path + "/Marker.md")
            expectDiagnostics(client, index, count: 1, "\(order): the warning on [[Marker]] back")
            let shown = client.drain().filter { $0["method"] == "textDocument/publishDiagnostics" }
                .flatMap { $0["params"]?["diagnostics"]?.arrayValue ?? [] }.compactMap { $0["message"]?.stringValue }
            #expect(shown.allSatisfy { $0.contains("Marker") }, "\(order): no other warning showed: \(shown)")
            let definition = client.request(
                "textDocument/definition",
                ["textDocument": ["uri": .string(LSPClient.fileURI(index))], "position": ["line": 0, "character": 3]])
            #expect(definition?["result"]?[0]?["uri"]?.stringValue == LSPClient.fileURI(vault.path + "/" + to + "/Target.md"), "\(order)")
        }
    }

    @Test func aPullBeforeTheVaultIsIndexedWaitsForTheIndex() {
        let vault = TemporaryFolder.seedVault()
        vault.write("Pulled.md", "[[Missing]] [[000_d924134c34514500]]")
        let server = InProcessServer()
        let client = server.client
        let capabilities: JSON = [
            "textDocument": ["diagnostic": ["dynamicRegistration": false]],
            "workspace": ["diagnostics": ["refreshSupport": true]],
        ]
        let result = client.initialize(root: vault.path, capabilities: capabilities)
        #expect(result?["capabilities"]?["diagnosticProvider"] != nil)
        let path = vault.path + "/Pulled.md"
        client.open(path, text: "[[Missing]] [[000_d924134c34514500]]")
        let answer = client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(LSPClient.fileURI(path))]])
        #expect(answer?["result"]?["items"]?.arrayValue?.map { $0["code"] } == ["unresolved-link"])
    }

    @Test func aClientThatPullsWithoutRefreshIsNotOfferedPull() {
        let vault = TemporaryFolder()
        let server = InProcessServer()
        let result = server.client.initialize(root: vault.path, capabilities: Self.pullWithoutRefresh)
        #expect(result?["capabilities"]?["diagnosticProvider"] == nil)
    }

    @Test func eachWorkspaceFolderIsWatchedOnItsOwnUntilItIsClosed() {
        let vault = TemporaryFolder()
        let second = TemporaryFolder()
        let server = startedServer(vault, initializationOptions: ["files": ["watcher": "server"]])
        let client = server.client
        client.notify(
            "workspace/didChangeWorkspaceFolders",
            ["event": ["added": [["uri": .string(LSPClient.fileURI(second.path)), "name": "second"]], "removed": []]])
        #expect(waitUntil { isWatched(vault.path) }, "waited for an inotify watch on the first vault's folder")
        #expect(waitUntil { isWatched(second.path) }, "waited for an inotify watch on the second vault's folder")
        client.notify(
            "workspace/didChangeWorkspaceFolders",
            ["event": ["added": [], "removed": [["uri": .string(LSPClient.fileURI(vault.path)), "name": "vault"]]]])
        #expect(waitUntil { !isWatched(vault.path) }, "waited for the inotify watch on the closed vault's folder to go")
        // The other vault is still watched: a note created there reaches its open note.
        #expect(isWatched(second.path))
        let note = second.path + "/Note.md"
        client.open(note, text: "[[Created]]")
        expectDiagnostics(client, note, count: 1, "a warning on open in the second vault")
        second.write("Created.md", "")
        expectDiagnostics(client, note, count: 0, "the warning cleared by a note created in the second vault")
    }

    /// Events the kernel dropped (its queue overflowed, a watch vanished) are
    /// never a stale index: the watcher reports a rescan, and the whole vault
    /// is compared with the disk. The rescan is handed to the server directly
    /// here, as the kernel cannot be made to overflow on purpose.
    @Test func lostEventsLeadToARescanOfTheWholeVault() {
        let vault = TemporaryFolder()
        vault.write("Open.md", "[[Created]] [[Deleted]] [[Folder/Inside]]")
        vault.write("Deleted.md", "")
        let sent = Sent()
        let events = EventQueue()
        let server = LanguageServer(send: { sent.append($0.json) }, post: { events.post($0) }, cancelled: CancelledRequests())
        server.logsToStandardError = false
        func deliver(_ message: JSON) { _ = server.handle(.message(JSONWriter.bytes(message))) }
        deliver([
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": ["rootUri": .string(LSPClient.fileURI(vault.path)), "capabilities": [:], "initializationOptions": LSPClient.notWatching],
        ])
        deliver(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        _ = server.handle(events.take())  // The vault loaded.
        let open = vault.path + "/Open.md"
        deliver([
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": ["textDocument": ["uri": .string(LSPClient.fileURI(open)), "languageId": "markdown", "version": 1, "text": "[[Created]] [[Deleted]] [[Folder/Inside]]"]],
        ])
        #expect(sent.lastDiagnostics(of: open) == ["No note or attachment named 'Created'", "No note or attachment at 'Folder/Inside'"])
        vault.write("Created.md", "")
        vault.write("Folder/Inside.md", "")
        try? FileManager.default.removeItem(atPath: vault.path + "/Deleted.md")
        server.filesChangedOnDisk(root: vault.path, FolderWatcher.Changes(rescanReason: "the kernel's queue of file events overflowed"))
        #expect(sent.lastDiagnostics(of: open) == ["No note or attachment named 'Deleted'"])
    }

    @Test func theEditorsConfigurationCanTurnTheWatcherOn() {
        let vault = TemporaryFolder()
        let server = InProcessServer()
        let client = server.client
        client.configuration = ["files": ["watcher": "server"]]
        client.initialize(root: vault.path, capabilities: ["workspace": ["configuration": true]])
        let lines = ["file watcher: none (files.watcher is off: files changed outside the editor are not seen)",
            "file watcher: vault-ls's own (files.watcher is server)"]
        for line in lines {
            #expect(client.waitFor { $0["params"]?["message"]?.stringValue == line } != nil, "waited for the log line '\(line)'")
        }
        #expect(client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("watching \(vault.path)") == true } != nil,
            "waited for the log line saying the vault is watched")
    }

    @Test func offWatchesNothing() {
        let vault = TemporaryFolder()
        let server = startedServer(vault)
        let logged = server.client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("file watcher:") == true }
        #expect(
            logged?["params"]?["message"]
                == "file watcher: none (files.watcher is off: files changed outside the editor are not seen)")
    }
}

/// What a server constructed in the test sent, in order.
private final class Sent: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [JSON] = []

    func append(_ message: JSON) { lock.withLock { messages.append(message) } }

    /// The messages of the last diagnostics published for a note.
    func lastDiagnostics(of path: String) -> [String]? {
        lock.withLock {
            messages.last {
                $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == LSPClient.fileURI(path)
            }?["params"]?["diagnostics"]?.arrayValue?.compactMap { $0["message"]?.stringValue }
        }
    }
}

/// Waits for the next diagnostics of a note to have `count` items; records
/// what it waited for when they do not come.
private func expectDiagnostics(
    _ client: LSPClient, _ path: String, count: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let uri = LSPClient.fileURI(path)
    let found = client.waitFor(timeout: 10) {
        $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri
            && $0["params"]?["diagnostics"]?.arrayValue?.count == count
    }
    #expect(found != nil, "\(what): waited 10 s for \(count) diagnostics of \(path)", sourceLocation: sourceLocation)
}

/// Whether an inotify instance of this process watches a folder (its
/// `/proc/self/fdinfo` lists the folder's inode), whatever other tests watch meanwhile.
private func isWatched(_ folder: String) -> Bool {
    guard let inode = (try? FileManager.default.attributesOfItem(atPath: folder))?[.systemFileNumber] as? UInt64 else {
        return false
    }
    let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return descriptors.contains { descriptor in
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + descriptor)) == "anon_inode:inotify"
        else { return false }
        let info = (try? String(contentsOfFile: "/proc/self/fdinfo/" + descriptor, encoding: .utf8)) ?? ""
        return info.contains(" ino:\(String(inode, radix: 16)) ")
    }
}

/// Whether `condition` became true within 10 s.
private func waitUntil(_ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}
