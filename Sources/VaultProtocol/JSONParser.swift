/// Parses JSON text (RFC 8259) from UTF-8 bytes.
public enum JSONParser {
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = 512

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSON {
        try bytes.withUnsafeBufferPointer { buffer throws(SyntaxError) in
            var reader = Reader(bytes: buffer)
            reader.skipWhitespace()
            let value = try reader.value(depth: 0)
            reader.skipWhitespace()
            guard reader.offset == buffer.count else { throw reader.error("unexpected text after the value") }
            return value
        }
    }

    public static func parse(_ text: String) throws(SyntaxError) -> JSON {
        try parse(Array(text.utf8))
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        func error(_ reason: String) -> SyntaxError { SyntaxError(offset: offset, reason: reason) }

        mutating func skipWhitespace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x09, 0x0A, 0x0D: offset += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSON {
            guard depth < JSONParser.maximumDepth else { throw error("nested too deeply") }
            guard offset < bytes.count else { throw error("unexpected end") }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("unexpected character")
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard offset + count <= bytes.count else { throw error("unexpected end") }
            for index in 0..<count where bytes[offset + index] != word.utf8Start[index] {
                throw error("unexpected character")
            }
            offset += count
        }

        mutating func object(depth: Int) throws(SyntaxError) -> JSON {
            offset += 1
            var members: [String: JSON] = [:]
            skipWhitespace()
            if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = try string()
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw error("expected ':'") }
                offset += 1
                skipWhitespace()
                members[key] = try value(depth: depth + 1)
                skipWhitespace()
                guard offset < bytes.count else { throw error("unexpected end") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                } else if bytes[offset] == UInt8(ascii: "}") {
                    offset += 1
                    return .object(members)
                } else {
                    throw error("expected ',' or '}'")
                }
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> JSON {
            offset += 1
            var items: [JSON] = []
            skipWhitespace()
            if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard offset < bytes.count else { throw error("unexpected end") }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                } else if bytes[offset] == UInt8(ascii: "]") {
                    offset += 1
                    return .array(items)
                } else {
                    throw error("expected ',' or ']'")
                }
            }
        }

        mutating func number() throws(SyntaxError) -> JSON {
            let start = offset
            var isInteger = true
            if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            var digits = 0
            while offset < bytes.count, bytes[offset] >= 0x30 && bytes[offset] <= 0x39 { offset += 1; digits += 1 }
            guard digits > 0 else { throw error("expected a digit") }
            if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
                isInteger = false
                offset += 1
                digits = 0
                while offset < bytes.count, bytes[offset] >= 0x30 && bytes[offset] <= 0x39 { offset += 1; digits += 1 }
                guard digits > 0 else { throw error("expected a digit") }
            }
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E")) {
                isInteger = false
                offset += 1
                if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) {
                    offset += 1
                }
                digits = 0
                while offset < bytes.count, bytes[offset] >= 0x30 && bytes[offset] <= 0x39 { offset += 1; digits += 1 }
                guard digits > 0 else { throw error("expected a digit") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
            if isInteger, let value = Int(text) { return .int(value) }
            guard let value = Double(text) else { throw error("invalid number") }
            return .double(value)
        }

        mutating func string() throws(SyntaxError) -> String {
            offset += 1  // The opening quote.
            let start = offset
            // Fast path: no escapes.
            while offset < bytes.count {
                let b = bytes[offset]
                if b == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                    offset += 1
                    return text
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw error("control character in a string") }
                offset += 1
            }
            var output = Array(bytes[start..<offset])
            while offset < bytes.count {
                let b = bytes[offset]
                if b == UInt8(ascii: "\"") {
                    offset += 1
                    return String(decoding: output, as: UTF8.self)
                }
                if b < 0x20 { throw error("control character in a string") }
                guard b == UInt8(ascii: "\\") else {
                    output.append(b)
                    offset += 1
                    continue
                }
                offset += 1
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""): output.append(0x22)
                case UInt8(ascii: "\\"): output.append(0x5C)
                case UInt8(ascii: "/"): output.append(0x2F)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A surrogate pair; a lone surrogate becomes U+FFFD.
                        if offset + 1 < bytes.count && bytes[offset] == UInt8(ascii: "\\") && bytes[offset + 1] == UInt8(ascii: "u") {
                            offset += 2
                            let low = try hex4()
                            scalar = (low >= 0xDC00 && low < 0xE000) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                        } else {
                            scalar = 0xFFFD
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    output.append(contentsOf: String(character).utf8)
                default: throw error("invalid escape")
                }
            }
            throw error("unterminated string")
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw error("unexpected end") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[offset]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: throw error("invalid \\u escape")
                }
                value = value << 4 | digit
                offset += 1
            }
            return value
        }
    }
}
