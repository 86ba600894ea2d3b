import Foundation
import VaultProtocol

/// A scripted LSP client for tests: frames messages to a server, reads its
/// frames on a thread of its own, answers the server's requests, and waits
/// (with a time limit) for the answers and notifications a test expects.
public final class LSPClient: @unchecked Sendable {
    private let input: Int32
    private let output: Int32
    private let lock = NSCondition()
    private var received: [JSON] = []
    private var closed = false
    private var nextID = 1
    /// How the client answers `workspace/configuration`: one value per item.
    public var configuration: JSON = .null
    /// Every request the server sent, in order.
    public private(set) var serverRequests: [JSON] = []
    /// Output that was not a well-formed frame of JSON (there must be none).
    public private(set) var garbage: [String] = []

    /// Closes the output once (closing a descriptor twice can close another
    /// test's, which the system gave the same number meanwhile).
    private let closeOutputOnce: () -> Void
    private var outputClosed = false

    /// - Parameters:
    ///   - input: where the server's frames come from (its stdout).
    ///   - output: where this client writes (the server's stdin).
    ///   - closeOutput: how to close `output`, when its owner must do it.
    public init(input: Int32, output: Int32, closeOutput: (() -> Void)? = nil) {
        self.input = input
        self.output = output
        closeOutputOnce = closeOutput ?? { close(output) }
        signal(SIGPIPE, SIG_IGN)
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    // MARK: Sending

    public func sendRaw(_ bytes: [UInt8]) {
        lock.lock()
        let closed = outputClosed
        lock.unlock()
        guard !closed else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(output, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    public static func frame(_ message: JSON) -> [UInt8] { FrameReader.frame(JSONWriter.bytes(message)) }

    public func send(_ message: JSON) { sendRaw(Self.frame(message)) }

    public func notify(_ method: String, _ params: JSON = .object([:])) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and waits for its answer (the whole response object).
    @discardableResult
    public func request(_ method: String, _ params: JSON? = .object([:]), timeout: Double = 20) -> JSON? {
        let id = nextID
        nextID += 1
        var message: [String: JSON] = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        send(.object(message))
        return waitFor(timeout: timeout) { $0["id"]?.intValue == id && $0["method"] == nil }
    }

    public func closeOutput() {
        lock.lock()
        let alreadyClosed = outputClosed
        outputClosed = true
        lock.unlock()
        if !alreadyClosed { closeOutputOnce() }
    }

    // MARK: Receiving

    /// The first message (in arrival order) matching `predicate`, removed from
    /// the inbox; nil when none came within `timeout` seconds.
    public func waitFor(timeout: Double = 20, _ predicate: (JSON) -> Bool) -> JSON? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let index = received.firstIndex(where: predicate) { return received.remove(at: index) }
            if closed || !lock.wait(until: deadline) {
                if let index = received.firstIndex(where: predicate) { return received.remove(at: index) }
                return nil
            }
        }
    }

    /// The next `publishDiagnostics` for a URI (for a document version, when given).
    public func diagnostics(for uri: String, version: Int? = nil, timeout: Double = 20) -> [JSON]? {
        waitFor(timeout: timeout) {
            $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri
                && (version == nil || $0["params"]?["version"]?.intValue == version)
        }?["params"]?["diagnostics"]?.arrayValue
    }

    /// Every message received and not yet taken.
    public func drain() -> [JSON] {
        lock.lock()
        defer { lock.unlock() }
        let all = received
        received = []
        return all
    }

    /// Whether the server closed its output.
    public func waitForClose(timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while !closed { if !lock.wait(until: deadline) { break } }
        return closed
    }

    private func readLoop() {
        var frames = FrameReader()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(input, &buffer, buffer.count)
            if n <= 0 { break }
            frames.append(buffer[0..<n])
            while true {
                let body: [UInt8]
                do {
                    guard let next = try frames.next() else { break }
                    body = next
                } catch {
                    lock.lock()
                    garbage.append(error.description)
                    lock.unlock()
                    continue
                }
                guard let json = try? JSONParser.parse(body) else {
                    lock.lock()
                    garbage.append(String(decoding: body, as: UTF8.self))
                    lock.unlock()
                    continue
                }
                if json["method"] != nil, let id = json["id"] {
                    answer(json, id: id)
                }
                lock.lock()
                received.append(json)
                lock.broadcast()
                lock.unlock()
            }
        }
        lock.lock()
        closed = true
        lock.broadcast()
        lock.unlock()
    }

    /// Answers what servers ask of clients.
    private func answer(_ request: JSON, id: JSON) {
        lock.lock()
        serverRequests.append(request)
        let configuration = self.configuration
        lock.unlock()
        var result: JSON = .null
        if request["method"]?.stringValue == "workspace/configuration" {
            let count = request["params"]?["items"]?.arrayValue?.count ?? 1
            result = .array(Array(repeating: configuration, count: count))
        }
        send(["jsonrpc": "2.0", "id": id, "result": result])
    }

    // MARK: Conveniences

    /// Settings that keep the server from watching files.
    public static let notWatching: JSON = ["files": ["watcher": "off"]]

    public static func fileURI(_ path: String) -> String { URL(fileURLWithPath: path).absoluteString }

    /// `initialize` then `initialized`; returns the initialize result.
    ///
    /// Unless `initializationOptions` says otherwise, the server is asked not
    /// to watch files (`files.watcher: off`): tests run in parallel, and each
    /// watcher takes one of the few inotify instances a user may have (128).
    @discardableResult
    public func initialize(
        root: String?, capabilities: JSON = .object([:]), initializationOptions: JSON? = nil,
        workspaceFolders: [String]? = nil
    ) -> JSON? {
        var params: [String: JSON] = [
            "processId": .null, "capabilities": capabilities,
            "rootUri": root.map { .string(Self.fileURI($0)) } ?? .null,
        ]
        var options = initializationOptions?.objectValue ?? [:]
        if options["files"] == nil { options["files"] = Self.notWatching["files"] }
        params["initializationOptions"] = .object(options)
        if let workspaceFolders {
            params["workspaceFolders"] = .array(
                workspaceFolders.map { ["uri": .string(Self.fileURI($0)), "name": .string(($0 as NSString).lastPathComponent)] })
        }
        let response = request("initialize", .object(params))
        notify("initialized")
        return response?["result"]
    }

    public func open(_ path: String, text: String, version: Int = 1) {
        notify(
            "textDocument/didOpen",
            ["textDocument": ["uri": .string(Self.fileURI(path)), "languageId": "markdown", "version": .int(version), "text": .string(text)]])
    }

    /// An incremental edit: replaces a range (in the negotiated unit) with text.
    public func change(
        _ path: String, version: Int, from start: (Int, Int), to end: (Int, Int), with text: String
    ) {
        notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(Self.fileURI(path)), "version": .int(version)],
                "contentChanges": [
                    [
                        "range": [
                            "start": ["line": .int(start.0), "character": .int(start.1)],
                            "end": ["line": .int(end.0), "character": .int(end.1)],
                        ],
                        "text": .string(text),
                    ]
                ],
            ])
    }
}

extension JSON {
    /// `line:character-line:character` of an LSP range, for compact assertions.
    public var rangeText: String {
        let start = self["start"], end = self["end"]
        return "\(start?["line"]?.intValue ?? -1):\(start?["character"]?.intValue ?? -1)-\(end?["line"]?.intValue ?? -1):\(end?["character"]?.intValue ?? -1)"
    }
}
