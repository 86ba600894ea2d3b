/// Percent-decoding for markdown link destinations (`Note%20name.md`).
public enum PercentDecoding {
    /// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as written.
    /// Decoded bytes that are not valid UTF-8 are repaired.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(ASCII.percent) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var bytes = text.utf8.makeIterator()
        var pending: [UInt8] = []
        while let b = bytes.next() {
            guard b == ASCII.percent else {
                output.append(b)
                continue
            }
            pending = [b]
            guard let high = bytes.next() else { break }
            pending.append(high)
            guard let low = bytes.next() else { break }
            pending.append(low)
            if let h = hexValue(high), let l = hexValue(low) {
                output.append(h << 4 | l)
            } else {
                output.append(contentsOf: pending)
            }
            pending = []
        }
        output.append(contentsOf: pending)
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes what a markdown link destination cannot hold as written: space,
    /// `%`, `#`, `?`, parentheses, angle brackets, and non-ASCII bytes stay as written.
    public static func encode(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ": output += "%20"
            case "%": output += "%25"
            case "#": output += "%23"
            case "?": output += "%3F"
            case "(": output += "%28"
            case ")": output += "%29"
            case "<": output += "%3C"
            case ">": output += "%3E"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
