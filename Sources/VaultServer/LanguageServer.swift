#if canImport(Glibc)
    import Glibc
#endif
import VaultFeatures
import VaultIndex
import VaultParser
import VaultProtocol

/// The language server's state and its answers: one instance, driven by one
/// serial event loop (``ServerLoop``), which hands it every event in order.
public final class LanguageServer {
    enum State {
        case waitingForInitialize
        case running
        case shuttingDown
    }

    var state = State.waitingForInitialize
    let send: (Message) -> Void
    let post: @Sendable (ServerEvent) -> Void
    let cancelled: CancelledRequests

    var client = ClientCapabilities()
    /// The unit of `character` in every position exchanged with the client.
    var unit = LineIndex.Unit.utf16
    /// What `initializationOptions` said; configuration answers apply on top of it.
    var initialSettings = Settings()
    var settings = Settings()
    var workspaces: [Workspace] = []
    /// Workspace folders named by `initialize`, opened on `initialized`.
    var pendingRoots: [String] = []
    /// Whether `initialized` arrived: from then on the server may send requests.
    var isInitialized = false
    /// Open documents by absolute path.
    var documents: [String: Document] = [:]
    /// Answers awaited from the client, by request id.
    var pendingRequests: [String: (JSON?, ResponseError?) -> Void] = [:]
    var nextRequestNumber = 1
    /// `$/setTrace`: "off", "messages" or "verbose".
    var trace = "off"
    var logsToStandardError = true
    /// Open notes edited since they were last indexed; see ``indexChangedDocuments(only:)``.
    var unindexedDocuments: Set<String> = []
    /// Notes whose diagnostics were cut to ``diagnosticsPerNote`` (logged once until they fit again).
    var notesWithCutDiagnostics: Set<String> = []
    /// Line indexes of notes that are not open, kept between requests (each checks it still fits the text).
    var lineIndexes: [String: LineIndex] = [:]
    /// Whether the client was asked to watch the vaults' files for the server.
    var clientWatchesFiles = false
    /// The last line logged about who watches files, so that it is logged only when it changes.
    var watchingLogLine = ""
    /// `textDocument/diagnostic` requests about notes of a vault still loading, answered when it has loaded.
    var waitingPulls: [(id: JSON, params: JSON?)] = []

    init(send: @escaping (Message) -> Void, post: @escaping @Sendable (ServerEvent) -> Void, cancelled: CancelledRequests)
    {
        self.send = send
        self.post = post
        self.cancelled = cancelled
    }

    /// Handles one event; returns the exit status when the server should stop.
    func handle(_ event: ServerEvent) -> Int32? {
        let status = handleEvent(event)
        if status != nil {
            // Each watcher holds one of the few inotify instances a user may have: give them back now.
            for workspace in workspaces { workspace.watcher?.stop() }
        }
        return status
    }

    private func handleEvent(_ event: ServerEvent) -> Int32? {
        switch event {
        case .message(let body):
            return handleMessage(body)
        case .frameError(let description):
            log(description, type: .error)
            return nil
        case .endOfInput:
            // The client is gone: nothing is left to serve, and nothing was lost.
            return 0
        case .completion(let work):
            work(self)
            return nil
        }
    }

    private func handleMessage(_ body: [UInt8]) -> Int32? {
        let json: JSON
        do {
            json = try JSONParser.parse(body)
        } catch {
            respond(to: .null, error: ResponseError(.parseError, error.description))
            return nil
        }
        let message: Message
        do {
            message = try Message(json)
        } catch {
            respond(to: json["id"] ?? .null, error: error)
            return nil
        }
        switch message {
        case .request(let id, let method, let params):
            if trace != "off" { logTrace("received request '\(method)'") }
            handleRequest(id: id, method: method, params: params)
        case .notification(let method, let params):
            if trace != "off" && method != "$/logTrace" { logTrace("received notification '\(method)'") }
            return handleNotification(method: method, params: params)
        case .response(let id, let result, let error):
            if let handler = pendingRequests.removeValue(forKey: CancelledRequests.key(id)) {
                handler(result, error)
            }
        }
        return nil
    }

    // MARK: Requests

