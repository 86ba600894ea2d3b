/// How link subpaths are compared with headings: by text, not by slug.
public enum HeadingMatching {
    /// The form two heading texts are compared in: lower-cased, every run of
    /// `: ? & # | ^ [ ] % \` and white space turned into one space, trimmed.
    /// `Q&A: Why?` and `Q A Why` both give `q a why`.
    public static func key(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // ASCII text, the common case, is folded byte by byte.
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return String(unsafeUninitializedCapacity: bytes.count) { output in
                    var count = 0
                    var pendingSpace = false
                    for b in bytes {
                        if isSeparator(b) {
                            pendingSpace = count > 0
                            continue
                        }
                        if pendingSpace {
                            output[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        output[count] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                        count += 1
                    }
                    return count
                }
            }
            return unicodeKey(String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func unicodeKey(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII ? isSeparator(UInt8(scalar.value)) : scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// The GitHub-style anchor of a heading (`My Heading!` -> `my-heading`),
    /// which markdown-link fragments may use instead of the text.
    public static func slug(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " || scalar == "\t" {
                output.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil
            {
                output.append(scalar)
            }
        }
        return String(output)
    }

    @inline(__always) private static func isSeparator(_ b: UInt8) -> Bool {
        switch b {
        case 0x3A, 0x3F, 0x26, 0x23, 0x7C, 0x5E, 0x5B, 0x5D, 0x25, 0x5C: return true  // : ? & # | ^ [ ] % \
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return true
        default: return false
        }
    }
}
