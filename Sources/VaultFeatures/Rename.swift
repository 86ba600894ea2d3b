import VaultIndex
import VaultParser

/// Renames that keep every link pointing where it pointed: notes (and
/// attachments), headings, block ids and tags. The answer is a plan of text
/// edits per file, plus the file move the editor must make; nothing is written.
public enum Rename {
    /// What a rename at a place acts on.
    public enum Subject: Sendable, Equatable {
        case file(FileID)
        case heading(Int, of: FileID)
        case block(Int, of: FileID)
        case tag(String)
    }

    /// What `prepareRename` shows: the text to select and the name to start from.
    public struct Preparation: Sendable, Equatable {
        public let subject: Subject
        /// Where, in the note asked about, the renamed thing is written.
        public let range: ByteRange
        public let placeholder: String
    }

    /// A text replacement in one file.
    public struct TextEdit: Sendable, Equatable {
        public let range: ByteRange
        public let newText: String
    }

    public struct Plan: Sendable, Equatable {
        /// Text edits by vault path (paths as they are before any move).
        public var edits: [String: [TextEdit]] = [:]
        /// Files to move, `from` -> `to` (vault paths).
        public var moves: [(from: String, to: String)] = []

        public static func == (a: Plan, b: Plan) -> Bool {
            a.edits == b.edits && a.moves.map(\.from) == b.moves.map(\.from) && a.moves.map(\.to) == b.moves.map(\.to)
        }

        mutating func add(_ path: String, _ range: ByteRange, _ newText: String) {
            edits[path, default: []].append(TextEdit(range: range, newText: newText))
        }
    }

    /// Why a rename cannot be done; the message says what to do.
    public struct Refusal: Error, Sendable, Equatable {
        public let message: String
        init(_ message: String) { self.message = message }

        /// Inside code, math or an HTML comment: there is nothing to rename
        /// (`prepareRename` answers null there rather than an error).
        public static let nothingHere = Refusal("inside code, math or an HTML comment nothing is a link, a tag or a note's text")
        public var isNothingHere: Bool { self == .nothingHere }
    }

    // MARK: What can be renamed

    /// What a rename at a byte offset of a note would rename.
    public static func prepare(at offset: Int, inNoteAt path: String, of vault: Vault) -> Result<Preparation, Refusal> {
        guard let id = vault.id(of: path), let record = vault.record(id) else {
            return .failure(Refusal("the note is not in the vault yet"))
        }
        let note = record.note
        switch NoteElement.at(offset, in: note) {
        case .link(let index):
            let link = note.links[index]
            let target: FileID
            switch record.resolutions[index] {
            case .external:
                return .failure(Refusal("'\(link.target)' is outside the vault: there is nothing to rename"))
            case .unresolved:
                return .failure(Refusal("no note named '\(link.target)' exists yet: create it before renaming it"))
            case .sameNote:
                target = id
            case .file(let file, _):
                target = file
            }
            // On the `#heading` or `#^block` part: that heading or block.
            if let subpathRange = link.subpathRange, subpathRange.contains(offset) || subpathRange.upperBound == offset,
                let targetRecord = vault.record(target)
            {
                switch Navigation.subject(at: offset, inNoteAt: path, of: vault) {
                case .heading(let heading, _):
                    let text = targetRecord.note.headings[heading].text
                    return .success(Preparation(subject: .heading(heading, of: target), range: subpathRange, placeholder: text))
                case .block(let block, _):
                    let blockID = targetRecord.note.blockIDs[block].id
                    return .success(Preparation(subject: .block(block, of: target), range: subpathRange, placeholder: blockID))
                default:
                    return .failure(Refusal("'\(link.target)' has no such heading or block to rename"))
                }
            }
            if link.isSameNote { return .failure(Refusal("put the cursor on the heading or block to rename it")) }
            return .success(Preparation(subject: .file(target), range: link.targetRange, placeholder: name(of: target, in: vault)))
        case .heading(let index):
            // The title heading too: it is text like any heading, and renaming
            // the note leaves it be (Obsidian changes the file and the links).
            let heading = note.headings[index]
            return .success(Preparation(subject: .heading(index, of: id), range: heading.textRange, placeholder: heading.text))
        case .block(let index):
            let block = note.blockIDs[index]
            return .success(
                Preparation(subject: .block(index, of: id), range: (block.range.lowerBound + 1)..<block.range.upperBound, placeholder: block.id))
        case .tag(let index):
            let tag = note.tags[index]
            return .success(Preparation(subject: .tag(tag.name), range: tag.nameRange, placeholder: tag.name))
        case nil:
            // Inside code, math or an HTML comment nothing is a link, a tag or a heading.
            if offset >= note.bodyStart && !note.linksCount(at: offset) { return .failure(.nothingHere) }
            return .success(Preparation(subject: .file(id), range: offset..<offset, placeholder: VaultPath.noteName(path)))
        }
    }

