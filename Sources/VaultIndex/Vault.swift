import VaultParser

/// The vault as a value: every note and attachment by vault-relative path, with
/// names, aliases, link resolutions, backlinks and tags kept up to date one
/// note at a time.
///
/// Every update touches only the tables of the file it changes and the links
/// that name it (found through ``names``), so its cost follows the
/// number of links involved, never the size of the vault.
public struct Vault: Sendable {
    /// A note with the resolution of each of its links.
    public struct NoteRecord: Sendable {
        public let note: Note
        /// One per link of ``note``, in the same order.
        public internal(set) var resolutions: [LinkResolution]
        /// Inside Obsidian's "Excluded files": its links are not reported.
        public let isExcluded: Bool
    }

    struct FileRecord: Sendable {
        let path: String
        /// Lower-cased file name: without `.md` for notes, with the extension for attachments.
        let nameKey: NameKey
        /// Lower-cased path, without `.md` for notes.
        let pathKey: String
        /// Nil for an attachment.
        var note: NoteRecord?
        /// The note's ``NoteRecord/isExcluded``, here too so that loops over every file stay cheap.
        let isExcluded: Bool
    }

    var files: [FileRecord?] = []
    var idByPath: [String: FileID] = [:]
    var names = NameTable()
    /// By ``FileID``: the links that resolve to each file (in no order; queries sort).
    var backlinkRefs: [[LinkRef]] = []
    /// By folded target: the links that point at a missing name.
    var unresolvedRefs: [NameKey: [LinkRef]] = [:]
    var tagRefs: [String: [TagRef]] = [:]

    /// False while a ``Builder`` fills the vault: aliases are not all known, so
    /// no link may resolve through one yet.
    var resolvesAliases = true

    public private(set) var noteCount = 0
    public private(set) var attachmentCount = 0
    public let exclusion: ExclusionFilter

    public init(exclusion: ExclusionFilter = ExclusionFilter()) {
        self.exclusion = exclusion
    }

    /// A note with everything computed that does not depend on the rest of the
    /// vault, so that loaders can prepare notes on every core.
    public struct PreparedNote: Sendable {
        let path: String
        let record: NoteRecord
        /// By link, when prepared with ``FileNames``: the slot in ``Vault/names``
        /// of a bare name that names files, or -1 (the indexing thread looks it up).
        let nameSlots: [Int32]
    }

    /// The file names of a vault being built, known from the folder listing,
    /// for the threads that prepare notes: they find each link's name there,
    /// so that the one thread that indexes does not.
    public struct FileNames: Sendable {
        fileprivate let names: NameTable
    }

    /// Prepares a note for ``init(prepared:attachments:exclusion:)`` or a ``Builder``.
    public static func prepare(
        path: String, note: Note, exclusion: ExclusionFilter, fileNames: FileNames? = nil
    ) -> PreparedNote {
        var nameSlots: [Int32] = []
        if let fileNames {
            let links = note.links
            nameSlots = links.indices.map { index in
                guard let name = LinkKey.bareName(of: links[index]), let slot = fileNames.names.slot(of: name) else {
                    return -1
                }
                return Int32(slot)
            }
        }
        return PreparedNote(
            path: path,
            record: NoteRecord(note: note, resolutions: [], isExcluded: !exclusion.isEmpty && exclusion.excludes(path)),
            nameSlots: nameSlots)
    }

    /// Builds a vault from all its files at once, resolving every link once.
    public init(
        prepared notes: consuming [PreparedNote], attachments: [String], exclusion: ExclusionFilter = ExclusionFilter()
    ) {
        var builder = Builder(notePaths: notes.map(\.path), attachments: attachments, exclusion: exclusion)
        for index in notes.indices { builder.add(notes[index], at: index) }
        self = builder.finish()
    }

    /// Builds a vault while its notes are still being read: every file's name
    /// is known from the folder listing, so each note's links resolve as soon
    /// as the note arrives, on one thread while others parse. Only links that
    /// found no file wait for the end, when every alias is known.
    public struct Builder: Sendable {
        private var vault: Vault
        private let noteIDs: [FileID]
        private var skipped: [String] = []

