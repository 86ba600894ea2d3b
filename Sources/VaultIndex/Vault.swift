import VaultParser

/// The vault as a value: every note and attachment by vault-relative path, with
/// names, aliases, link resolutions, backlinks and tags kept up to date one
/// note at a time.
///
/// Every update touches only the tables of the file it changes and the links
/// that name it (found through ``linksByName``), so its cost follows the
/// number of links involved, never the size of the vault.
public struct Vault: Sendable {
    /// A note with the resolution of each of its links.
    public struct NoteRecord: Sendable {
        public let note: Note
        /// One per link of ``note``, in the same order.
        public internal(set) var resolutions: [LinkResolution]
        /// Inside Obsidian's "Excluded files": its links are not reported.
        public let isExcluded: Bool
        /// ``HeadingMatching/key(_:)`` of each heading.
        let headingKeys: [String]
    }

    struct FileRecord: Sendable {
        let path: String
        /// Lower-cased file name: without `.md` for notes, with the extension for attachments.
        let nameKey: String
        /// Lower-cased path, without `.md` for notes.
        let pathKey: String
        /// Nil for an attachment.
        var note: NoteRecord?
    }

    var files: [FileRecord?] = []
    var idByPath: [String: FileID] = [:]
    var idsByName: [String: [FileID]] = [:]
    var idsByAlias: [String: [FileID]] = [:]
    /// Every link by the last segment of its target (lower-cased, `.md` dropped):
    /// the links whose resolution can change when a file of that name comes or goes.
    var linksByName: [String: Set<LinkRef>] = [:]
    var backlinkRefs: [FileID: Set<LinkRef>] = [:]
    var unresolvedRefs: [String: Set<LinkRef>] = [:]
    var tagRefs: [String: Set<TagRef>] = [:]

    public private(set) var noteCount = 0
    public private(set) var attachmentCount = 0
    public let exclusion: ExclusionFilter

    public init(exclusion: ExclusionFilter = ExclusionFilter()) {
        self.exclusion = exclusion
    }

    /// Builds a vault from all its files at once, resolving every link once.
    public init(notes: [(path: String, note: Note)], attachments: [String], exclusion: ExclusionFilter = ExclusionFilter())
    {
        self.exclusion = exclusion
        files.reserveCapacity(notes.count + attachments.count)
        for path in attachments { _ = registerFile(path: path, note: nil) }
        var noteIDs: [FileID] = []
        noteIDs.reserveCapacity(notes.count)
        for (path, note) in notes {
            let id = registerFile(path: path, note: makeRecord(path: path, note: note))
            noteIDs.append(id)
            registerAliases(of: id)
        }
        for id in noteIDs {
            registerTags(of: id)
            resolveAndRegisterLinks(of: id)
        }
    }

    // MARK: Updates

    /// Adds a note, or replaces the parsed content of the note at `path`.
    @discardableResult
    public mutating func upsertNote(path: String, note: Note) -> VaultChange {
        var change = VaultChange()
        change.affectedNotes.insert(path)
        let record = makeRecord(path: path, note: note)
        guard let id = idByPath[path], let old = files[id.index] else {
            let id = registerFile(path: path, note: record)
            registerAliases(of: id)
            registerTags(of: id)
            reresolveLinks(named: files[id.index]!.nameKey, into: &change)
            for alias in note.aliases { reresolveLinks(named: Self.lastSegmentKey(alias.text), into: &change) }
            resolveAndRegisterLinks(of: id)
            return change
        }
        if old.note == nil {  // An attachment path now holds a note: start afresh.
            change.affectedNotes.formUnion(removeFile(path: path).affectedNotes)
            change.affectedNotes.formUnion(upsertNote(path: path, note: note).affectedNotes)
            return change
        }
        let oldRecord = old.note!
        unregisterLinks(of: id)
        unregisterTags(of: id)
        unregisterAliases(of: id)
        files[id.index]!.note = record
        registerAliases(of: id)
        registerTags(of: id)
        resolveAndRegisterLinks(of: id)

        let oldAliases = Set(oldRecord.note.aliases.map { $0.text.lowercased() })
        let newAliases = Set(note.aliases.map { $0.text.lowercased() })
        for alias in oldAliases.symmetricDifference(newAliases) {
            reresolveLinks(named: Self.lastSegmentKey(alias), into: &change)
        }
        // Links into this note may find or lose their heading or block.
        if oldRecord.headingKeys != record.headingKeys || oldRecord.note.blockIDs.map(\.id) != note.blockIDs.map(\.id) {
            for ref in backlinkRefs[id] ?? [] { change.affectedNotes.insert(files[ref.file.index]!.path) }
        }
        return change
    }

