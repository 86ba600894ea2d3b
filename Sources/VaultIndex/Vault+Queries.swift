import VaultParser

/// Read-only questions the features ask of the vault. None scans the vault:
/// each answers from a table kept up to date by the updates.
extension Vault {
    // MARK: Files

    public func id(of path: String) -> FileID? { idByPath[path] }

    public func path(of id: FileID) -> String { files[id.index]!.path }

    public func isAttachment(_ id: FileID) -> Bool { files[id.index]?.note == nil }

    /// The note at an id, or nil for an attachment.
    public func record(_ id: FileID) -> NoteRecord? { files[id.index]?.note }

    public func record(at path: String) -> NoteRecord? { idByPath[path].flatMap { record($0) } }

    public func contains(path: String) -> Bool { idByPath[path] != nil }

    /// Every note's path, in path order.
    public var notePaths: [String] {
        files.compactMap { $0?.note == nil ? nil : $0!.path }.sorted()
    }

    /// Every attachment's path, in path order.
    public var attachmentPaths: [String] {
        files.compactMap { $0 != nil && $0!.note == nil ? $0!.path : nil }.sorted()
    }

    /// Files whose name (lower-cased, `.md` dropped for notes) is `name`.
    public func files(named name: String) -> [FileID] {
        names[NameKey(NameFolding.fold(VaultPath.droppingMarkdownExtension(name)))]?.files ?? []
    }

    /// Files at a vault path, ignoring case (on Linux, two files may differ only in case).
    public func files(atPath path: String) -> [FileID] {
        let key = NameFolding.fold(VaultPath.isNote(path) ? VaultPath.droppingMarkdownExtension(path) : path)
        let name = VaultPath.fileName(key)
        return (names[NameKey(name)]?.files ?? []).filter { files[$0.index]!.pathKey == key }
    }

    /// Notes that declare `alias` (ignoring case).
    public func notes(withAlias alias: String) -> [FileID] {
        names[NameKey(NameFolding.fold(alias))]?.aliasOwners ?? []
    }

    // MARK: Links

    public func link(_ ref: LinkRef) -> Link { files[ref.file.index]!.note!.note.links[Int(ref.index)] }

    public func resolution(_ ref: LinkRef) -> LinkResolution {
        files[ref.file.index]!.note!.resolutions[Int(ref.index)]
    }

    /// Every link that resolves to a file, in path then text order.
    public func backlinks(to id: FileID) -> [LinkRef] {
        sorted(backlinkRefs[id.index])
    }

    public func backlinkCount(to id: FileID) -> Int { backlinkRefs[id.index].count }

    /// Links to a heading of a note, including the note's own `[[#Heading]]` links.
    public func backlinks(toHeading headingIndex: Int, of id: FileID) -> [LinkRef] {
        guard let record = record(id) else { return [] }
        let lookup = HeadingLookup(record)
        return linksIntoNote(id).filter { ref in
            guard case .heading(let path) = link(ref).subpath else { return false }
            return lookup.index(path, allowingSlug: link(ref).kind == .markdown) == headingIndex
        }
    }

    /// Links to a block of a note, including the note's own `[[#^id]]` links.
    public func backlinks(toBlock blockIndex: Int, of id: FileID) -> [LinkRef] {
        guard let record = record(id) else { return [] }
        return linksIntoNote(id).filter { ref in
            guard case .block(let blockID) = link(ref).subpath else { return false }
            return self.blockIndex(blockID, in: record) == blockIndex
        }
    }

    /// Backlinks plus the note's own same-note links.
    private func linksIntoNote(_ id: FileID) -> [LinkRef] {
        var refs = backlinkRefs[id.index]
        if let record = record(id) {
            for (index, resolution) in record.resolutions.enumerated() where resolution == .sameNote {
                refs.append(LinkRef(file: id, index: index))
            }
        }
        return sorted(refs)
    }

    private func sorted(_ refs: [LinkRef]) -> [LinkRef] {
        // Paths read once per ref, not once per comparison.
        var keyed: [(path: String, ref: LinkRef)] = refs.map { (files[$0.file.index]!.path, $0) }
        keyed.sort { a, b in
            if a.ref.file == b.ref.file { return a.ref.index < b.ref.index }
            return a.path < b.path
        }
        return keyed.map { $0.ref }
    }

    // MARK: Unresolved targets

    /// A name that links point at but no file has.
    public struct UnresolvedTarget: Sendable, Equatable {
        /// The normalised name: lower-cased, `.md` dropped.
        public let key: String
        /// The name as one of the links writes it.
        public let spelling: String
        /// How many links point at it.
        public let linkCount: Int

        public init(key: String, spelling: String, linkCount: Int) {
            self.key = key
            self.spelling = spelling
            self.linkCount = linkCount
        }
    }

    /// Every unresolved target with how often it is linked, most linked first.
    public var unresolvedTargets: [UnresolvedTarget] {
        unresolvedRefs.map { key, refs in
            let first = sorted(refs)[0]
            return UnresolvedTarget(key: key.text, spelling: link(first).target, linkCount: refs.count)
        }.sorted { $0.linkCount != $1.linkCount ? $0.linkCount > $1.linkCount : $0.key < $1.key }
    }