    /// The name a rename starts from: a note's name, an attachment's file name.
    static func name(of id: FileID, in vault: Vault) -> String {
        let path = vault.path(of: id)
        return vault.isAttachment(id) ? VaultPath.fileName(path) : VaultPath.noteName(path)
    }

    /// The edits for renaming a subject to `newName`.
    public static func plan(_ subject: Subject, to newName: String, in vault: Vault) -> Result<Plan, Refusal> {
        switch subject {
        case .file(let id): return renameFile(id, to: newName, in: vault)
        case .heading(let index, let id): return renameHeading(index, of: id, to: newName, in: vault)
        case .block(let index, let id): return renameBlock(index, of: id, to: newName, in: vault)
        case .tag(let name): return renameTag(name, to: newName, in: vault)
        }
    }

    // MARK: Notes and attachments

    /// Characters that break a link or a file name.
    static let forbiddenInNames: Set<Character> = ["\\", ":", "*", "?", "\"", "<", ">", "|", "#", "^", "[", "]"]

    /// Renames (and with a folder in `newName`, moves) a note or attachment.
    /// `newName` is a name (the file stays in its folder) or a vault path.
    static func renameFile(_ id: FileID, to newName: String, in vault: Vault) -> Result<Plan, Refusal> {
        let oldPath = vault.path(of: id)
        let isNote = !vault.isAttachment(id)
        var name = newName.trimmingCharacters()
        if isNote { name = VaultPath.droppingMarkdownExtension(name) }
        guard !name.isEmpty else { return .failure(Refusal("the new name is empty")) }
        if let bad = name.first(where: { forbiddenInNames.contains($0) }) {
            return .failure(Refusal("'\(name)' holds '\(bad)', which links and file names cannot: avoid \\ : * ? \" < > | # ^ [ ]"))
        }
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return .failure(Refusal("'\(name)' is not a path inside the vault: use 'Folder/Name', without '..' or empty parts"))
        }
        if segments.contains(where: { $0.hasPrefix(".") }) {
            return .failure(Refusal("'\(name)' names a hidden file or folder, which the vault ignores"))
        }
        var newPath = name.contains("/") ? name : VaultPath.join(VaultPath.folder(oldPath), name)
        if isNote {
            newPath += ".md"
        } else if !VaultPath.fileName(newPath).contains(".") {
            // An attachment keeps its extension when the new name has none.
            let oldName = VaultPath.fileName(oldPath)
            if let dot = oldName.lastIndex(of: ".") { newPath += String(oldName[dot...]) }
        }
        guard newPath != oldPath else { return .success(Plan()) }
        if let existing = vault.files(atPath: newPath).first(where: { $0 != id }) {
            return .failure(Refusal("a \(vault.isAttachment(existing) ? "file" : "note") named '\(VaultPath.fileName(vault.path(of: existing)))' already exists at \(vault.path(of: existing))"))
        }
        // The file and the links change, not the note's text: a title heading
        // stays, and so do the links to it.
        var plan = linkRewrites(moving: [(id, newPath)], in: vault)
        plan.moves = [(oldPath, newPath)]
        return .success(plan)
    }

    /// The edits that keep links pointing at files moved to new paths (which
    /// the editor moves itself): links to them, the relative markdown links
    /// inside moved notes, and links to other files that the new names would
    /// make resolve elsewhere.
    public static func linkRewrites(moving moves: [(id: FileID, to: String)], in vault: Vault) -> Plan {
        var plan = Plan()
        let newPaths = Dictionary(moves.map { ($0.id, $0.to) }, uniquingKeysWith: { _, last in last })
        /// Where a file will be, and where the note holding a link will be.
        func futurePath(_ id: FileID) -> String { newPaths[id] ?? vault.path(of: id) }

        // Every file name after the moves, to know which names stay unique.
        var futureNames: [String: [String]] = [:]
        func nameKey(_ path: String, isNote: Bool) -> String {
            (isNote ? VaultPath.noteName(path) : VaultPath.fileName(path)).lowercased()
        }
        for move in moves {
            let isNote = !vault.isAttachment(move.id)
            let key = nameKey(move.to, isNote: isNote)
            var others = vault.files(named: isNote ? VaultPath.noteName(move.to) : VaultPath.fileName(move.to)).map(futurePath)
            others.removeAll { $0 == move.to }
            futureNames[key] = others + [move.to]
        }

        /// Whether another file of that name will be in the linking note's folder:
        /// a bare name would then pick that one, even written as a root-level path.
        func sharesNameBeside(_ targetFuture: String, isNote: Bool, source sourceFuture: String) -> Bool {
            let holders = futureNames[nameKey(targetFuture, isNote: isNote)]
                ?? vault.files(named: isNote ? VaultPath.noteName(targetFuture) : VaultPath.fileName(targetFuture)).map(futurePath)
            return holders.contains { $0 != targetFuture && VaultPath.folder($0) == VaultPath.folder(sourceFuture) }
        }

        var rewritten = Set<LinkRef>()
        for move in moves {
            for ref in vault.backlinks(to: move.id) {
                guard case .file(_, let match) = vault.resolution(ref), match != .alias else { continue }
                rewritten.insert(ref)
                let link = vault.link(ref)
                let sourcePath = vault.path(of: ref.file)
                let sourceFuture = futurePath(ref.file)
                let isNote = !vault.isAttachment(move.id)
                let isUnique = (futureNames[nameKey(move.to, isNote: isNote)]?.count ?? 1) == 1
                rewrite(link, in: sourcePath, sourceText: vault.record(ref.file)!.note.text, from: sourceFuture, oldTargetPath: vault.path(of: move.id), to: move.to, isNote: isNote, unique: isUnique, rooted: sharesNameBeside(move.to, isNote: isNote, source: sourceFuture), plan: &plan)
            }
        }
        // Relative markdown links inside moved notes keep pointing at their targets.
        for move in moves {
            guard let record = vault.record(move.id) else { continue }
            let path = vault.path(of: move.id)
            for (index, link) in record.note.links.enumerated() where !link.isExternal {
                let ref = LinkRef(file: move.id, index: index)
                guard !rewritten.contains(ref), case .file(let target, let match) = record.resolutions[index] else { continue }
                if link.kind == .wikilink {
                    // A shared name picks the file beside the linking note first: moved
                    // elsewhere, the link would pick another one, so it names its file by path.
                    guard case .ambiguous = match, !link.target.contains("/") else { continue }
                    rewritten.insert(ref)
                    let isNote = !vault.isAttachment(target)
                    rewrite(link, in: path, sourceText: record.note.text, from: move.to, oldTargetPath: vault.path(of: target), to: futurePath(target), isNote: isNote, unique: false, rooted: sharesNameBeside(futurePath(target), isNote: isNote, source: move.to), plan: &plan)
                    continue
                }
                let written = link.target
                guard written.contains("/") || VaultPath.folder(path) != VaultPath.folder(move.to) else { continue }
                if written.hasPrefix("/") { continue }  // Root-relative: unchanged by a move.
                rewrite(link, in: path, sourceText: record.note.text, from: move.to, oldTargetPath: vault.path(of: target), to: futurePath(target), isNote: !vault.isAttachment(target), unique: true, plan: &plan)
            }
        }
        // Links that named another file of a now shared name and would resolve to a moved one.
        for move in moves {
            let isNote = !vault.isAttachment(move.id)
            let key = nameKey(move.to, isNote: isNote)
            guard let holders = futureNames[key], holders.count > 1 else { continue }
            for other in vault.files(named: isNote ? VaultPath.noteName(move.to) : VaultPath.fileName(move.to)) where newPaths[other] == nil {
                for ref in vault.backlinks(to: other) where !rewritten.contains(ref) {
                    let link = vault.link(ref)
                    guard link.kind == .wikilink, !link.target.contains("/") else { continue }
                    let folder = VaultPath.folder(futurePath(ref.file))
                    let best = holders.sorted { a, b in
                        let localA = VaultPath.folder(a) == folder
                        let localB = VaultPath.folder(b) == folder
                        if localA != localB { return localA }
                        let depthA = a.split(separator: "/").count
                        let depthB = b.split(separator: "/").count
                        return depthA != depthB ? depthA < depthB : a < b
                    }.first
                    guard best != vault.path(of: other) else { continue }
                    rewritten.insert(ref)
                    rewrite(link, in: vault.path(of: ref.file), sourceText: vault.record(ref.file)!.note.text, from: futurePath(ref.file), oldTargetPath: vault.path(of: other), to: vault.path(of: other), isNote: isNote, unique: false, rooted: sharesNameBeside(vault.path(of: other), isNote: isNote, source: futurePath(ref.file)), plan: &plan)
                }
            }
        }
        return plan
    }

    /// Rewrites the target part of one link so that it names `targetPath`,
    /// keeping its style: `.md` or not, a path or a name, percent-encoding or
    /// angle brackets, relative or root-relative, and display text unless it
    /// was the old name.
    static func rewrite(
        _ link: Link, in sourcePath: String, sourceText: String, from sourceFuturePath: String, oldTargetPath: String,
        to targetPath: String, isNote: Bool, unique: Bool, rooted: Bool = false, plan: inout Plan
    ) {
        let oldName = VaultPath.droppingMarkdownExtension(VaultPath.fileName(link.target))
        let newName = isNote ? VaultPath.noteName(targetPath) : VaultPath.fileName(targetPath)
        var newTarget: String
        switch link.kind {
        case .wikilink:
            let writesPath = link.target.contains("/") || !unique
            newTarget = writesPath ? (isNote ? VaultPath.droppingMarkdownExtension(targetPath) : targetPath) : newName
            // A file at the vault root, named as a path beside a file of the same
            // name: `/` makes the path start at the root.
            if writesPath && rooted && !newTarget.contains("/") { newTarget = "/" + newTarget }
            if isNote && VaultPath.isNote(link.target) { newTarget += ".md" }
        case .markdown:
            if link.target.hasPrefix("/") {
                newTarget = "/" + targetPath
            } else if link.target.contains("/") || !unique || VaultPath.folder(oldTargetPath) == VaultPath.folder(sourcePath) {
                // A relative path (a bare name next to the linking note is one too).
                newTarget = Completion.relativePath(from: VaultPath.folder(sourceFuturePath), to: targetPath)
            } else {
                // A name found anywhere in the vault stays a name.
                newTarget = isNote ? newName + ".md" : newName
            }
            if isNote && !VaultPath.isNote(link.target) { newTarget = VaultPath.droppingMarkdownExtension(newTarget) }
            let written = sourceText.utf8Slice(link.targetRange)
            if written.contains("%") || (!isAngleBracketed(link) && newTarget.contains(" ")) {
                newTarget = PercentDecoding.encode(newTarget)
            }
        }
        if sourceText.utf8Slice(link.targetRange) != newTarget { plan.add(sourcePath, link.targetRange, newTarget) }
        if let displayRange = link.displayRange, link.kind == .wikilink, link.display == oldName, oldName != newName {
            plan.add(sourcePath, displayRange, newName)
        }
    }

    private static func isAngleBracketed(_ link: Link) -> Bool {
        link.innerRange.lowerBound < link.targetRange.lowerBound
    }

    // MARK: Headings, blocks, tags

    static func renameHeading(_ index: Int, of id: FileID, to newText: String, in vault: Vault) -> Result<Plan, Refusal> {
        guard let record = vault.record(id) else { return .failure(Refusal("only notes have headings")) }
        let text = newText.trimmingCharacters()
        guard !text.isEmpty else { return .failure(Refusal("the new heading is empty")) }
        if let bad = text.first(where: { "#|^[]".contains($0) }) {
            return .failure(Refusal("'\(text)' holds '\(bad)', which heading links cannot hold"))
        }
        let path = vault.path(of: id)
        var plan = Plan()
        plan.add(path, record.note.headings[index].textRange, text)
        for ref in linksIntoHeadings(of: id, in: vault) {
            let link = vault.link(ref)
            guard case .heading(let segments) = link.subpath, let subpathRange = link.subpathRange,
                let chain = vault.headingChain(segments, in: record, allowingSlug: link.kind == .markdown),
                let position = chain.firstIndex(of: index)
            else { continue }
            let sourcePath = vault.path(of: ref.file)
            let source = vault.record(ref.file)!.note.text
            let ranges = segmentRanges(subpathRange, in: source)
            guard position < ranges.count else { continue }
            // A wikilink names the heading as Obsidian writes it (`stripHeadingForLink`).
            var replacement = HeadingMatching.linkText(text)
            if link.kind == .markdown {
                let written = source.utf8Slice(ranges[position])
                let wasSlug = written == HeadingMatching.slug(record.note.headings[index].text)
                    && written != record.note.headings[index].text
                replacement = wasSlug ? HeadingMatching.slug(text) : PercentDecoding.encode(text)
            }
            plan.add(sourcePath, ranges[position], replacement)
        }
        return .success(plan)
    }

    static func renameBlock(_ index: Int, of id: FileID, to newID: String, in vault: Vault) -> Result<Plan, Refusal> {
        guard let record = vault.record(id) else { return .failure(Refusal("only notes have blocks")) }
        var name = newID.trimmingCharacters()
        if name.hasPrefix("^") { name.removeFirst() }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
        else { return .failure(Refusal("a block id is Latin letters, digits and '-', not '\(name)'")) }
        if record.note.blockIDs.enumerated().contains(where: { $0.offset != index && $0.element.id.lowercased() == name.lowercased() }) {
            return .failure(Refusal("the note already has a block '^\(name)'"))
        }
        let block = record.note.blockIDs[index]
        var plan = Plan()
        plan.add(vault.path(of: id), (block.range.lowerBound + 1)..<block.range.upperBound, name)
        for ref in vault.backlinks(toBlock: index, of: id) {
            let link = vault.link(ref)
            guard let subpathRange = link.subpathRange else { continue }
            let source = vault.record(ref.file)!.note.text
            // `#^id`: replace what follows `^`.
            guard let caret = source.utf8Slice(subpathRange).firstIndex(of: "^") else { continue }
            let start = subpathRange.lowerBound + source.utf8Slice(subpathRange).utf8.distance(
                from: source.utf8Slice(subpathRange).startIndex, to: caret) + 1
            plan.add(vault.path(of: ref.file), start..<subpathRange.upperBound, name)
        }
        return .success(plan)
    }

    static func renameTag(_ oldName: String, to newName: String, in vault: Vault) -> Result<Plan, Refusal> {
        var name = newName.trimmingCharacters()
        if name.hasPrefix("#") { name.removeFirst() }
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || ",.;:!?#\"'()[]{}<>|\\".contains($0) }),
            !name.allSatisfy(\.isNumber), !name.hasPrefix("/"), !name.hasSuffix("/")
        else { return .failure(Refusal("'\(name)' is not a tag: use letters, digits, '-', '_' and '/' for nesting")) }
        var plan = Plan()
        let oldLength = oldName.utf8.count
        for ref in vault.uses(ofTag: oldName) {
            let tag = vault.tag(ref)
            // The renamed part is the tag's first segments; nested children keep the rest.
            let range = tag.nameRange.lowerBound..<(tag.nameRange.lowerBound + oldLength)
            plan.add(vault.path(of: ref.file), range, name)
        }
        return .success(plan)
    }

    /// Links into a note that name one of its headings, its own `[[#...]]` included.
    static func linksIntoHeadings(of id: FileID, in vault: Vault) -> [LinkRef] {
        var refs = vault.backlinks(to: id)
        if let record = vault.record(id) {
            for (index, resolution) in record.resolutions.enumerated() where resolution == .sameNote {
                refs.append(LinkRef(file: id, index: index))
            }
        }
        return refs.filter { if case .heading = vault.link($0).subpath { return true } else { return false } }
    }

    /// The ranges of the segments of a `#A#B` subpath, trimmed.
    static func segmentRanges(_ subpathRange: ByteRange, in text: String) -> [ByteRange] {
        let bytes = Array(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: subpathRange.lowerBound)..<text.utf8.index(text.utf8.startIndex, offsetBy: subpathRange.upperBound)])
        var ranges: [ByteRange] = []
        var start = 1  // After the leading `#`.
        for index in 1...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "#") {
            var lower = start
            var upper = index
            while lower < upper && bytes[lower] == 0x20 { lower += 1 }
            while upper > lower && bytes[upper - 1] == 0x20 { upper -= 1 }
            if lower < upper { ranges.append((subpathRange.lowerBound + lower)..<(subpathRange.lowerBound + upper)) }
            start = index + 1
        }
        return ranges
    }
}

