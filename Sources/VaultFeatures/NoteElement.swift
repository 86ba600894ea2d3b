import VaultIndex
import VaultParser

/// What sits at a place in a note: the thing navigation and rename act on.
public enum NoteElement: Sendable, Equatable {
    /// A link (index into the note's links).
    case link(Int)
    /// A heading line (index into the note's headings).
    case heading(Int)
    /// A block id `^id` (index into the note's block ids).
    case block(Int)
    /// A tag (index into the note's tags).
    case tag(Int)

    /// The element at a byte offset; the end of a range counts (a cursor just after `]]` is on the link).
    public static func at(_ offset: Int, in note: Note) -> NoteElement? {
        if let index = note.links.firstIndex(where: { $0.range.contains(offset) || $0.range.upperBound == offset }) {
            return .link(index)
        }
        if let index = note.tags.firstIndex(where: { $0.range.contains(offset) || $0.range.upperBound == offset }) {
            return .tag(index)
        }
        if let index = note.blockIDs.firstIndex(where: { $0.range.contains(offset) || $0.range.upperBound == offset }) {
            return .block(index)
        }
        if let index = note.headings.firstIndex(where: { $0.range.contains(offset) || $0.range.upperBound == offset }) {
            return .heading(index)
        }
        return nil
    }
}

extension Note {
    /// A heading's section: from its line to the next heading of the same or a higher level.
    public func sectionRange(ofHeading index: Int) -> ByteRange {
        let heading = headings[index]
        let end = headings[(index + 1)...].first { $0.level <= heading.level }?.range.lowerBound ?? text.utf8.count
        return heading.range.lowerBound..<end
    }

    /// Where the body starts: after the frontmatter, if any.
    public var bodyStart: Int {
        guard let frontmatter else { return 0 }
        var end = frontmatter.range.upperBound
        let utf8 = Array(text.utf8.prefix(end + 2))
        if end < utf8.count && utf8[end] == 0x0D { end += 1 }
        if end < utf8.count && utf8[end] == 0x0A { end += 1 }
        return end
    }
}
