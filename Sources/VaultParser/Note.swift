/// A half-open range of UTF-8 byte offsets into a note's text.
public typealias ByteRange = Range<Int>

/// One parsed note: everything the vault cares about in a Markdown file, with
/// the UTF-8 byte range where each thing is written.
///
/// A `Note` is built by ``Note/init(text:)`` and never fails: any text, however
/// malformed, gives a note (invalid UTF-8 is repaired by ``Note/init(bytes:)``).
public struct Note: Sendable {
    /// The note's text; every `ByteRange` in this value indexes its UTF-8 view.
    public let text: String
    /// The YAML properties block at the top, when there is one.
    public internal(set) var frontmatter: Frontmatter?
    /// ATX and setext headings in document order, with their nesting.
    public internal(set) var headings: [Heading] = []
    /// Wikilinks, embeds and markdown links in document order (frontmatter first).
    public internal(set) var links: [Link] = []
    /// Inline and frontmatter tags in document order.
    public internal(set) var tags: [Tag] = []
    /// Block ids (`^id`) in document order.
    public internal(set) var blockIDs: [BlockID] = []
    /// Aliases declared in the frontmatter.
    public internal(set) var aliases: [Alias] = []
}

/// The YAML properties block between the leading `---` lines.
public struct Frontmatter: Sendable, Equatable {
    /// From the opening `---` to the end of the closing line.
    public let range: ByteRange
    /// The YAML text between the delimiter lines.
    public let contentRange: ByteRange
}

/// A byte range stored in 8 bytes: notes are far below 4 GiB, and a vault
/// keeps hundreds of thousands of these.
struct Span: Sendable, Equatable {
    private let start: UInt32
    private let end: UInt32

    static let none = Span(start: .max, end: .max)

    private init(start: UInt32, end: UInt32) {
        self.start = start
        self.end = end
    }

    init(_ range: ByteRange) {
        start = UInt32(truncatingIfNeeded: range.lowerBound)
        end = UInt32(truncatingIfNeeded: range.upperBound)
    }

    init(_ range: ByteRange?) {
        self = range.map { Span($0) } ?? .none
    }

    var range: ByteRange { Int(start)..<Int(end) }
    var optionalRange: ByteRange? { start == .max ? nil : range }
}

/// A heading: `## Text` (ATX) or a paragraph underlined with `===`/`---` (setext).
public struct Heading: Sendable, Equatable {
    /// The heading text as written, trimmed, without `#` markers.
    public let text: String
    private let lineSpan: Span
    private let textSpan: Span
    private let parentIndex: Int32
    private let levelValue: UInt8

    /// 1 for `#` or `===`, up to 6.
    public var level: Int { Int(levelValue) }
    /// The heading's lines, without the final line break.
    public var range: ByteRange { lineSpan.range }
    /// Where ``text`` is written.
    public var textRange: ByteRange { textSpan.range }
    /// Index in ``Note/headings`` of the nearest earlier heading of a lower level.
    public var parent: Int? { parentIndex < 0 ? nil : Int(parentIndex) }

    init(level: Int, text: String, range: ByteRange, textRange: ByteRange, parent: Int?) {
        self.text = text
        lineSpan = Span(range)
        textSpan = Span(textRange)
        parentIndex = parent.map { Int32($0) } ?? -1
        levelValue = UInt8(level)
    }
}

/// Where in a target a link points: a heading path or a block.
public enum Subpath: Sendable, Hashable {
    /// `#A#B`: heading B somewhere below heading A. Never empty.
    case heading([String])
    /// `#^id`.
    case block(String)
}

