import TestSupport
import Testing
import VaultFeatures
import VaultFiles
import VaultIndex
import VaultParser

/// Renaming a note A -> B and back, on the real corpora: every file comes back
/// byte for byte (but links that named A another way than its file name), and
/// after each step every link resolves to the same note, heading or block.
/// (Property tests over generated vaults, with the running server, are in
/// ServerTests/RenamePropertyTests.swift.)
@Suite struct RenameRoundTripTests {
    @Test(arguments: ["obsidian-tasks-docs", "dnd-srd"])
    func renameAndBack(corpus: String) throws {
        let loaded = try VaultLoader.load(root: fixturesFolder + "/" + corpus)
        var vault = loaded.vault
        var files: [String: String] = [:]
        for path in vault.notePaths { files[path] = vault.record(at: path)!.note.text }
        let original = files
        let before = linkTargets(vault)
        // Every linked note, those whose title heading is linked to among them.
        let linked = vault.notePaths.filter { vault.backlinkCount(to: vault.id(of: $0)!) > 0 }
        #expect(linked.count >= 100)
        let titleLinked = linked.filter { path in
            let id = vault.id(of: path)!
            guard let title = vault.record(id)!.note.headings.first, title.level == 1 else { return false }
            return !vault.backlinks(toHeading: 0, of: id).isEmpty
        }
        for path in linked {
            let name = VaultPath.noteName(path)
            let renamed = VaultPath.join(VaultPath.folder(path), "Renamed \(name).md")
            try step(&vault, &files, from: path, to: "Renamed \(name)")
            #expect(linkTargets(vault) { $0 == renamed ? path : $0 } == before, "after renaming \(path)")
            try step(&vault, &files, from: renamed, to: name)
            #expect(linkTargets(vault) == before, "after renaming \(path) back")
            for (file, text) in files where text != original[file] {
                #expect(onlyOtherSpellingsChanged(original[file]!, text, target: path, in: vault, file: file), "\(file) after \(path)")
            }
        }
        // Every link of the corpus, those to title headings included, kept its target through
        // every rename; and the index kept up edit by edit is the one a fresh load makes.
        #expect(indexSnapshot(vault) == indexSnapshot(freshVault(files, attachments: vault.attachmentPaths)))
        print("\(corpus): \(linked.count) notes renamed and back (\(titleLinked.count) with a linked title heading), \(before.count) links checked after each rename")
    }

    private func freshVault(_ files: [String: String], attachments: [String]) -> Vault {
        Vault(notes: files.keys.sorted().map { ($0, Note(text: files[$0]!)) }, attachments: attachments)
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