    private func handleRequest(id: JSON, method: String, params: JSON?) {
        if cancelled.take(id) {
            respond(to: id, error: ResponseError(.requestCancelled, "'\(method)' was cancelled"))
            return
        }
        switch state {
        case .waitingForInitialize where method != "initialize":
            respond(to: id, error: ResponseError(.serverNotInitialized, "'\(method)' before 'initialize'"))
            return
        case .running where method == "initialize":
            respond(to: id, error: ResponseError(.invalidRequest, "'initialize' was already received"))
            return
        case .shuttingDown:
            respond(to: id, error: ResponseError(.invalidRequest, "the server is shutting down; only 'exit' is accepted"))
            return
        default:
            break
        }
        if !unindexedDocuments.isEmpty {
            // A request about one note sees its latest text; requests about
            // other notes need not wait for an edited note to be indexed, and
            // those that change or search the whole vault see every edit.
            if Self.requestsAboutOneNote.contains(method), let uri = params?["textDocument"]?["uri"]?.stringValue {
                if let path = FileURI.path(uri) { indexChangedDocuments(only: path) }
            } else {
                indexChangedDocuments()
            }
        }
        if method == "textDocument/diagnostic" && pullMustWait(params) {
            waitingPulls.append((id, params))
            return
        }
        let result: JSON
        do throws(ResponseError) {
            switch method {
            case "initialize": result = try initialize(params)
            case "shutdown":
                state = .shuttingDown
                result = .null
            case "textDocument/diagnostic": result = try pullDiagnostics(params)
            case "textDocument/completion": result = try completion(params)
            case "completionItem/resolve": result = try resolveCompletionItem(params)
            case "textDocument/definition": result = try definition(params)
            case "textDocument/references": result = try references(params)
            case "textDocument/hover": result = try hover(params)
            case "textDocument/documentSymbol": result = try documentSymbols(params)
            case "workspace/symbol": result = try workspaceSymbols(params)
            case "textDocument/documentLink": result = try documentLinks(params)
            case "textDocument/codeLens": result = try codeLenses(params)
            case "workspace/executeCommand": result = try executeCommand(params)
            case "textDocument/codeAction": result = try codeActions(params)
            case "textDocument/prepareRename": result = try prepareRename(params)
            case "textDocument/rename": result = try rename(params)
            case "workspace/willRenameFiles": result = try willRenameFiles(params)
            default:
                throw ResponseError(.methodNotFound, "'\(method)' is not supported")
            }
        } catch {
            respond(to: id, error: error)
            return
        }
        respond(to: id, result: result)
    }

    /// Requests whose answer holds positions in one note only (its own): they
    /// need that note indexed, not the others. Requests whose answer holds
    /// positions in other notes (definition, references) or checks links into
    /// them (diagnostics) index every edited note first, since an edited note's
    /// indexed text is behind the editor's.
    static let requestsAboutOneNote: Set<String> = [
        "textDocument/completion", "textDocument/hover", "textDocument/documentSymbol", "textDocument/documentLink",
        "textDocument/codeLens",
    ]

    func respond(to id: JSON, result: JSON) {
        send(.response(id: id, result: result, error: nil))
    }

    func respond(to id: JSON, error: ResponseError) {
        send(.response(id: id, result: nil, error: error))
    }

    /// Sends a request to the client; `handler` gets its answer on the event loop.
    func request(_ method: String, _ params: JSON, handler: @escaping (JSON?, ResponseError?) -> Void = { _, _ in }) {
        let id = JSON.string("vault-ls-\(nextRequestNumber)")
        nextRequestNumber += 1
        pendingRequests[CancelledRequests.key(id)] = handler
        send(.request(id: id, method: method, params: params))
    }

    func notify(_ method: String, _ params: JSON) {
        send(.notification(method: method, params: params))
    }

    // MARK: Notifications

    private func handleNotification(method: String, params: JSON?) -> Int32? {
        if method == "exit" { return state == .shuttingDown ? 0 : 1 }
        guard state == .running else { return nil }  // Dropped before `initialize`, and after `shutdown`.
        do throws(ResponseError) {
            switch method {
            case "initialized": initialized()
            case "textDocument/didOpen": try didOpen(params)
            case "textDocument/didChange": try didChange(params)
            case "textDocument/didClose": try didClose(params)
            case "textDocument/didSave": try didSave(params)
            case "workspace/didChangeWatchedFiles": try didChangeWatchedFiles(params)
            case "workspace/didChangeConfiguration": didChangeConfiguration(params)
            case "workspace/didChangeWorkspaceFolders": try didChangeWorkspaceFolders(params)
            case "workspace/didRenameFiles": try didRenameFiles(params)
            case "$/setTrace": trace = params?["value"]?.stringValue ?? "off"
            default: break  // `$/cancelRequest` was seen by the reader; unknown notifications are ignored.
            }
        } catch {
            log("'\(method)': \(error.message)", type: .error)
        }
        return nil
    }

    // MARK: Logging

    enum LogType: Int {
        case error = 1
        case warning = 2
        case info = 3
        case log = 4
    }

    /// A line for the user: in the client's log (`window/logMessage`) and on stderr.
    func log(_ message: String, type: LogType = .info) {
        if logsToStandardError {
            var line = "vault-ls: \(message)\n"
            line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        }
        if state != .waitingForInitialize {
            notify("window/logMessage", ["type": .int(type.rawValue), "message": .string(message)])
        }
    }

    func logTrace(_ message: String) {
        notify("$/logTrace", ["message": .string(message)])
    }
}

extension JSON {
    /// A required parameter, or an InvalidParams error naming it.
    func required(_ key: String) throws(ResponseError) -> JSON {
        guard let value = self[key], value != .null else { throw ResponseError(.invalidParams, "missing '\(key)'") }
        return value
    }

    func requiredString(_ key: String) throws(ResponseError) -> String {
        guard let value = self[key]?.stringValue else { throw ResponseError(.invalidParams, "'\(key)' must be a string") }
        return value
    }
}

extension Optional where Wrapped == JSON {
    func required() throws(ResponseError) -> JSON {
        guard let value = self, value != .null else { throw ResponseError(.invalidParams, "missing params") }
        return value
    }
}