    /// Adds an attachment (any file that is not a note).
    @discardableResult
    public mutating func addAttachment(path: String) -> VaultChange {
        var change = VaultChange()
        guard idByPath[path] == nil else { return change }
        let id = registerFile(path: path, note: nil)
        reresolveLinks(named: files[id.index]!.nameKey, into: &change)
        return change
    }

    /// Removes a note or attachment; links to it resolve anew (elsewhere, or nowhere).
    @discardableResult
    public mutating func removeFile(path: String) -> VaultChange {
        var change = VaultChange()
        guard let id = idByPath[path], let file = files[id.index] else { return change }
        var aliasKeys: [String] = []
        if let record = file.note {
            aliasKeys = record.note.aliases.map { Self.lastSegmentKey($0.text) }
            unregisterLinks(of: id)
            unregisterTags(of: id)
            unregisterAliases(of: id)
            noteCount -= 1
        } else {
            attachmentCount -= 1
        }
        idByPath[path] = nil
        idsByName[file.nameKey]?.removeAll { $0 == id }
        if idsByName[file.nameKey]?.isEmpty == true { idsByName[file.nameKey] = nil }
        files[id.index] = nil
        reresolveLinks(named: file.nameKey, into: &change)
        for key in aliasKeys { reresolveLinks(named: key, into: &change) }
        change.affectedNotes.remove(path)
        return change
    }

    /// Moves a file to a new path, keeping its content; links follow the rules
    /// anew (the editor rewrites them through a rename edit).
    @discardableResult
    public mutating func renameFile(from oldPath: String, to newPath: String) -> VaultChange {
        guard oldPath != newPath, let id = idByPath[oldPath], let file = files[id.index] else { return VaultChange() }
        var change = removeFile(path: oldPath)
        if let record = file.note {
            change.affectedNotes.formUnion(upsertNote(path: newPath, note: record.note).affectedNotes)
        } else {
            change.affectedNotes.formUnion(addAttachment(path: newPath).affectedNotes)
        }
        return change
    }

    // MARK: Registration

    private func makeRecord(path: String, note: Note) -> NoteRecord {
        NoteRecord(
            note: note, resolutions: [], isExcluded: !exclusion.isEmpty && exclusion.excludes(path),
            headingKeys: note.headings.map { HeadingMatching.key($0.text) })
    }

    private mutating func registerFile(path: String, note: NoteRecord?) -> FileID {
        let id = FileID(files.count)
        let isNote = note != nil
        let name = VaultPath.fileName(path)
        let nameKey = (isNote ? VaultPath.droppingMarkdownExtension(name) : name).lowercased()
        let pathKey = (isNote ? VaultPath.droppingMarkdownExtension(path) : path).lowercased()
        files.append(FileRecord(path: path, nameKey: nameKey, pathKey: pathKey, note: note))
        idByPath[path] = id
        idsByName[nameKey, default: []].append(id)
        if isNote { noteCount += 1 } else { attachmentCount += 1 }
        return id
    }

    private mutating func registerAliases(of id: FileID) {
        for alias in files[id.index]!.note!.note.aliases {
            idsByAlias[alias.text.lowercased(), default: []].append(id)
        }
    }

