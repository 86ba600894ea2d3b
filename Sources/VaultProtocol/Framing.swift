/// LSP base-protocol framing: `Content-Length: N\r\n\r\n` then N bytes of JSON.
///
/// Bytes arrive in any pieces (a message split over reads, several in one);
/// ``FrameReader`` hands out whole message bodies.
public struct FrameReader: Sendable {
    public enum FrameError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A header block without a usable `Content-Length`; it was skipped.
        case badHeader(String)
        public var description: String {
            switch self {
            case .badHeader(let header): "a message header without a valid Content-Length was skipped: \(header)"
            }
        }
    }

    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    public mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole message body, nil when more bytes are needed.
    public mutating func next() throws(FrameError) -> [UInt8]? {
        guard let headerEnd = findHeaderEnd() else { return nil }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingCharacters() .lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters())
            }
        }
        let bodyStart = headerEnd + 4
        guard let length, length >= 0 else {
            start = bodyStart
            throw .badHeader(header)
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        start = bodyStart + length
        return body
    }

    private func findHeaderEnd() -> Int? {
        var index = start
        while index + 3 < buffer.count {
            if buffer[index] == 0x0D && buffer[index + 1] == 0x0A && buffer[index + 2] == 0x0D && buffer[index + 3] == 0x0A {
                return index
            }
            index += 1
        }
        return nil
    }

    /// A whole frame for a message body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
