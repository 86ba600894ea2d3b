import Testing
import VaultFeatures
import VaultIndex
import VaultParser

/// Go to definition, references, hover and symbols.
@Suite struct NavigationTests {
    static let vault = """
        //- Index.md
        PLACEHOLDER
        //- Topics/Garden.md
        ---
        aliases: [Allotment]
        ---
        # Garden
        Intro line.
        ## Q&A: Why grow?
        Because. ^reason
        ## Tools
        - spade #tools/hand
        //- Other.md
        [[Garden]] [[Garden#Q A Why grow]] [[Garden#^reason]] #tools
        //- a/Twin.md
        //- b/Twin.md
        //- pic.png
        """

    func at(_ note: String) -> (Vault, String, Int) {
        makeVaultWithCursor(Self.vault.replacingOccurrences(of: "PLACEHOLDER", with: note))
    }

    func definition(_ note: String) -> [String] {
        let (vault, path, offset) = at(note)
        guard case .link(let index) = NoteElement.at(offset, in: vault.record(at: path)!.note) else { return [] }
        return describe(Navigation.definition(ofLink: index, inNoteAt: path, of: vault), in: vault)
    }

    @Test func definitionAtTheStartMiddleAndEndOfALink() {
        #expect(definition("1️⃣[[Garden]]") == ["Topics/Garden.md:1:1"])
        #expect(definition("[[Gar1️⃣den]]") == ["Topics/Garden.md:1:1"])
        #expect(definition("[[Garden]]1️⃣") == ["Topics/Garden.md:1:1"])
        #expect(definition("[[Garden]] 1️⃣") == [])
    }

    @Test func definitionOfHeadingsBlocksAndTheRest() {
        #expect(definition("[[Garden#q&a: why grow?1️⃣]]") == ["Topics/Garden.md:6:1"])
        #expect(definition("[[Garden#^reason1️⃣]]") == ["Topics/Garden.md:7:1"])
        #expect(definition("# Top\n[[#Top1️⃣]]") == ["Index.md:1:1"])
        #expect(definition("![[pic.png1️⃣]]") == ["pic.png:attachment"])
        #expect(definition("[[Twin1️⃣]]") == ["a/Twin.md:1:1", "b/Twin.md:1:1"])
        #expect(definition("[[Allotment1️⃣]]") == ["Topics/Garden.md:1:1"])
        #expect(definition("[[Nowhere1️⃣]]") == [])
        #expect(definition("[x](Topics/Garden.md#tools1️⃣)") == ["Topics/Garden.md:8:1"])
    }

    func references(_ note: String, includeDeclaration: Bool = false) -> [String] {
        let (vault, path, offset) = at(note)
        guard let subject = Navigation.subject(at: offset, inNoteAt: path, of: vault) else { return [] }
        return describe(Navigation.references(to: subject, of: vault, includeDeclaration: includeDeclaration), in: vault)
    }

    @Test func referencesOfALinkAreEveryLinkToTheSameTarget() {
        #expect(references("[[Gar1️⃣den]] [[Allotment]]") == [
            "Index.md:1:1", "Index.md:1:12", "Other.md:1:1", "Other.md:1:12", "Other.md:1:36",
        ])
        #expect(references("[[Garden#Q A Why grow1️⃣]]") == ["Index.md:1:1", "Other.md:1:12"])
        #expect(references("[[Garden#^reason1️⃣]]", includeDeclaration: true) == [
            "Index.md:1:1", "Other.md:1:36", "Topics/Garden.md:7:10",
        ])
        #expect(references("[[Later1️⃣]] and [[later]]") == ["Index.md:1:1", "Index.md:1:15"])
    }

    @Test func referencesOfHeadingsTagsAndTheNoteItself() {
        let (vault, _, _) = at("[[Garden#Tools]]")
        let garden = vault.id(of: "Topics/Garden.md")!
        let headingRefs = Navigation.references(to: .heading(2, of: garden), of: vault, includeDeclaration: true)
        #expect(describe(headingRefs, in: vault) == ["Index.md:1:1", "Topics/Garden.md:8:1"])
        #expect(references("#tool1️⃣s") == ["Index.md:1:1", "Other.md:1:55", "Topics/Garden.md:9:9"])
        #expect(references("Just text1️⃣") == [])
        let other = Navigation.references(to: .note(garden), of: vault, includeDeclaration: false)
        #expect(describe(other, in: vault) == ["Index.md:1:1", "Other.md:1:1", "Other.md:1:12", "Other.md:1:36"])
    }

    @Test func hoverPreviews() {
        func hover(_ note: String) -> String? {
            let (vault, path, offset) = at(note)
            return Hover.markdown(at: offset, inNoteAt: path, of: vault)?.0
        }
        let note = hover("[[Gar1️⃣den]]")
        #expect(note?.hasPrefix("**Garden**\n\n# Garden\nIntro line.") == true)
        #expect(note?.hasSuffix("2 notes link to `Topics/Garden.md`") == true)
        let section = hover("[[Garden#Q A Why grow1️⃣]]")
        #expect(section?.hasPrefix("**Garden** › Q&A: Why grow?\n\n## Q&A: Why grow?\nBecause. ^reason") == true)
        #expect(hover("[[Garden#^reason1️⃣]]")?.contains("Because. ^reason") == true)
        #expect(hover("[[Somewhere1️⃣]] [[Somewhere]]") == "No note named **Somewhere** yet: 1 note links to it.")
        #expect(hover("[[Twin1️⃣]]")?.contains("2 files are named 'Twin'; this link opens `a/Twin.md`.") == true)
        #expect(hover("#tools1️⃣")?.hasPrefix("**#tools**: 3 uses in 3 notes") == true)
        #expect(hover("plain1️⃣ text") == nil)
    }

    @Test func outlineNestsHeadings() {
        let note = Note(text: "# A\n## B\n### C\n## D\n# E\ntext")
        let outline = Symbols.outline(of: note)
        #expect(outline.map(\.heading.text) == ["A", "E"])
        #expect(outline[0].children.map(\.heading.text) == ["B", "D"])
        #expect(outline[0].children[0].children.map(\.heading.text) == ["C"])
        #expect(outline[0].section == 0..<(note.text.utf8.count - "# E\ntext".utf8.count))
    }

    @Test func workspaceSymbolSearch() {
        let (vault, _, _) = at("")
        let matches = Symbols.search("gard", in: vault)
        #expect(matches.first?.name == "Garden")
        #expect(matches.first?.kind == .note)
        #expect(matches.contains { $0.kind == .heading && $0.name == "Garden" && $0.container == "Garden" })
        #expect(Symbols.search("allot", in: vault).first?.kind == .alias)
        #expect(Symbols.search("tools/h", in: vault).first?.name == "#tools/hand")
    }
}
