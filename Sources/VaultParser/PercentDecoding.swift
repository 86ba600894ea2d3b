/// Percent-decoding for markdown link destinations (`Note%20name.md`).
public enum PercentDecoding {
    /// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as written.
    /// Decoded bytes that are not valid UTF-8 are repaired.
    public static func decode(_ text: String) -> String {
        var text = text
        let decoded: String? = text.withUTF8 { bytes in
            guard bytes.firstIndex(of: ASCII.percent) != nil else { return nil }
            // Decoding only shortens: the input's length bounds the output.
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var index = 0
                while index < bytes.count {
                    let b = bytes[index]
                    if b == ASCII.percent, index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                        let low = hexValue(bytes[index + 2])
                    {
                        output[count] = high << 4 | low
                        index += 3
                    } else {
                        output[count] = b
                        index += 1
                    }
                    count += 1
                }
                return count
            }
        }
        return decoded ?? text
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