    /// The links that point at an unresolved name.
    public func links(toUnresolved key: String) -> [LinkRef] {
        sorted(unresolvedRefs[NameKey(key)] ?? [])
    }

    // MARK: Tags

    /// A tag with how often it is used (inline and in frontmatter).
    public struct TagSummary: Sendable, Equatable {
        /// Lower-cased tag without `#`.
        public let name: String
        /// Uses of exactly this tag.
        public let useCount: Int
        /// Uses of this tag and of the tags nested in it (`#a/b` counts for `#a`).
        public let useCountWithChildren: Int

        public init(name: String, useCount: Int, useCountWithChildren: Int) {
            self.name = name
            self.useCount = useCount
            self.useCountWithChildren = useCountWithChildren
        }
    }

    /// How many levels of parents a nested tag lists: a tag nested deeper is
    /// listed whole, but its ancestors below this depth are not listed on
    /// their own. Real vaults nest a few levels; a tag being typed as
    /// `#a/a/a/...` would otherwise list a parent per slash, each a copy of
    /// its prefix: quadratic in the tag's length.
    public static let listedParentDepth = 16

    /// Every tag in the vault, in name order. Parents that are only used through
    /// their children (`#a` of `#a/b`) are listed too, with the count of their own uses.
    public var tags: [TagSummary] {
        var counts: [String: (own: Int, withChildren: Int)] = [:]
        for (name, refs) in tagRefs {
            counts[name, default: (0, 0)].own += refs.count
            counts[name, default: (0, 0)].withChildren += refs.count
            var depth = 0
            for index in name.utf8.indices where name.utf8[index] == UInt8(ascii: "/") {
                depth += 1
                if depth > Self.listedParentDepth { break }
                counts[String(name[..<index]), default: (0, 0)].withChildren += refs.count
            }
        }
        return counts.map { TagSummary(name: $0.key, useCount: $0.value.own, useCountWithChildren: $0.value.withChildren) }
            .sorted { $0.name < $1.name }
    }

    /// Uses of a tag (ignoring case and a leading `#`), and of its nested children when asked.
    public func uses(ofTag name: String, includingChildren: Bool = true) -> [TagRef] {
        var key = NameFolding.fold(name)
        if key.hasPrefix("#") { key.removeFirst() }
        var refs = tagRefs[key] ?? []
        if includingChildren {
            let prefix = key + "/"
            for (child, childRefs) in tagRefs where child.hasPrefix(prefix) { refs += childRefs }
        }
        return refs.sorted { a, b in
            a.file == b.file ? a.index < b.index : files[a.file.index]!.path < files[b.file.index]!.path
        }
    }

    public func tag(_ ref: TagRef) -> Tag { files[ref.file.index]!.note!.note.tags[Int(ref.index)] }
}

/// Iteration for features that rank the whole vault (completion, symbols).
extension Vault {
    /// Calls `body` with each file's id and path, in no particular order.
    public func forEachFile(_ body: (FileID, String) -> Void) {
        for (index, file) in files.enumerated() {
            if let file { body(FileID(index), file.path) }
        }
    }

    /// Calls `body` with each file's id, folded name, number of backlinks and
    /// whether it is an excluded note; cheap enough for every keystroke.
    public func forEachFileName(_ body: (FileID, String, Int, Bool) -> Void) {
        files.withUnsafeBufferPointer { files in
            backlinkRefs.withUnsafeBufferPointer { backlinks in
                for index in files.indices {
                    // Fields read one by one: copying whole records costs more than the loop.
                    guard let nameKey = files[index]?.nameKey else { continue }
                    body(FileID(index), nameKey.text, backlinks[index].count, files[index]!.isExcluded)
                }
            }
        }
    }

    /// Calls `body` with each folded alias and the notes that declare it.
    public func forEachAlias(_ body: (String, [FileID]) -> Void) {
        names.forEach { key, entry in if !entry.aliasOwners.isEmpty { body(key.text, entry.aliasOwners) } }
    }

    /// The folded name of a file (notes without `.md`), as links are matched against.
    public func nameKey(of id: FileID) -> String { files[id.index]!.nameKey.text }

    /// How many files have the same name as this one (1 when it is unique).
    public func sameNameCount(of id: FileID) -> Int { names[files[id.index]!.nameKey]?.files.count ?? 1 }

    /// Each unresolved target: its key, how many links point at it, and one of them.
    public func forEachUnresolvedTarget(_ body: (String, Int, LinkRef) -> Void) {
        for (key, refs) in unresolvedRefs { body(key.text, refs.count, refs[0]) }
    }

    /// How many distinct notes link to a file.
    public func linkingNoteCount(to id: FileID) -> Int {
        Set(backlinkRefs[id.index].map(\.file)).count
    }

    /// How many distinct notes link to an unresolved target.
    public func linkingNoteCount(toUnresolved key: String) -> Int {
        Set((unresolvedRefs[NameKey(key)] ?? []).map(\.file)).count
    }
}
