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

/// A heading: `## Text` (ATX) or a paragraph underlined with `===`/`---` (setext).
public struct Heading: Sendable, Equatable {
    /// 1 for `#` or `===`, up to 6.
    public let level: Int
    /// The heading text as written, trimmed, without `#` markers.
    public let text: String
    /// The heading's lines, without the final line break.
    public let range: ByteRange
    /// Where ``text`` is written.
    public let textRange: ByteRange
    /// Index in ``Note/headings`` of the nearest earlier heading of a lower level.
    public let parent: Int?
}

/// Where in a target a link points: a heading path or a block.
public enum Subpath: Sendable, Hashable {
    /// `#A#B`: heading B somewhere below heading A. Never empty.
    case heading([String])
    /// `#^id`.
    case block(String)
}

/// A link from one note to a note, heading, block or attachment.
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

    public let kind: Kind
    /// `![[...]]` or `![...](...)`.
    public let isEmbed: Bool
    public let location: Location
    /// The whole link, from `!` or the first bracket to the last bracket or parenthesis.
    public let range: ByteRange
    /// The link as written between the brackets (wikilinks) or parentheses (markdown links).
    public let innerRange: ByteRange
    /// The file part of the target, decoded (markdown links are percent-decoded)
    /// and trimmed; empty for a same-note link such as `[[#Heading]]`.
    public let target: String
    /// Where the file part of the target is written (inside `<...>` for angle-bracket destinations).
    public let targetRange: ByteRange
    /// The heading path or block after `#`, when there is one.
    public let subpath: Subpath?
    /// Where the subpath is written, including its leading `#`.
    public let subpathRange: ByteRange?
    /// The display text after `|` (wikilinks) or the bracketed text (markdown links).
    public let display: String?
    /// Where ``display`` is written.
    public let displayRange: ByteRange?
    /// `[[target\|display]]`: the pipe is escaped, as inside a table cell.
    public let hasEscapedPipe: Bool
    /// A markdown link to a URL scheme (`https:`, `mailto:`, ...): it points outside the vault.
    public let isExternal: Bool

    /// A link with no file part points into the note that contains it.
    public var isSameNote: Bool { target.isEmpty && !isExternal }
}

/// A tag: `#tag` in the text or an entry of the frontmatter `tags` property.
public struct Tag: Sendable, Equatable {
    /// The tag without `#`, as written (`project/active`).
    public let name: String
    /// The tag as written, including its `#` when it has one.
    public let range: ByteRange
    /// Where ``name`` is written (``range`` without the `#`).
    public let nameRange: ByteRange
    /// Whether the tag comes from the frontmatter.
    public let inFrontmatter: Bool
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