        public init(notePaths: [String], attachments: [String], exclusion: ExclusionFilter = ExclusionFilter()) {
            vault = Vault(exclusion: exclusion)
            vault.resolvesAliases = false
            let fileCount = notePaths.count + attachments.count
            vault.files.reserveCapacity(fileCount)
            vault.backlinkRefs.reserveCapacity(fileCount)
            vault.idByPath.reserveCapacity(fileCount)
            vault.names.reserveCapacity(fileCount)
            for path in attachments { _ = vault.registerFile(path: path, note: nil) }
            let empty = Note(text: "")
            var ids: [FileID] = []
            ids.reserveCapacity(notePaths.count)
            for path in notePaths {
                let placeholder = NoteRecord(
                    note: empty, resolutions: [], isExcluded: !exclusion.isEmpty && exclusion.excludes(path))
                ids.append(vault.registerFile(path: path, note: placeholder))
            }
            noteIDs = ids
        }

        /// Every file's name, for ``Vault/prepare(path:note:exclusion:fileNames:)``.
        /// Names are only added while the vault is built, never removed, so
        /// their slots stay valid.
        public var fileNames: FileNames { FileNames(names: vault.names) }

        /// Adds the note at an index of `notePaths`.
        public mutating func add(_ prepared: PreparedNote, at index: Int) {
            let id = noteIDs[index]
            vault.files[id.index]!.note = prepared.record
            vault.registerAliases(of: id)
            vault.registerTags(of: id)
            vault.resolveAndRegisterLinks(of: id, nameSlots: prepared.nameSlots)
        }

        /// The note at an index of `notePaths` could not be read: it leaves the vault.
        public mutating func skip(at index: Int) {
            skipped.append(vault.path(of: noteIDs[index]))
        }

        public consuming func finish() -> Vault {
            for path in skipped { vault.removeFile(path: path) }
            // Links that found no file may name an alias: every alias is known now.
            vault.resolvesAliases = true
            var change = VaultChange()
            var aliasKeys: [NameKey] = []
            vault.names.forEach { key, entry in if !entry.aliasOwners.isEmpty { aliasKeys.append(key) } }
            for key in aliasKeys {
                for ref in vault.unresolvedRefs[key] ?? [] { vault.reresolve(ref, into: &change) }
            }
            return vault
        }
    }

    /// Builds a vault from all its files at once.
    public init(notes: [(path: String, note: Note)], attachments: [String], exclusion: ExclusionFilter = ExclusionFilter())
    {
        self.init(
            prepared: notes.map { Self.prepare(path: $0.path, note: $0.note, exclusion: exclusion) },
            attachments: attachments, exclusion: exclusion)
    }

    // MARK: Updates

