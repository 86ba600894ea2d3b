import VaultIndex
import VaultParser

/// Link, heading, block, path and tag completion, ranked like Obsidian's link
/// suggester: fuzzy match first, then how often a note is linked.
public enum Completion {
    public struct Item: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case note
            case attachment
            /// An alias: inserts `Note|Alias`.
            case alias
            /// A name that links point at but no note has yet.
            case unresolved
            case heading
            case block
            case tag
        }

        public let kind: Kind
        public let label: String
        /// The folder, the alias's note, a heading's level, a tag's count...
        public let detail: String?
        /// What the edit replaces: exactly what was typed, and the rest of the
        /// target part of the link when completing inside one.
        public let replace: ByteRange
        public let newText: String
        /// What the client matches the typed text against.
        public let filterText: String
        /// The vault path to preview in the item's documentation, when there is one.
        public let path: String?
    }

    public struct List: Sendable, Equatable {
        public let items: [Item]
        /// More items matched than were sent: typing on narrows the list server-side.
        public let isIncomplete: Bool
    }

    /// How many items a list holds at most.
    public static let limit = 50

    /// Completion at a byte offset of the note at `path` (whose text the vault holds).
    public static func complete(at offset: Int, inNoteAt path: String, of vault: Vault) -> List {
        guard let record = vault.record(at: path) else { return List(items: [], isIncomplete: false) }
        var text = record.note.text
        return text.withUTF8 { bytes in
            let context = Context(bytes: bytes, offset: min(offset, bytes.count))
            if let wikilink = context.openWikilink() {
                return completeWikilink(wikilink, context: context, path: path, vault: vault)
            }
            if let destination = context.openMarkdownDestination() {
                return completePath(destination, context: context, path: path, vault: vault)
            }
            if let tagStart = context.tagStart() {
                return completeTag(tagStart, context: context, vault: vault)
            }
            return List(items: [], isIncomplete: false)
        }
    }

    // MARK: Wikilinks

    private static func completeWikilink(_ open: Int, context: Context, path: String, vault: Vault) -> List {
        let contentStart = open + 2
        let typed = context.string(contentStart..<context.offset)
        if typed.contains("|") { return List(items: [], isIncomplete: false) }  // Display text is free text.
        let closing = context.closingBrackets(after: context.offset)
        // The target part of the link runs to `#`, `|` or `]]` when the link is closed.
        let partEnd = closing.map { context.firstOf([UInt8(ascii: "#"), UInt8(ascii: "|")], in: context.offset..<$0) ?? $0 }
        let suffix = closing == nil ? "]]" : ""
        if let hash = typed.firstIndex(of: "#") {
            let target = String(typed[..<hash])
            let subpath = String(typed[typed.index(after: hash)...])
            let targetID: FileID?
            if target.trimmingCharacters().isEmpty {
                targetID = vault.id(of: path)
            } else {
                targetID = vault.resolve(target: target, fromFolder: VaultPath.folder(path)).file
            }
            guard let targetID, let record = vault.record(targetID) else { return List(items: [], isIncomplete: false) }
            let subpathEnd = closing.map { context.firstOf([UInt8(ascii: "|")], in: context.offset..<$0) ?? $0 } ?? context.offset
            if subpath.hasPrefix("^") {
                let start = context.offset - subpath.utf8.count + 1
                return blocks(of: record, query: String(subpath.dropFirst()), replace: start..<subpathEnd, suffix: suffix)
            }
            // Complete the last segment of a heading path.
            let segment = subpath.split(separator: "#", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            let start = context.offset - segment.utf8.count
            return headings(of: record, query: segment, replace: start..<subpathEnd, suffix: suffix)
        }
        // In an unclosed link, the rest of the word under the cursor is part of the name too.
        var wordEnd = context.offset
        while wordEnd < context.lineEnd, !" \t|#[]".utf8.contains(context.bytes[wordEnd]) { wordEnd += 1 }
        return names(
            query: typed.trimmingCharacters(), replace: contentStart..<(partEnd ?? wordEnd), suffix: suffix,
            keepsDisplay: closing != nil && context.firstOf([UInt8(ascii: "|")], in: context.offset..<closing!) != nil,
            vault: vault)
    }

    /// Notes, attachments, aliases and unresolved targets.
    private static func names(
        query: String, replace: ByteRange, suffix: String, keepsDisplay: Bool, vault: Vault
    ) -> List {
        // What matched, kept light: items are made only for the few that are sent.
        enum Source {
            case file(FileID)
            case alias(FileID, key: String)
            case unresolved(key: String, LinkRef)
        }
        struct Candidate {
            let score: Int32
            let links: Int32
            let excluded: Bool
            /// Index into `sources`.
            let source: Int32
        }
        let matcher = FuzzyMatch(query)
        var candidates: [Candidate] = []
        var sources: [Source] = []
        func add(_ score: Int, _ links: Int, _ excluded: Bool, _ source: Source) {
            candidates.append(Candidate(score: Int32(score), links: Int32(links), excluded: excluded, source: Int32(sources.count)))
            sources.append(source)
        }
        vault.forEachFileName { id, name, links, excluded in
            if let score = matcher.score(name) { add(score, links, excluded, .file(id)) }
        }
        vault.forEachAlias { key, owners in
            guard let score = matcher.score(key) else { return }
            for owner in owners {
                add(score, vault.backlinkCount(to: owner), vault.record(owner)?.isExcluded ?? false, .alias(owner, key: key))
            }
        }
        vault.forEachUnresolvedTarget { key, count, sample in
            if let score = matcher.score(key) { add(score, count, false, .unresolved(key: key, sample)) }
        }
        candidates.sort { a, b in
            if a.excluded != b.excluded { return !a.excluded }
            if a.score != b.score { return a.score > b.score }
            if a.links != b.links { return a.links > b.links }
            return a.source < b.source
        }

        /// How a link names a file: its name, or its path when other files share the name.
        func target(_ id: FileID) -> String {
            let path = vault.path(of: id)
            let isNote = !vault.isAttachment(id)
            if vault.sameNameCount(of: id) == 1 { return isNote ? VaultPath.noteName(path) : VaultPath.fileName(path) }
            return isNote ? VaultPath.droppingMarkdownExtension(path) : path
        }
        let items = candidates.prefix(limit).map { candidate -> Item in
            switch sources[Int(candidate.source)] {
            case .file(let id):
                let path = vault.path(of: id)
                let folder = VaultPath.folder(path)
                let name = target(id)
                return Item(
                    kind: vault.isAttachment(id) ? .attachment : .note, label: name, detail: folder.isEmpty ? nil : folder,
                    replace: replace, newText: name + suffix, filterText: name, path: path)
            case .alias(let id, let key):
                let aliases = vault.record(id)!.note.aliases
                let alias = aliases.first { $0.text.lowercased() == key }?.text ?? key
                let name = target(id)
                return Item(
                    kind: .alias, label: alias, detail: "alias of \(name)", replace: replace,
                    newText: name + (keepsDisplay ? "" : "|" + alias) + suffix, filterText: alias, path: vault.path(of: id))
            case .unresolved(_, let sample):
                let spelling = vault.link(sample).target
                let count = candidate.links
                return Item(
                    kind: .unresolved, label: spelling, detail: "no note yet, linked \(count) time\(count == 1 ? "" : "s")",
                    replace: replace, newText: spelling + suffix, filterText: spelling, path: nil)
            }
        }
        return List(items: items, isIncomplete: candidates.count > limit)
    }

    private static func headings(of record: Vault.NoteRecord, query: String, replace: ByteRange, suffix: String) -> List {
        let matcher = FuzzyMatch(query)
        let headings = record.note.headings
        let texts = headings.map { HeadingMatching.linkText($0.text) }
        // Headings that a link cannot tell apart (same matching key) repeat.
        let keys = headings.map { HeadingMatching.key($0.text) }
        var counts: [String: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        var candidates: [(score: Int, index: Int, item: Item)] = []
        for (index, heading) in headings.enumerated() {
            guard let score = matcher.score(texts[index].lowercased()) else { continue }
            // A heading whose text repeats is written with its parent's: `Parent#Heading`.
            var insert = texts[index]
            if counts[keys[index]]! > 1, let parent = heading.parent {
                insert = HeadingMatching.linkText(headings[parent].text) + "#" + insert
            }
            let detail = String(repeating: "#", count: heading.level) + (heading.parent.map { " under " + headings[$0].text } ?? "")
            candidates.append((score, index, Item(
                kind: .heading, label: texts[index], detail: detail, replace: replace, newText: insert + suffix,
                filterText: texts[index], path: nil)))
        }
        // Matching headings in document order, best matches first.
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return List(items: candidates.prefix(limit).map(\.item), isIncomplete: candidates.count > limit)
    }

    private static func blocks(of record: Vault.NoteRecord, query: String, replace: ByteRange, suffix: String) -> List {
        let matcher = FuzzyMatch(query)
        let items = record.note.blockIDs.compactMap { block -> Item? in
            guard matcher.score(block.id.lowercased()) != nil else { return nil }
            let preview = record.note.text.utf8Slice(block.blockRange).prefix(80)
            return Item(
                kind: .block, label: "^" + block.id, detail: String(preview), replace: replace, newText: block.id + suffix,
                filterText: block.id, path: nil)
        }
        return List(items: Array(items.prefix(limit)), isIncomplete: items.count > limit)
    }

    // MARK: Markdown link paths

    private static func completePath(_ open: Int, context: Context, path: String, vault: Vault) -> List {
        let typed = context.string(open..<context.offset)
        let closing = context.firstOf([UInt8(ascii: ")"), UInt8(ascii: " ")], in: context.offset..<context.lineEnd)
        let replace = open..<(closing ?? context.offset)
        let suffix = closing.map { context.bytes[$0] == UInt8(ascii: ")") ? "" : ")" } ?? ")"
        let matcher = FuzzyMatch(PercentDecoding.decode(typed))
        let folder = VaultPath.folder(path)
        var candidates: [(score: Int, links: Int, item: Item)] = []
        vault.forEachFile { id, filePath in
            let relative = relativePath(from: folder, to: filePath)
            guard let score = matcher.score(relative.lowercased()) else { return }
            let encoded = PercentDecoding.encode(relative)
            candidates.append((score, vault.backlinkCount(to: id), Item(
                kind: vault.isAttachment(id) ? .attachment : .note, label: relative, detail: nil, replace: replace,
                newText: encoded + suffix, filterText: encoded, path: filePath)))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : ($0.links != $1.links ? $0.links > $1.links : $0.item.label < $1.item.label) }
        return List(items: candidates.prefix(limit).map(\.item), isIncomplete: candidates.count > limit)
    }

    /// A path from one folder to a file, with `../` where needed.
    static func relativePath(from folder: String, to path: String) -> String {
        let from = folder.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count && common < to.count - 1 && from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }

    // MARK: Tags

    private static func completeTag(_ start: Int, context: Context, vault: Vault) -> List {
        let typed = context.string(start..<context.offset)
        let matcher = FuzzyMatch(typed)
        var end = context.offset
        while end < context.lineEnd, context.isTagByte(context.bytes[end]) { end += 1 }
        var candidates: [(score: Int, uses: Int, item: Item)] = []
        let typedName = typed.lowercased()
        for tag in vault.tags {
            guard let score = matcher.score(tag.name) else { continue }
            // Counted for all tags at once: a search of every tag's children per candidate was quadratic.
            let uses = tag.useCountWithChildren
            // The tag being typed is in the index already; alone, it is no suggestion.
            if tag.name == typedName && uses <= 1 { continue }
            candidates.append((score, uses, Item(
                kind: .tag, label: "#" + tag.name, detail: "\(uses) use\(uses == 1 ? "" : "s")", replace: start..<end,
                newText: tag.name, filterText: tag.name, path: nil)))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : ($0.uses != $1.uses ? $0.uses > $1.uses : $0.item.label < $1.item.label) }
        return List(items: candidates.prefix(limit).map(\.item), isIncomplete: candidates.count > limit)
    }

    // MARK: Reading the line around the cursor

    /// The line around the cursor, read as bytes.
    struct Context {
        let bytes: UnsafeBufferPointer<UInt8>
        let offset: Int
        let lineStart: Int
        let lineEnd: Int

        init(bytes: UnsafeBufferPointer<UInt8>, offset: Int) {
            self.bytes = bytes
            self.offset = offset
            var start = offset
            while start > 0 && bytes[start - 1] != 0x0A && bytes[start - 1] != 0x0D { start -= 1 }
            var end = offset
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            lineStart = start
            lineEnd = end
        }

        func string(_ range: ByteRange) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        func firstOf(_ set: [UInt8], in range: ByteRange) -> Int? {
            range.first { set.contains(bytes[$0]) }
        }

        /// The `[[` of a wikilink the cursor is inside (closed or not).
        func openWikilink() -> Int? {
            var index = offset - 1
            while index > lineStart {
                if bytes[index] == UInt8(ascii: "]") && bytes[index - 1] == UInt8(ascii: "]") { return nil }
                if bytes[index] == UInt8(ascii: "[") && bytes[index - 1] == UInt8(ascii: "[") { return index - 1 }
                index -= 1
            }
            return nil
        }

        /// The `]]` closing the link the cursor is in, on this line, before any other `[[`.
        func closingBrackets(after start: Int) -> Int? {
            var index = start
            while index + 1 < lineEnd {
                if bytes[index] == UInt8(ascii: "]") && bytes[index + 1] == UInt8(ascii: "]") { return index }
                if bytes[index] == UInt8(ascii: "[") && bytes[index + 1] == UInt8(ascii: "[") { return nil }
                index += 1
            }
            return nil
        }

        /// Where a markdown link destination the cursor is in starts (after `](`).
        func openMarkdownDestination() -> Int? {
            var index = offset - 1
            while index > lineStart {
                let b = bytes[index]
                if b == UInt8(ascii: ")") || b == UInt8(ascii: " ") { return nil }
                if b == UInt8(ascii: "(") && bytes[index - 1] == UInt8(ascii: "]") { return index + 1 }
                index -= 1
            }
            return nil
        }

        /// Where the name of a tag being typed starts (after `#` at a line start or after white space).
        func tagStart() -> Int? {
            var index = offset
            while index > lineStart && isTagByte(bytes[index - 1]) { index -= 1 }
            guard index > lineStart, bytes[index - 1] == UInt8(ascii: "#") else { return nil }
            let hash = index - 1
            guard hash == lineStart || bytes[hash - 1] == 0x20 || bytes[hash - 1] == 0x09 else { return nil }
            return index
        }

        func isTagByte(_ b: UInt8) -> Bool {
            b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x2D || b == 0x5F
                || b == 0x2F
        }
    }
}

extension String {
    /// Without leading and trailing white space.
    func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