    private mutating func unregisterAliases(of id: FileID) {
        for alias in files[id.index]!.note!.note.aliases {
            let key = alias.text.lowercased()
            idsByAlias[key]?.removeAll { $0 == id }
            if idsByAlias[key]?.isEmpty == true { idsByAlias[key] = nil }
        }
    }

    private mutating func registerTags(of id: FileID) {
        for (index, tag) in files[id.index]!.note!.note.tags.enumerated() {
            tagRefs[tag.name.lowercased(), default: []].insert(TagRef(file: id, index: Int32(index)))
        }
    }

    private mutating func unregisterTags(of id: FileID) {
        for (index, tag) in files[id.index]!.note!.note.tags.enumerated() {
            let key = tag.name.lowercased()
            tagRefs[key]?.remove(TagRef(file: id, index: Int32(index)))
            if tagRefs[key]?.isEmpty == true { tagRefs[key] = nil }
        }
    }

    private mutating func resolveAndRegisterLinks(of id: FileID) {
        let links = files[id.index]!.note!.note.links
        var resolutions: [LinkResolution] = []
        resolutions.reserveCapacity(links.count)
        let folder = VaultPath.folder(files[id.index]!.path)
        for (index, link) in links.enumerated() {
            let resolution = resolve(link, fromFolder: folder)
            resolutions.append(resolution)
            let ref = LinkRef(file: id, index: index)
            if let key = Self.nameKey(of: link) { linksByName[key, default: []].insert(ref) }
            register(ref, resolution)
        }
        files[id.index]!.note!.resolutions = resolutions
    }

    private mutating func unregisterLinks(of id: FileID) {
        let record = files[id.index]!.note!
        for (index, link) in record.note.links.enumerated() {
            let ref = LinkRef(file: id, index: index)
            if let key = Self.nameKey(of: link) {
                linksByName[key]?.remove(ref)
                if linksByName[key]?.isEmpty == true { linksByName[key] = nil }
            }
            unregister(ref, record.resolutions[index])
        }
        files[id.index]!.note!.resolutions = []
    }

    private mutating func register(_ ref: LinkRef, _ resolution: LinkResolution) {
        switch resolution {
        case .file(let target, _): backlinkRefs[target, default: []].insert(ref)
        case .unresolved(let key): unresolvedRefs[key, default: []].insert(ref)
        case .external, .sameNote: break
        }
    }

    private mutating func unregister(_ ref: LinkRef, _ resolution: LinkResolution) {
        switch resolution {
        case .file(let target, _):
            backlinkRefs[target]?.remove(ref)
            if backlinkRefs[target]?.isEmpty == true { backlinkRefs[target] = nil }
        case .unresolved(let key):
            unresolvedRefs[key]?.remove(ref)
            if unresolvedRefs[key]?.isEmpty == true { unresolvedRefs[key] = nil }
        case .external, .sameNote: break
        }
    }

    /// Resolves anew every link whose target ends in `nameKey`.
    private mutating func reresolveLinks(named nameKey: String, into change: inout VaultChange) {
        guard let refs = linksByName[nameKey] else { return }
        for ref in refs {
            guard let file = files[ref.file.index], let record = file.note else { continue }
            let index = Int(ref.index)
            let old = record.resolutions[index]
            let new = resolve(record.note.links[index], fromFolder: VaultPath.folder(file.path))
            guard new != old else { continue }
            unregister(ref, old)
            register(ref, new)
            files[ref.file.index]!.note!.resolutions[index] = new
            change.affectedNotes.insert(file.path)
        }
    }

    /// The key a link is filed under in ``linksByName``, or nil when no file name can change its resolution.
    static func nameKey(of link: Link) -> String? {
        guard !link.isExternal && !link.target.isEmpty else { return nil }
        return lastSegmentKey(link.target)
    }

    static func lastSegmentKey(_ target: String) -> String {
        VaultPath.droppingMarkdownExtension(VaultPath.fileName(target)).lowercased()
    }
}
