/// Vault-relative paths: always `/`-separated, never starting with `/`.
public enum VaultPath {
    /// The last segment: `Folder/Note.md` -> `Note.md`.
    public static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// Everything before the last `/`, or "" at the vault root.
    public static func folder(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Whether the path names a note (a `.md` file) rather than an attachment.
    public static func isNote(_ path: String) -> Bool {
        hasMarkdownExtension(path)
    }

    static func hasMarkdownExtension(_ path: String) -> Bool {
        let utf8 = path.utf8
        guard utf8.count > 3 else { return false }
        let tail = utf8.suffix(3)
        var iterator = tail.makeIterator()
        return iterator.next() == UInt8(ascii: ".") && iterator.next().map { $0 | 0x20 } == UInt8(ascii: "m")
            && iterator.next().map { $0 | 0x20 } == UInt8(ascii: "d")
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

    /// Joins a folder and a relative path, then normalises.
    public static func join(_ folder: String, _ relative: String) -> String {
        folder.isEmpty ? normalize(relative) : normalize(folder + "/" + relative)
    }

    static func segmentCount(_ path: String) -> Int {
        path.utf8.reduce(1) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
    }
}
