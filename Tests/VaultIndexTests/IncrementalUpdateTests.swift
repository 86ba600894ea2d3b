import Testing
import TestSupport
import VaultIndex
import VaultParser

/// The index updates one note at a time, and always agrees with a vault built from scratch.
@Suite struct IncrementalUpdateTests {
    @Test func addingANoteResolvesLinksToIt() {
        var vault = makeVault("//- A.md\n[[New note]]\n//- B.md\n[[new note#Part]]\n//- C.md\nno links")
        #expect(problemLines(vault) == [
            "A.md:1:1 unresolved-link New note", "B.md:1:1 unresolved-link new note#Part",
        ])
        let change = vault.upsertNote(path: "Folder/New note.md", note: Note(text: "# Part"))
        #expect(change.affectedNotes == ["A.md", "B.md", "Folder/New note.md"])
        #expect(problemLines(vault) == [])
        #expect(vault.unresolvedTargets.isEmpty)
    }

    @Test func removingANoteUnresolvesLinks() {
        var vault = makeVault("//- A.md\n[[Target]] [[Target]]\n//- Target.md\n")
        #expect(vault.removeFile(path: "Target.md").affectedNotes == ["A.md"])
        #expect(vault.unresolvedTargets == [.init(key: "target", spelling: "Target", linkCount: 2)])
    }

    @Test func secondNoteOfTheSameNameMakesLinksAmbiguous() {
        var vault = makeVault("//- A.md\n[[Twin]]\n//- x/Twin.md\n")
        vault.upsertNote(path: "y/z/Twin.md", note: Note(text: ""))
        #expect(destinations(vault, from: "A.md") == ["ambiguous:x/Twin.md,y/z/Twin.md"])
        vault.removeFile(path: "x/Twin.md")
        #expect(destinations(vault, from: "A.md") == ["y/z/Twin.md"])
    }

    @Test func editingHeadingsRefreshesNotesThatLinkToThem() {
        var vault = makeVault("//- A.md\n[[B#Old]]\n//- B.md\n# Old\n//- C.md\n[[B]]")
        let change = vault.upsertNote(path: "B.md", note: Note(text: "# New"))
        #expect(change.affectedNotes == ["A.md", "B.md", "C.md"])
        #expect(problemLines(vault) == ["A.md:1:4 unresolved-heading B#Old"])
        // Editing text but not headings touches only the note itself.
        #expect(vault.upsertNote(path: "B.md", note: Note(text: "# New\nmore text")).affectedNotes == ["B.md"])
    }

    @Test func aliasesComeAndGo() {
        var vault = makeVault("//- A.md\n[[Nick]]\n//- Person.md\n")
        vault.upsertNote(path: "Person.md", note: Note(text: "---\naliases: [Nick]\n---\n"))
        #expect(destinations(vault, from: "A.md") == ["alias:Person.md"])
        vault.upsertNote(path: "Person.md", note: Note(text: "no aliases"))
        #expect(destinations(vault, from: "A.md") == ["?"])
    }

    @Test func renameKeepsContentAndResolvesAnew() {
        var vault = makeVault("//- A.md\n[[Old]] [[New]]\n//- Old.md\n[[A]]")
        vault.renameFile(from: "Old.md", to: "Sub/New.md")
        #expect(destinations(vault, from: "A.md") == ["?", "Sub/New.md"])
        #expect(destinations(vault, from: "Sub/New.md") == ["A.md"])
        #expect(vault.noteCount == 2)
    }

    @Test func attachmentsComeAndGo() {
        var vault = makeVault("//- A.md\n![[pic.png]]")
        #expect(vault.addAttachment(path: "img/pic.png").affectedNotes == ["A.md"])
        #expect(destinations(vault, from: "A.md") == ["img/pic.png"])
        vault.removeFile(path: "img/pic.png")
        #expect(destinations(vault, from: "A.md") == ["?"])
    }

    /// Random edits, checked after each against a vault rebuilt from the same files.
    @Test(arguments: [7, 11, 23] as [UInt64])
    func randomUpdatesAgreeWithARebuild(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let names = ["Alpha", "beta", "Gamma", "alpha", "Delta"]
        let folders = ["", "x/", "x/y/", "z/"]
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func randomText() -> String {
            var text = random.next() % 3 == 0 ? "---\naliases: [\(pick(names))Alias]\ntags: [t/\(pick(names))]\n---\n" : ""
            for _ in 0..<Int(random.next() % 4) {
                let subpath = random.next() % 4 == 0 ? "#H\(random.next() % 2)" : ""
                let target = random.next() % 5 == 0 ? "\(pick(names))Alias" : pick(folders) + pick(names)
                text += "[[\(target)\(subpath)]] "
            }
            text += random.next() % 2 == 0 ? "\n# H\(random.next() % 2)\n" : "\n[md](../\(pick(names)).md) #\(pick(names))\n"
            return text
        }
        var files: [String: String] = [:]
        var vault = Vault()
        for _ in 0..<300 {
            let path = pick(folders) + pick(names) + (random.next() % 6 == 0 ? ".png" : ".md")
            switch random.next() % 4 {
            case 0 where files[path] != nil:
                vault.removeFile(path: path)
                files[path] = nil
            case 1 where files[path] != nil && VaultPath.isNote(path):
                let destination = pick(folders) + pick(names) + ".md"
                guard files[destination] == nil else { continue }
                vault.renameFile(from: path, to: destination)
                files[destination] = files.removeValue(forKey: path)
            default:
                guard files[path] == nil || VaultPath.isNote(path) else { continue }
                if VaultPath.isNote(path) {
                    let text = randomText()
                    vault.upsertNote(path: path, note: Note(text: text))
                    files[path] = text
                } else {
                    vault.addAttachment(path: path)
                    files[path] = ""
                }
            }
            let rebuilt = Vault(
                notes: files.filter { VaultPath.isNote($0.key) }.map { ($0.key, Note(text: $0.value)) },
                attachments: files.keys.filter { !VaultPath.isNote($0) })
            #expect(describe(vault) == describe(rebuilt))
        }
    }

    /// Everything a vault answers, by path (ids differ between vaults).
    private func describe(_ vault: Vault) -> [String] {
        var lines: [String] = []
        for path in vault.notePaths {
            lines.append("\(path) -> \(destinations(vault, from: path))")
        }
        for path in vault.notePaths + vault.attachmentPaths {
            lines.append("\(path) <- \(backlinkSources(vault, vault.backlinks(to: vault.id(of: path)!)))")
        }
        lines += vault.unresolvedTargets.map { "? \($0.key) \($0.linkCount)" }
        lines += vault.tags.map { "#\($0.name) \($0.useCount) \($0.useCountWithChildren)" }
        lines += problemLines(vault)
        return lines
    }
}