/// A link from one note to a note, heading, block or attachment.
///
/// Stored compactly (a vault holds one per link): offsets in 32 bits, flags in a byte.
public struct Link: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `[[target]]`, or `![[target]]` when ``Link/isEmbed``.
        case wikilink
        /// `[text](target)`, or `![alt](target)` when ``Link/isEmbed``.
        case markdown
    }

    /// Whether the link sits in the frontmatter (a quoted `"[[...]]"` value) or the body.
    public enum Location: Sendable, Equatable {
        case body
        case frontmatter
    }

    /// The file part of the target, decoded (markdown links are percent-decoded)
    /// and trimmed; empty for a same-note link such as `[[#Heading]]`.
    public let target: String
    /// The display text after `|` (wikilinks) or the bracketed text (markdown links).
    public let display: String?
    private let rangeSpan: Span
    private let innerSpan: Span
    private let targetSpan: Span
    private let subpathSpan: Span
    private let displaySpan: Span
    /// The heading path or block after `#`, when there is one.
    public let subpath: Subpath?
    private let flags: UInt8

    private static let markdownFlag: UInt8 = 1
    private static let embedFlag: UInt8 = 2
    private static let frontmatterFlag: UInt8 = 4
    private static let escapedPipeFlag: UInt8 = 8
    private static let externalFlag: UInt8 = 16

    public var kind: Kind { flags & Self.markdownFlag != 0 ? .markdown : .wikilink }
    /// `![[...]]` or `![...](...)`.
    public var isEmbed: Bool { flags & Self.embedFlag != 0 }
    public var location: Location { flags & Self.frontmatterFlag != 0 ? .frontmatter : .body }
    /// `[[target\|display]]`: the pipe is escaped, as inside a table cell.
    public var hasEscapedPipe: Bool { flags & Self.escapedPipeFlag != 0 }
    /// A markdown link to a URL scheme (`https:`, `mailto:`, ...): it points outside the vault.
    public var isExternal: Bool { flags & Self.externalFlag != 0 }
    /// The whole link, from `!` or the first bracket to the last bracket or parenthesis.
    public var range: ByteRange { rangeSpan.range }
    /// The link as written between the brackets (wikilinks) or parentheses (markdown links).
    public var innerRange: ByteRange { innerSpan.range }
    /// Where the file part of the target is written (inside `<...>` for angle-bracket destinations).
    public var targetRange: ByteRange { targetSpan.range }
    /// Where the subpath is written, including its leading `#`.
    public var subpathRange: ByteRange? { subpathSpan.optionalRange }
    /// Where ``display`` is written.
    public var displayRange: ByteRange? { displaySpan.optionalRange }

    /// A link with no file part points into the note that contains it.
    public var isSameNote: Bool { target.isEmpty && !isExternal }

    init(
        kind: Kind, isEmbed: Bool, location: Location, range: ByteRange, innerRange: ByteRange, target: String,
        targetRange: ByteRange, subpath: Subpath?, subpathRange: ByteRange?, display: String?, displayRange: ByteRange?,
        hasEscapedPipe: Bool, isExternal: Bool
    ) {
        self.target = target
        self.display = display
        rangeSpan = Span(range)
        innerSpan = Span(innerRange)
        targetSpan = Span(targetRange)
        subpathSpan = Span(subpathRange)
        displaySpan = Span(displayRange)
        self.subpath = subpath
        flags = (kind == .markdown ? Self.markdownFlag : 0) | (isEmbed ? Self.embedFlag : 0)
            | (location == .frontmatter ? Self.frontmatterFlag : 0) | (hasEscapedPipe ? Self.escapedPipeFlag : 0)
            | (isExternal ? Self.externalFlag : 0)
    }
}

/// A tag: `#tag` in the text or an entry of the frontmatter `tags` property.
public struct Tag: Sendable, Equatable {
    /// The tag without `#`, as written (`project/active`).
    public let name: String
    private let start: UInt32
    private let nameStart: UInt32
    private let end: UInt32
    /// Whether the tag comes from the frontmatter.
    public let inFrontmatter: Bool

    /// The tag as written, including its `#` when it has one.
    public var range: ByteRange { Int(start)..<Int(end) }
    /// Where ``name`` is written (``range`` without the `#`).
    public var nameRange: ByteRange { Int(nameStart)..<Int(end) }

    init(name: String, range: ByteRange, nameRange: ByteRange, inFrontmatter: Bool) {
        self.name = name
        start = UInt32(truncatingIfNeeded: range.lowerBound)
        nameStart = UInt32(truncatingIfNeeded: nameRange.lowerBound)
        end = UInt32(truncatingIfNeeded: range.upperBound)
        self.inFrontmatter = inFrontmatter
    }
}

/// A block id: `^id` at the end of a paragraph or list item, or on its own line after a block.
public struct BlockID: Sendable, Equatable {
    /// The id without `^`.
    public let id: String
    /// Where `^id` is written.
    public let range: ByteRange
    /// The block the id names: its paragraph, list item or the block before it.
    public let blockRange: ByteRange
}

/// An alias from the frontmatter `aliases` property.
public struct Alias: Sendable, Equatable {
    public let text: String
    /// Where the alias text is written (inside quotes when quoted).
    public let range: ByteRange
}
