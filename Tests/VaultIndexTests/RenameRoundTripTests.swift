import TestSupport
import Testing
import VaultFeatures
import VaultFiles
import VaultIndex
import VaultParser

/// Renaming a note A -> B and back, on the real corpora: every file comes back
/// byte for byte (but links that named A another way than its file name), and
/// after each step every link resolves to the same note, heading or block.
@Suite struct RenameRoundTripTests {
    @Test(arguments: ["obsidian-tasks-docs", "dnd-srd"])
    func renameAndBack(corpus: String) throws {
        let loaded = try VaultLoader.load(root: fixturesFolder + "/" + corpus)
        var vault = loaded.vault
        var files: [String: String] = [:]
        for path in vault.notePaths { files[path] = vault.record(at: path)!.note.text }
        let original = files
        let before = snapshot(vault)
        // Linked notes, spread over the vault.
        let linked = vault.notePaths.filter { vault.backlinkCount(to: vault.id(of: $0)!) > 0 }
        let sample = stride(from: 0, to: linked.count, by: max(1, linked.count / 30)).map { linked[$0] }
        #expect(sample.count >= 20)
        for path in sample {
            let name = VaultPath.noteName(path)
            let renamed = VaultPath.join(VaultPath.folder(path), "Renamed \(name).md")
            try step(&vault, &files, from: path, to: "Renamed \(name)")
            #expect(snapshot(vault, renaming: renamed, back: path) == before, "after renaming \(path)")
            try step(&vault, &files, from: renamed, to: name)
            #expect(snapshot(vault) == before, "after renaming \(path) back")
            for (file, text) in files where text != original[file] {
                #expect(onlyOtherSpellingsChanged(original[file]!, text, target: path, in: vault, file: file), "\(file) after \(path)")
            }
        }
    }

    /// Renames a note in the files and in the index as the editor would.
    private func step(_ vault: inout Vault, _ files: inout [String: String], from path: String, to newName: String) throws {
        let plan = try Rename.plan(.file(vault.id(of: path)!), to: newName, in: vault).get()
        files = applied(plan, to: files)
        for move in plan.moves { vault.renameFile(from: move.from, to: move.to) }
        for edited in plan.edits.keys {
            let now = plan.moves.first { $0.from == edited }?.to ?? edited
            vault.upsertNote(path: now, note: Note(text: files[now]!))
        }
    }

    /// Where every link goes: the file, and the heading or block in it.
    private func snapshot(_ vault: Vault, renaming renamed: String? = nil, back original: String? = nil) -> [String] {
        func name(_ path: String) -> String { path == renamed ? original! : path }
        var lines: [String] = []
        for path in vault.notePaths {
            let record = vault.record(at: path)!
            for (index, resolution) in record.resolutions.enumerated() {
                let link = record.note.links[index]
                var line = "\(name(path))#\(index) -> "
                switch resolution {
                case .external: line += "external"
                case .unresolved(let key): line += "unresolved \(key)"
                case .sameNote: line += "same " + subpathTarget(link, in: record, vault)
                case .file(let id, let match):
                    line += name(vault.path(of: id)) + " \(match == .alias ? "alias" : "")"
                    if let target = vault.record(id) { line += " " + subpathTarget(link, in: target, vault) }
                }
                lines.append(line)
            }
        }
        return lines.sorted()
    }

    private func subpathTarget(_ link: Link, in record: Vault.NoteRecord, _ vault: Vault) -> String {
        switch link.subpath {
        case .heading(let path): return "heading \(vault.headingIndex(path, in: record, allowingSlug: link.kind == .markdown).map(String.init) ?? "none")"
        case .block(let id): return "block \(vault.blockIndex(id, in: record).map(String.init) ?? "none")"
        case nil: return ""
        }
    }

    /// Whether two versions of a file differ only in links to `target` that
    /// named it otherwise than by its file name (another case, `.md`, a path).
    private func onlyOtherSpellingsChanged(_ before: String, _ after: String, target: String, in vault: Vault, file: String) -> Bool {
        let old = Note(text: before)
        let new = Note(text: after)
        guard old.links.count == new.links.count else { return false }
        var oldRest = ""
        var newRest = ""
        var oldEnd = 0
        var newEnd = 0
        for (a, b) in zip(old.links, new.links) {
            oldRest += before.utf8Slice(oldEnd..<a.range.lowerBound)
            newRest += after.utf8Slice(newEnd..<b.range.lowerBound)
            oldEnd = a.range.upperBound
            newEnd = b.range.upperBound
            let writtenBefore = before.utf8Slice(a.range)
            guard writtenBefore != after.utf8Slice(b.range) else { continue }
            if a.target == VaultPath.noteName(target) { return false }  // Named exactly: must come back as it was.
        }
        oldRest += before.utf8Slice(oldEnd..<before.utf8.count)
        newRest += after.utf8Slice(newEnd..<after.utf8.count)
        return oldRest == newRest
    }
}