    /// Adds a note, or replaces the parsed content of the note at `path`.
    @discardableResult
    public mutating func upsertNote(path: String, note: Note) -> VaultChange {
        var change = VaultChange()
        change.affectedNotes.insert(path)
        let prepared = Self.prepare(path: path, note: note, exclusion: exclusion)
        let record = prepared.record
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

        let oldAliases = Set(oldRecord.note.aliases.map { NameFolding.fold($0.text) })
        let newAliases = Set(note.aliases.map { NameFolding.fold($0.text) })
        for alias in oldAliases.symmetricDifference(newAliases) {
            reresolveLinks(named: Self.lastSegmentKey(alias), into: &change)
        }
        // Links into this note may find or lose their heading or block.
        if oldRecord.note.headings.map(\.text) != note.headings.map(\.text)
            || oldRecord.note.blockIDs.map(\.id) != note.blockIDs.map(\.id)
        {
            for ref in backlinkRefs[id.index] { change.affectedNotes.insert(files[ref.file.index]!.path) }
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
        var aliasKeys: [NameKey] = []
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
        names.update(file.nameKey) { $0.files.removeAll { $0 == id } }
        files[id.index] = nil
        backlinkRefs[id.index] = []
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

    fileprivate mutating func registerFile(path: String, note: NoteRecord?) -> FileID {
        let id = FileID(files.count)
        let isNote = note != nil
        // One fold serves both keys: the name is the folded path's last segment.
        let pathKey = NameFolding.fold(isNote ? VaultPath.droppingMarkdownExtension(path) : path)
        let nameKey = NameKey(VaultPath.fileName(pathKey))
        files.append(
            FileRecord(path: path, nameKey: nameKey, pathKey: pathKey, note: note, isExcluded: note?.isExcluded ?? false))
        backlinkRefs.append([])
        idByPath[path] = id
        names.entries[names.slot(adding: nameKey)].files.append(id)
        if isNote { noteCount += 1 } else { attachmentCount += 1 }
        return id
    }

    fileprivate mutating func registerAliases(of id: FileID) {
        for alias in files[id.index]!.note!.note.aliases {
            names.entries[names.slot(adding: NameKey(alias.text))].aliasOwners.append(id)
        }
    }

    private mutating func unregisterAliases(of id: FileID) {
        for alias in files[id.index]!.note!.note.aliases {
            names.update(NameKey(NameFolding.fold(alias.text))) { $0.aliasOwners.removeAll { $0 == id } }
        }
    }

    fileprivate mutating func registerTags(of id: FileID) {
        for (index, tag) in files[id.index]!.note!.note.tags.enumerated() {
            tagRefs[NameFolding.fold(tag.name), default: []].append(TagRef(file: id, index: Int32(index)))
        }
    }

    /// Takes every tag of a note out of the tag table, one pass per tag name (as links are).
    private mutating func unregisterTags(of id: FileID) {
        let keys = Set(files[id.index]!.note!.note.tags.map { NameFolding.fold($0.name) })
        for key in keys {
            tagRefs[key]?.removeAll { $0.file == id }
            if tagRefs[key]?.isEmpty == true { tagRefs[key] = nil }
        }
    }

    fileprivate mutating func resolveAndRegisterLinks(of id: FileID, nameSlots: [Int32] = []) {
        let links = files[id.index]!.note!.note.links
        var resolutions: [LinkResolution] = []
        resolutions.reserveCapacity(links.count)
        let folder = VaultPath.folder(files[id.index]!.path)
        for index in links.indices {
            if index < nameSlots.count && nameSlots[index] >= 0 {
                // A bare name whose files are known: no key, no lookup.
                let slot = Int(nameSlots[index])
                let ref = LinkRef(file: id, index: index)
                let sameName = names.entries[slot].files
                if let match = chooseAmong(sameName, fromFolder: folder) {
                    names.entries[slot].links.appendGrowingEarly(ref)
                    register(ref, match)
                    resolutions.append(match)
                    continue
                }
            }
            // Made here, not where notes are parsed: a bare name's key allocates
            // nothing, and memory freed by another thread than the one that
            // allocated it costs a lock that the parsing threads contend for.
            guard let key = LinkKey(links[index], inFolder: folder) else {
                resolutions.append(links[index].isExternal ? .external : .sameNote)
                continue
            }
            let ref = LinkRef(file: id, index: index)
            // One lookup of the name serves resolving and filing the link.
            let slot = names.slot(adding: key.name)
            // Read into locals first: reading them in the call's arguments copies the vault.
            let sameName = names.entries[slot].files
            let aliasOwners = names.entries[slot].aliasOwners
            let match = fileMatch(key, files: sameName, aliasOwners: aliasOwners, fromFolder: folder)
            names.entries[slot].links.appendGrowingEarly(ref)
            if let match {
                register(ref, match)
                resolutions.append(match)
            } else {
                resolutions.append(registerUnresolved(ref, key: key.full))
            }
        }
        files[id.index]!.note!.resolutions = resolutions
    }

    /// Takes every link of a note out of the tables. Each list that holds some
    /// loses all of them in one pass: removing them one at a time searched the
    /// list once per link, quadratic in a note's links to one name (a note of
    /// 300,000 `[[x]]` took 50 s to re-index on each keystroke).
    private mutating func unregisterLinks(of id: FileID) {
        let record = files[id.index]!.note!
        var nameKeys = Set<NameKey>()
        var targets = Set<Int>()
        var unresolvedKeys = Set<NameKey>()
        for (index, link) in record.note.links.enumerated() {
            if let key = LinkKey.name(of: link) { nameKeys.insert(key) }
            switch record.resolutions[index] {
            case .file(let target, _): targets.insert(target.index)
            case .unresolved(let key): unresolvedKeys.insert(NameKey(key))
            case .external, .sameNote: break
            }
        }
        let isFromThisNote: (LinkRef) -> Bool = { $0.file == id }
        for key in nameKeys { names.update(key) { $0.links.removeAll(where: isFromThisNote) } }
        for target in targets { backlinkRefs[target].removeAll(where: isFromThisNote) }
        for key in unresolvedKeys {
            unresolvedRefs[key]?.removeAll(where: isFromThisNote)
            if unresolvedRefs[key]?.isEmpty == true { unresolvedRefs[key] = nil }
        }
        files[id.index]!.note!.resolutions = []
    }

    private mutating func register(_ ref: LinkRef, _ resolution: LinkResolution) {
        switch resolution {
        case .file(let target, _): backlinkRefs[target.index].appendGrowingEarly(ref)
        case .unresolved(let key): registerUnresolved(ref, key: NameKey(key))
        case .external, .sameNote: break
        }
    }

    /// Files a link to a missing name; its resolution, whose key text is shared
    /// by every link to that name (one string, not one per link).
    @discardableResult
    private mutating func registerUnresolved(_ ref: LinkRef, key: NameKey) -> LinkResolution {
        if let slot = unresolvedRefs.index(forKey: key) {
            unresolvedRefs.values[slot].append(ref)
            return .unresolved(key: unresolvedRefs.keys[slot].text)
        }
        let folded = key.folded
        unresolvedRefs[folded] = [ref]
        return .unresolved(key: folded.text)
    }

    private mutating func unregister(_ ref: LinkRef, _ resolution: LinkResolution) {
        switch resolution {
        case .file(let target, _):
            backlinkRefs[target.index].removeFirst(ref)
        case .unresolved(let key):
            let key = NameKey(key)
            unresolvedRefs[key]?.removeFirst(ref)
            if unresolvedRefs[key]?.isEmpty == true { unresolvedRefs[key] = nil }
        case .external, .sameNote: break
        }
    }

    /// Resolves anew every link whose target ends in `nameKey`.
    private mutating func reresolveLinks(named nameKey: NameKey, into change: inout VaultChange) {
        guard let refs = names[nameKey]?.links else { return }
        for ref in refs { reresolve(ref, into: &change) }
    }

    private mutating func reresolve(_ ref: LinkRef, into change: inout VaultChange) {
        guard let file = files[ref.file.index], let record = file.note else { return }
        let index = Int(ref.index)
        let old = record.resolutions[index]
        let new = resolve(record.note.links[index], fromFolder: VaultPath.folder(file.path))
        guard new != old else { return }
        unregister(ref, old)
        register(ref, new)
        files[ref.file.index]!.note!.resolutions[index] = new
        change.affectedNotes.insert(file.path)
    }

    static func lastSegmentKey(_ target: String) -> NameKey {
        NameKey(NameFolding.fold(VaultPath.droppingMarkdownExtension(VaultPath.fileName(target))))
    }
}

extension Array where Element == LinkRef {
    /// Appends, starting at room for eight: lists of links to one note or name
    /// usually grow past a few, and each step of growing from one is an
    /// allocation and a copy.
    mutating func appendGrowingEarly(_ ref: LinkRef) {
        if count == capacity { reserveCapacity(Swift.max(8, count * 2)) }
        append(ref)
    }

    /// Removes one occurrence, swapping the last element into its place (order does not matter).
    mutating func removeFirst(_ ref: LinkRef) {
        guard let index = firstIndex(of: ref) else { return }
        swapAt(index, count - 1)
        removeLast()
    }
}
