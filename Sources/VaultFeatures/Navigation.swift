import VaultIndex
import VaultParser

/// A place in a vault file: its path and a byte range in its text.
public struct Place: Sendable, Equatable {
    public let path: String
    public let range: ByteRange

    public init(path: String, range: ByteRange) {
        self.path = path
        self.range = range
    }
}

/// Go to definition and find references, answered from the index's tables.
public enum Navigation {
    /// Where a link goes: the note's start, the heading's line or the block; an
    /// attachment's file; every candidate of an ambiguous name, best first;
    /// nothing for a name no file has.
    public static func definition(ofLink index: Int, inNoteAt path: String, of vault: Vault) -> [Place] {
        guard let id = vault.id(of: path), let record = vault.record(id), record.note.links.indices.contains(index) else {
            return []
        }
        let link = record.note.links[index]
        switch record.resolutions[index] {
        case .external, .unresolved:
            return []
        case .sameNote:
            return [place(of: link, in: id, of: vault)]
        case .file(let target, let match):
            if case .ambiguous(let candidates) = match {
                return candidates.map { place(of: link, in: $0, of: vault) }
            }
            return [place(of: link, in: target, of: vault)]
        }
    }

    /// The heading or block a link's subpath names in a file, or the file's
    /// start. Slugs name headings only in markdown links, as in diagnostics.
    static func place(of link: Link, in id: FileID, of vault: Vault) -> Place {
        let path = vault.path(of: id)
        guard let record = vault.record(id) else { return Place(path: path, range: 0..<0) }
        switch link.subpath {
        case .heading(let headingPath):
            if let heading = vault.headingIndex(headingPath, in: record, allowingSlug: link.kind == .markdown) {
                return Place(path: path, range: record.note.headings[heading].range)
            }
        case .block(let blockID):
            if let block = vault.blockIndex(blockID, in: record) {
                return Place(path: path, range: record.note.blockIDs[block].blockRange)
            }
        case nil:
            break
        }
        return Place(path: path, range: 0..<0)
    }

    /// What a reference search at a place in a note is about.
    public enum Subject: Sendable, Equatable {
        case note(FileID)
        case heading(Int, of: FileID)
        case block(Int, of: FileID)
        case unresolved(key: String)
        case tag(String)
    }

    /// The subject of a reference search at a byte offset: the link, heading,
    /// block id or tag there, else the note itself.
    public static func subject(at offset: Int, inNoteAt path: String, of vault: Vault) -> Subject? {
        guard let id = vault.id(of: path), let record = vault.record(id) else { return nil }
        switch NoteElement.at(offset, in: record.note) {
        case .link(let index):
            let link = record.note.links[index]
            let target: FileID
            switch record.resolutions[index] {
            case .external: return nil
            case .unresolved(let key): return .unresolved(key: key)
            case .sameNote: target = id
            case .file(let file, _): target = file
            }
            guard let targetRecord = vault.record(target) else { return .note(target) }  // An attachment.
            switch link.subpath {
            case .heading(let headingPath):
                let heading = vault.headingIndex(headingPath, in: targetRecord, allowingSlug: link.kind == .markdown)
                return heading.map { .heading($0, of: target) } ?? .note(target)
            case .block(let blockID):
                return vault.blockIndex(blockID, in: targetRecord).map { .block($0, of: target) } ?? .note(target)
            case nil:
                return .note(target)
            }
        case .heading(let index): return .heading(index, of: id)
        case .block(let index): return .block(index, of: id)
        case .tag(let index): return .tag(record.note.tags[index].name)
        case nil: return .note(id)
        }
    }

    /// Every use of the subject in the vault, by path then position; with
    /// `includeDeclaration`, also the note, heading or block itself.
    public static func references(to subject: Subject, of vault: Vault, includeDeclaration: Bool) -> [Place] {
        var places: [Place] = []
        let refs: [LinkRef]
        switch subject {
        case .note(let id):
            refs = vault.backlinks(to: id)
            if includeDeclaration { places.append(Place(path: vault.path(of: id), range: 0..<0)) }
        case .heading(let index, let id):
            refs = vault.backlinks(toHeading: index, of: id)
            if includeDeclaration, let record = vault.record(id) {
                places.append(Place(path: vault.path(of: id), range: record.note.headings[index].range))
            }
        case .block(let index, let id):
            refs = vault.backlinks(toBlock: index, of: id)
            if includeDeclaration, let record = vault.record(id) {
                places.append(Place(path: vault.path(of: id), range: record.note.blockIDs[index].range))
            }
        case .unresolved(let key):
            refs = vault.links(toUnresolved: key)
        case .tag(let name):
            return vault.uses(ofTag: name).map { Place(path: vault.path(of: $0.file), range: vault.tag($0).range) }
        }
        places += refs.map { Place(path: vault.path(of: $0.file), range: vault.link($0).range) }
        return places.sorted { $0.path != $1.path ? $0.path < $1.path : $0.range.lowerBound < $1.range.lowerBound }
    }
}
