import VaultParser

/// A stable number for a note or attachment while it is in the vault.
public struct FileID: Hashable, Comparable, Sendable {
    let raw: Int32
    init(_ raw: Int) { self.raw = Int32(raw) }
    var index: Int { Int(raw) }
    public static func < (a: FileID, b: FileID) -> Bool { a.raw < b.raw }
}

/// One link of one note: the note and the link's index in ``VaultParser/Note/links``.
public struct LinkRef: Hashable, Sendable {
    public let file: FileID
    public let index: Int32
    public init(file: FileID, index: Int) {
        self.file = file
        self.index = Int32(index)
    }
}

/// One tag use: the note and the tag's index in ``VaultParser/Note/tags``.
public struct TagRef: Hashable, Sendable {
    public let file: FileID
    public let index: Int32
}

/// What a link points at, as the vault stands now.
public enum LinkResolution: Sendable, Equatable {
    /// A URL outside the vault (`https:`, `mailto:`...).
    case external
    /// `[[#Heading]]`, `[[#^id]]`, `[text](#Heading)`: a place in the linking note.
    case sameNote
    /// A note or attachment, and how the name matched it.
    case file(FileID, Match)
    /// Nothing in the vault has that name; `key` is the normalised target
    /// (lower-cased, `.md` dropped), shared by every link to the same missing name.
    case unresolved(key: String)

    /// The file, when the link resolves to one.
    public var file: FileID? {
        if case .file(let id, _) = self { return id }
        return nil
    }
}

/// How a link's target matched the file it resolves to.
public enum Match: Sendable, Equatable {
    /// The only note or attachment with that name or path.
    case unique
    /// Several files have that name: the candidates best first; the first is the one chosen.
    case ambiguous([FileID])
    /// No file has that name, but a note has it as an alias.
    case alias
}

/// What one update changed: the notes whose links may now resolve differently
/// (their diagnostics need refreshing), by path.
public struct VaultChange: Sendable, Equatable {
    public var affectedNotes: Set<String> = []
    public init() {}
}
