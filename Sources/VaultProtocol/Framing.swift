/// LSP base-protocol framing: `Content-Length: N\r\n\r\n` then N bytes of JSON.
///
/// Bytes arrive in any pieces (a message split over reads, several in one);
/// ``FrameReader`` hands out whole message bodies.
public struct FrameReader: Sendable {
    public enum FrameError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A header block without a usable `Content-Length`; it was skipped.
        case badHeader(String)
        /// A `Content-Length` above ``maximumLength``; nothing was allocated for it.
        case tooLarge(Int)
        public var description: String {
            switch self {
            case .badHeader(let header):
                "a message header without a valid Content-Length was skipped, up to the next Content-Length: \(header)"
            case .tooLarge(let length):
                "a message of \(length) bytes is above the limit of \(FrameReader.maximumLength) bytes; it was skipped, up to the next Content-Length"
            }
        }
    }

    /// The largest message body accepted: 256 MiB. A larger `Content-Length`
    /// is refused rather than waited for (a terabyte would never come).
    public static let maximumLength = 256 << 20
    static let maximumHeaderLength = 8192

    private var buffer: [UInt8] = []
    private var start = 0
    /// After a bad header, the bytes up to the next `Content-Length` header are
    /// the bad message's body (or noise) and are dropped.
    private var resynchronizing = false

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
        if resynchronizing {
            guard let header = findContentLengthHeader() else {
                // Keep a tail that may be the start of a header cut by the read.
                start = max(start, buffer.count - Self.contentLength.count)
                return nil
            }
            start = header
            resynchronizing = false
        }
        guard let headerEnd = findHeaderEnd() else {
            // Headers are a few dozen bytes; kilobytes without an end are noise.
            guard buffer.count - start > Self.maximumHeaderLength else { return nil }
            let noise = String(decoding: buffer[start..<(start + 40)], as: UTF8.self)
            start += 1
            resynchronizing = true
            throw .badHeader(noise + "...")
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int?
        var lengthText: Substring?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingCharacters().lowercased() == "content-length" {
                lengthText = parts[1]
                length = Int(parts[1].trimmingCharacters())
            }
        }
        let bodyStart = headerEnd + 4
        guard let length, length >= 0, length <= Self.maximumLength else {
            start = bodyStart
            resynchronizing = true
            if let length, length > Self.maximumLength { throw .tooLarge(length) }
            throw .badHeader(lengthText.map { "Content-Length:" + $0 } ?? header)
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        start = bodyStart + length
        return body
    }

    private static let contentLength = Array("content-length".utf8)

    /// Where the next `Content-Length` header starts (ignoring case), if it has arrived.
    private func findContentLengthHeader() -> Int? {
        let pattern = Self.contentLength
        var index = start
        while index + pattern.count <= buffer.count {
            var matches = true
            for k in 0..<pattern.count where Self.lowercased(buffer[index + k]) != pattern[k] {
                matches = false
                break
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
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
