/// Vault-relative paths: always `/`-separated, never starting with `/`.
public enum VaultPath {
    /// The last segment: `Folder/Note.md` -> `Note.md`.
    public static func fileName(_ path: String) -> String {
        guard let slash = lastSlash(path) else { return path }
        return String(path.utf8.dropFirst(slash + 1))!
    }

    /// Everything before the last `/`, or "" at the vault root.
    public static func folder(_ path: String) -> String {
        guard let slash = lastSlash(path) else { return "" }
        return String(path.utf8.prefix(slash))!
    }

    /// The byte offset of the last `/`.
    private static func lastSlash(_ path: String) -> Int? {
        var path = path
        return path.withUTF8 { $0.lastIndex(of: UInt8(ascii: "/")) }
    }

    /// Whether the path names a note (a `.md` file) rather than an attachment.
    public static func isNote(_ path: String) -> Bool {
        hasMarkdownExtension(path)
    }

    static func hasMarkdownExtension(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { hasMarkdownExtension($0) }
    }

    /// Whether UTF-8 bytes end in `.md` (in any case) after at least one other byte.
    static func hasMarkdownExtension(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        return n > 3 && bytes[n - 3] == UInt8(ascii: ".") && bytes[n - 2] | 0x20 == UInt8(ascii: "m")
            && bytes[n - 1] | 0x20 == UInt8(ascii: "d")
    }

    /// `Note.md` -> `Note`; anything else unchanged.
    public static func droppingMarkdownExtension(_ path: String) -> String {
        hasMarkdownExtension(path) ? String(path.utf8.dropLast(3))! : path
    }

    /// The file name without `.md`: what a wikilink calls the note.
    public static func noteName(_ path: String) -> String {
        droppingMarkdownExtension(fileName(path))
    }

    /// Resolves `.` and `..` segments and drops empty ones; `..` never climbs
    /// above the vault root (published vaults rely on that).
    public static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }

    /// Whether a path has no empty, `.` or `..` segment (most do: they need no work).
    private static func isNormal(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var segmentStart = 0
            for index in 0...bytes.count {
                guard index == bytes.count || bytes[index] == UInt8(ascii: "/") else { continue }
                let length = index - segmentStart
                if length == 0 { return false }
                if bytes[segmentStart] == UInt8(ascii: ".") && (length == 1 || (length == 2 && bytes[segmentStart + 1] == UInt8(ascii: "."))) {
                    return false
                }
                segmentStart = index + 1
            }
            return true
        }
    }

    /// Joins a folder and a relative path, then normalises.
    public static func join(_ folder: String, _ relative: String) -> String {
        folder.isEmpty ? normalize(relative) : normalize(folder + "/" + relative)
    }

    static func segmentCount(_ path: String) -> Int {
        var path = path
        return path.withUTF8 { $0.reduce(1) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
    }
}
