import VaultIndex
import VaultParser

/// Hover: a preview of what a link points at, and how linked it is.
public enum Hover {
    /// Lines of a note shown at most in a preview.
    static let previewLines = 12
    static let previewBytes = 1200

    /// Markdown for the element at a byte offset, or nil when there is nothing to say.
    public static func markdown(at offset: Int, inNoteAt path: String, of vault: Vault) -> (String, ByteRange)? {
        guard let id = vault.id(of: path), let record = vault.record(id) else { return nil }
        switch NoteElement.at(offset, in: record.note) {
        case .link(let index):
            let link = record.note.links[index]
            guard let text = linkPreview(link, record.resolutions[index], from: id, of: vault) else { return nil }
            return (text, link.range)
        case .tag(let index):
            let tag = record.note.tags[index]
            let uses = vault.uses(ofTag: tag.name)
            let notes = Set(uses.map(\.file)).count
            return ("**#\(tag.name)**: \(count(uses.count, "use")) in \(count(notes, "note")), nested tags included", tag.range)
        case .heading(let index):
            let links = vault.backlinks(toHeading: index, of: id).count
            return ("\(count(links, "link")) to this heading", record.note.headings[index].range)
        case .block, nil:
            return nil
        }
    }

    private static func linkPreview(_ link: Link, _ resolution: LinkResolution, from source: FileID, of vault: Vault) -> String? {
        switch resolution {
        case .external:
            return nil
        case .unresolved(let key):
            let notes = vault.linkingNoteCount(toUnresolved: key)
            return "No note named **\(link.target)** yet: \(count(notes, "note")) link\(notes == 1 ? "s" : "") to it."
        case .sameNote:
            return preview(of: link.subpath, in: source, of: vault, allowingSlug: link.kind == .markdown)
        case .file(let target, let match):
            var text = preview(of: link.subpath, in: target, of: vault, allowingSlug: link.kind == .markdown)
            switch match {
            case .unique: break
            case .ambiguous(let candidates):
                text += "\n\n---\n\(candidates.count) files are named '\(link.target)'; this link opens `\(vault.path(of: target))`."
            case .alias:
                text += "\n\n---\n'\(link.target)' is an alias of this note; Obsidian writes such links as `[[\(VaultPath.noteName(vault.path(of: target)))|\(link.target)]]`."
            }
            return text
        }
    }

    /// The note's first lines, the heading's section or the block, with a title
    /// and a backlink count. Slugs name headings only in markdown links, as in diagnostics.
    public static func preview(of subpath: Subpath?, in id: FileID, of vault: Vault, allowingSlug: Bool = false) -> String {
        let path = vault.path(of: id)
        let linking = vault.linkingNoteCount(to: id)
        let footer = "\n\n---\n\(count(linking, "note")) link\(linking == 1 ? "s" : "") to `\(path)`"
        guard let record = vault.record(id) else { return "Attachment `\(path)`" + footer }
        let note = record.note
        var range = note.bodyStart..<note.text.utf8.count
        var title = "**\(VaultPath.noteName(path))**"
        switch subpath {
        case .heading(let headingPath):
            if let heading = vault.headingIndex(headingPath, in: record, allowingSlug: allowingSlug) {
                range = note.sectionRange(ofHeading: heading)
                title += " › " + note.headings[heading].text
            } else {
                title += " (no heading '\(headingPath.joined(separator: "#"))')"
            }
        case .block(let blockID):
            if let block = vault.blockIndex(blockID, in: record) {
                range = note.blockIDs[block].blockRange
                title += " › ^" + note.blockIDs[block].id
            }
        case nil:
            break
        }
        return title + "\n\n" + excerpt(note.text, range) + footer
    }

    /// At most a dozen lines of a range, cut at a line end.
    static func excerpt(_ text: String, _ range: ByteRange) -> String {
        let slice = text.utf8Slice(range)
        var lines = slice.split(maxSplits: previewLines, omittingEmptySubsequences: false, whereSeparator: \.isLineBreak)
        let cut = lines.count > previewLines
        if cut { lines.removeLast() }
        var result = lines.joined(separator: "\n").trimmingTrailingNewlines()
        if result.utf8.count > previewBytes {
            result = String(result.prefix(previewBytes))
            if let lastBreak = result.lastIndex(where: \.isLineBreak) { result = String(result[..<lastBreak]) }
            return result + "\n\n…"
        }
        return cut ? result + "\n\n…" : result
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var result = Substring(self)
        while let last = result.last, last.isLineBreak { result.removeLast() }
        return String(result)
    }
}

extension Character {
    /// The three line breaks LSP counts: `\n`, `\r\n` and a lone `\r`.
    var isLineBreak: Bool { self == "\n" || self == "\r\n" || self == "\r" }
}
