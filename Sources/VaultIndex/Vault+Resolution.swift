import VaultParser

/// Link resolution, as docs/vault-syntax.md ("From a link to a file") states it.
extension Vault {
    /// What a link with this key, written in a note in `folder`, points at.
    func resolve(_ key: LinkKey?, fromFolder folder: String) -> LinkResolution {
        guard let key else { return .sameNote }
        let entry = names[key.name]
        return fileMatch(key, files: entry?.files ?? [], aliasOwners: entry?.aliasOwners ?? [], fromFolder: folder)
            ?? .unresolved(key: key.full.folded.text)
    }

    /// The file a link with this key points at, or nil when nothing matches,
    /// given the files and alias owners filed under the key's name (looked up
    /// once by callers that have them).
    func fileMatch(_ key: LinkKey, files sameName: [FileID], aliasOwners: [FileID], fromFolder folder: String)
        -> LinkResolution?
    {
        for candidate in key.candidates {
            if let id = file(atPath: candidate.exact, folded: candidate.folded) { return .file(id, .unique) }
        }
        if let path = key.path {
            let suffix = "/" + path.text
            return chooseAmong(sameName.filter { files[$0.index]!.pathKey.hasSuffix(suffix) }, fromFolder: folder)
        }
        // A bare name: the name is the whole target.
        if let match = chooseAmong(sameName, fromFolder: folder) { return match }
        if resolvesAliases, !aliasOwners.isEmpty {
            return .file(rank(aliasOwners, fromFolder: folder)[0], .alias)
        }
        return nil
    }

    /// What `link`, written in a note in `folder`, points at.
    func resolve(_ link: Link, fromFolder folder: String) -> LinkResolution {
        if link.isExternal { return .external }
        return resolve(LinkKey(link, inFolder: folder), fromFolder: folder)
    }

    /// Resolves a wikilink-style target (a name or a path, `.md` optional) written in `folder`.
    public func resolve(target: String, fromFolder folder: String) -> LinkResolution {
        resolve(LinkKey(target: target, inFolder: folder), fromFolder: folder)
    }

    /// The file at a path (notes without `.md`), ignoring case; when paths differ
    /// only in case, the exact spelling wins, then path order.
    private func file(atPath path: String, folded pathKey: String) -> FileID? {
        guard let candidates = names[NameKey(VaultPath.fileName(pathKey))]?.files else { return nil }
        var best: FileID?
        for id in candidates where files[id.index]!.pathKey == pathKey {
            guard let current = best else {
                best = id
                continue
            }
            let currentPath = files[current.index]!.path
            let candidatePath = files[id.index]!.path
            let currentExact = VaultPath.droppingMarkdownExtension(currentPath) == path
            let candidateExact = VaultPath.droppingMarkdownExtension(candidatePath) == path
            if candidateExact != currentExact ? candidateExact : candidatePath < currentPath { best = id }
        }
        return best
    }

    func chooseAmong(_ candidates: [FileID], fromFolder folder: String) -> LinkResolution? {
        switch candidates.count {
        case 0: return nil
        case 1: return .file(candidates[0], .unique)
        default:
            let ranked = rank(candidates, fromFolder: folder)
            return .file(ranked[0], .ambiguous(ranked))
        }
    }

    /// Orders same-named files: the linking note's folder first, then the
    /// fewest path segments, then path order.
    func rank(_ candidates: [FileID], fromFolder folder: String) -> [FileID] {
        candidates.sorted { a, b in
            let pathA = files[a.index]!.path
            let pathB = files[b.index]!.path
            let localA = VaultPath.folder(pathA) == folder
            let localB = VaultPath.folder(pathB) == folder
            if localA != localB { return localA }
            let depthA = VaultPath.segmentCount(pathA)
            let depthB = VaultPath.segmentCount(pathB)
            if depthA != depthB { return depthA < depthB }
            return pathA < pathB
        }
    }

    // MARK: Headings and blocks

    /// The index of the heading a heading path names in a note: the last segment's
    /// heading, below headings matching the earlier segments (at any depth).
    /// Markdown-link fragments may also use a heading's GitHub-style slug.
    public func headingIndex(_ path: [String], in record: NoteRecord, allowingSlug: Bool = false) -> Int? {
        HeadingLookup(record).index(path, allowingSlug: allowingSlug)
    }

    /// The headings a heading path matches, one per segment (the last one is
    /// the heading the link points at), or nil when it matches none.
    public func headingChain(_ path: [String], in record: NoteRecord, allowingSlug: Bool = false) -> [Int]? {
        guard let target = headingIndex(path, in: record, allowingSlug: allowingSlug) else { return nil }
        var chain = [target]
        var ancestor = record.note.headings[target].parent
        for segment in path.dropLast().reversed() {
            let key = HeadingMatching.key(segment)
            while let current = ancestor, HeadingMatching.key(record.note.headings[current].text) != key {
                ancestor = record.note.headings[current].parent
            }
            guard let current = ancestor else { return nil }
            chain.insert(current, at: 0)
            ancestor = record.note.headings[current].parent
        }
        return chain
    }

    /// The index of the block with that id in a note (ids compare ignoring case).
    public func blockIndex(_ id: String, in record: NoteRecord) -> Int? {
        let wanted = id.lowercased()
        return record.note.blockIDs.firstIndex { $0.id.lowercased() == wanted }
    }
}

/// A note's headings by their matching key, for many lookups in one note: a
/// note's table of contents links to each of its headings, and making every
/// heading's key for each link was quadratic in the note's headings.
public struct HeadingLookup {
    private let headings: [Heading]
    private let keys: [String]
    private let byKey: [String: [Int]]

    public init(_ record: Vault.NoteRecord) {
        headings = record.note.headings
        // Keys are made when asked: a vault keeps no second copy of every heading.
        keys = headings.map { HeadingMatching.key($0.text) }
        var byKey: [String: [Int]] = [:]
        for (index, key) in keys.enumerated() { byKey[key, default: []].append(index) }
        self.byKey = byKey
    }

    /// See ``Vault/headingIndex(_:in:allowingSlug:)``.
    public func index(_ path: [String], allowingSlug: Bool = false) -> Int? {
        guard let last = path.last else { return nil }
        let wanted = path.map(HeadingMatching.key)
        for index in byKey[wanted.last!] ?? [] {
            var remaining = wanted.dropLast()
            var ancestor = headings[index].parent
            while let current = ancestor, let segment = remaining.last {
                if keys[current] == segment { remaining.removeLast() }
                ancestor = headings[current].parent
            }
            if remaining.isEmpty { return index }
        }
        if allowingSlug && path.count == 1 {
            let slug = last.lowercased()
            return headings.firstIndex { HeadingMatching.slug($0.text) == slug }
        }
        return nil
    }
}