/// Tags with nesting, unresolved targets with counts.
@Suite struct VaultTableTests {
    @Test func tagsWithNesting() {
        let vault = makeVault(
            """
            //- A.md
            ---
            tags: [project/active]
            ---
            #project #Project/done text
            //- B.md
            #other #project/active/urgent
            """)
        #expect(
            vault.tags == [
                .init(name: "other", useCount: 1, useCountWithChildren: 1),
                .init(name: "project", useCount: 1, useCountWithChildren: 4),
                .init(name: "project/active", useCount: 1, useCountWithChildren: 2),
                .init(name: "project/active/urgent", useCount: 1, useCountWithChildren: 1),
                .init(name: "project/done", useCount: 1, useCountWithChildren: 1),
            ])
        #expect(vault.uses(ofTag: "#project").map { vault.tag($0).name } == [
            "project/active", "project", "Project/done", "project/active/urgent",
        ])
        #expect(vault.uses(ofTag: "project", includingChildren: false).count == 1)
    }

    @Test func unresolvedTargetsWithCounts() {
        let vault = makeVault("//- A.md\n[[Later]] [[later]] [[Soon]]\n//- B.md\n[[Later.md]] [[x/Far]]")
        #expect(
            vault.unresolvedTargets == [
                .init(key: "later", spelling: "Later", linkCount: 3), .init(key: "soon", spelling: "Soon", linkCount: 1),
                .init(key: "x/far", spelling: "x/Far", linkCount: 1),
            ])
        #expect(vault.links(toUnresolved: "later").count == 3)
    }

    @Test func backlinksInPathOrder() {
        let vault = makeVault("//- b.md\n[[T]] ![[T]]\n//- a.md\n[[T|x]]\n//- T.md\n[[T]]")
        #expect(
            backlinkSources(vault, vault.backlinks(to: vault.id(of: "T.md")!)) == [
                "T.md [[T]]", "a.md [[T|x]]", "b.md [[T]]", "b.md ![[T]]",
            ])
    }

    @Test func excludedNotesResolveButReportNothing() {
        let vault = makeVault(
            "//- Archive/Old.md\n[[Missing]]\n//- Live.md\n[[Old]] [[Gone]]\n//- tmp/x.md\n[[Missing]]",
            exclusion: ExclusionFilter(["Archive/", "/^tmp/"]))
        #expect(destinations(vault, from: "Live.md") == ["Archive/Old.md", "?"])
        #expect(problemLines(vault) == ["Live.md:1:9 unresolved-link Gone"])
    }
}
