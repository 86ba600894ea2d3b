#if canImport(Glibc)
    import Glibc
#endif
import Dispatch
import Synchronization
import VaultProtocol

/// What the server reacts to, in the order it happened.
enum ServerEvent: Sendable {
    /// A whole message body from the client.
    case message([UInt8])
    /// Bytes on stdin that were not a valid frame.
    case frameError(String)
    /// The client closed stdin.
    case endOfInput
    /// Work finished off the event loop (a vault loaded), to apply on it.
    case completion(@Sendable (LanguageServer) -> Void)
}

/// A queue of events: any thread posts, the event loop takes them one at a time.
final class EventQueue: Sendable {
    private let events = Mutex<[ServerEvent]>([])
    private let available = DispatchSemaphore(value: 0)

    func post(_ event: ServerEvent) {
        events.withLock { $0.append(event) }
        available.signal()
    }

    func take() -> ServerEvent {
        available.wait()
        return events.withLock { $0.removeFirst() }
    }
}

/// Serves LSP over a pair of file descriptors (stdin and stdout for `vault-ls`).
///
/// One thread reads and frames the input; one serial loop (the caller's thread)
/// owns all state and handles events in order, so the protocol's ordering holds.
/// Only `$/cancelRequest` is looked at early, by the reader, so that a request
/// still waiting in the queue can be answered as cancelled.
public final class ServerLoop {
    private let input: Int32
    private let writer: FrameWriter
    private let queue = EventQueue()

    private let logsToStandardError: Bool

    /// - Parameter logsToStandardError: also write log lines to stderr (tests turn it off).
    public init(input: Int32, output: Int32, logsToStandardError: Bool = true) {
        self.input = input
        self.logsToStandardError = logsToStandardError
        writer = FrameWriter(output: output)
    }

    /// Runs until `exit` or the end of input; returns the process exit status.
    public func run() -> Int32 {
        signal(SIGPIPE, SIG_IGN)  // A client that went away must not kill the server mid-write.
        let cancelled = CancelledRequests()
        let server = LanguageServer(
            send: { [writer] message in writer.write(JSONWriter.bytes(message.json)) },
            post: { [queue] event in queue.post(event) },
            cancelled: cancelled)
        server.logsToStandardError = logsToStandardError
        let reader = InputReader(input: input, queue: queue, cancelled: cancelled)
        reader.start()
        while true {
            if let status = server.handle(queue.take()) { return status }
        }
    }
}

/// Ids of requests the client cancelled before the loop reached them.
final class CancelledRequests: Sendable {
    private let ids = Mutex<Set<String>>([])

    static func key(_ id: JSON) -> String { JSONWriter.string(id) }

    func insert(_ id: JSON) { _ = ids.withLock { $0.insert(Self.key(id)) } }

    /// Whether the request was cancelled (and forgets it).
    func take(_ id: JSON) -> Bool { ids.withLock { $0.remove(Self.key(id)) != nil } }
}

/// Writes whole frames; never two at once.
final class FrameWriter: Sendable {
    private let output: Int32
    private let lock = Mutex<Void>(())

    init(output: Int32) { self.output = output }

    func write(_ body: [UInt8]) {
        let frame = FrameReader.frame(body)
        lock.withLock { _ in
            frame.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(output, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { return }  // The client is gone; the reader will see the end of input.
                    offset += written
                }
            }
        }
    }
}

/// The reader thread: stdin into frames into events.
private final class InputReader: Sendable {
    private let input: Int32
    private let queue: EventQueue
    private let cancelled: CancelledRequests

    init(input: Int32, queue: EventQueue, cancelled: CancelledRequests) {
        self.input = input
        self.queue = queue
        self.cancelled = cancelled
    }

    func start() {
        let work = DispatchWorkItem { [self] in run() }
        DispatchQueue(label: "vault-ls.stdin").async(execute: work)
    }

    private func run() {
        var frames = FrameReader()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            frames.append(buffer[0..<count])
            while true {
                do {
                    guard let body = try frames.next() else { break }
                    noteCancellation(body)
                    queue.post(.message(body))
                } catch {
                    queue.post(.frameError(error.description))
                }
            }
        }
        queue.post(.endOfInput)
    }

    /// Records `$/cancelRequest` as soon as it arrives (it is also queued, and ignored there).
    private func noteCancellation(_ body: [UInt8]) {
        guard body.count < 512, String(decoding: body, as: UTF8.self).contains("$/cancelRequest"),
            let json = try? JSONParser.parse(body), json["method"]?.stringValue == "$/cancelRequest",
            let id = json["params"]?["id"]
        else { return }
        cancelled.insert(id)
    }
}
