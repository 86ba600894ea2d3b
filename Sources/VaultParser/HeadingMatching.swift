/// How link subpaths are compared with headings: by text, not by slug.
public enum HeadingMatching {
    /// The form two heading texts are compared in, as Obsidian's `stripHeading`
    /// makes it: lower-cased, every run of
    /// `` ! " # $ % & ( ) * + , . : ; < = > ? @ ^ ` { | } ~ / [ ] \ `` and white
    /// space (line breaks included) turned into one space, trimmed.
    /// `Q&A: Why?` and `Q A Why` both give `q a why`; ``## `run()` options``
    /// and `run options` both give `run options`.
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

    /// The ASCII punctuation `stripHeading` turns into spaces, and white space.
    private static let separators: (low: UInt64, high: UInt64) = {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for b in Array("!\"#$%&()*+,.:;<=>?@^`{|}~/[]\\ \t\n\u{0B}\u{0C}\r".utf8) {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
        return (low, high)
    }()

    @inline(__always) private static func isSeparator(_ b: UInt8) -> Bool {
        if b < 64 { return separators.low & (1 << UInt64(b)) != 0 }
        if b < 128 { return separators.high & (1 << UInt64(b - 64)) != 0 }
        return false
    }

    /// What Obsidian writes into a link for a heading (its `stripHeadingForLink`):
    /// each of `: # | ^ \`, a line break, `%%`, `[[` and `]]` turned into a space,
    /// white space collapsed, trimmed; case and other punctuation kept.
    public static func linkText(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            var width = 0
            switch scalar {
            case ":", "#", "|", "^", "\\": width = 1
            case "%" where next == "%", "[" where next == "[", "]" where next == "]": width = 2
            default: if scalar.properties.isWhitespace { width = 1 }
            }
            if width > 0 {
                pendingSpace = !output.isEmpty
                i += width
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(scalar)
            i += 1
        }
        return String(output)
    }
}
