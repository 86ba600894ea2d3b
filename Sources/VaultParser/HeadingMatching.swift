/// How link subpaths are compared with headings: by text, not by slug.
public enum HeadingMatching {
    /// The form two heading texts are compared in: lower-cased, every run of
    /// `: ? & # | ^ [ ] % \` and white space turned into one space, trimmed.
    /// `Q&A: Why?` and `Q A Why` both give `q a why`.
    public static func key(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if isSeparator(scalar) {
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

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ":", "?", "&", "#", "|", "^", "[", "]", "%", "\\": return true
        default: return scalar.properties.isWhitespace
        }
    }
}
