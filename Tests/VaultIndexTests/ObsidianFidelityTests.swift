import Testing
import VaultFeatures
import VaultIndex
import VaultParser

/// Links Obsidian follows that vault-ls once warned about (docs/vault-syntax.md,
/// "Headings and blocks"): every feature resolves them the same way.
@Suite struct ObsidianFidelityTests {
    static let fixture = """
        //- Index.md
        [[API#run options]] [[API#Costs 5 v2 1]] [[API#release 1 2 2024-03-01]] [[API#`run()` options]]
        [[API#^s1]] [[API#^after-link]] [[API#^after-embed]] [[API#^top]] [[API#Title]] [[API##^s1]] [[API##Title]]
        [r](API.md#Costs:%20$5%20(v2.1)) [[API#It's]] [[API#Its]]
        //- API.md
        # Title ^top
        ## `run()` options
        End of a sentence.^s1

        See [[Index]]^after-link

        ![[pic.png]]^after-embed
        ## Costs: $5 (v2.1)
        ## Release 1.2, 2024-03-01
        ## It's
        //- pic.png
        """

    @Test func diagnosticsFollowObsidiansHeadingAndBlockRules() {
        #expect(problemLines(makeVault(Self.fixture)) == ["Index.md:3:52 unresolved-heading API#Its"])
    }

    @Test func definitionHoverAndReferencesAgreeWithDiagnostics() {
        let vault = makeVault(Self.fixture)
        let api = vault.id(of: "API.md")!
        let record = vault.record(at: "Index.md")!
        let places = record.note.links.indices.map {
            describe(Navigation.definition(ofLink: $0, inNoteAt: "Index.md", of: vault), in: vault).joined()
        }
        #expect(places == [
            "API.md:2:1", "API.md:8:1", "API.md:9:1", "API.md:2:1",
            "API.md:3:1", "API.md:5:1", "API.md:7:1", "API.md:1:1", "API.md:1:1", "API.md:3:1", "API.md:1:1",
            "API.md:8:1", "API.md:10:1", "API.md:1:1",
        ])
        #expect(backlinkSources(vault, vault.backlinks(toHeading: 1, of: api)) == [
            "Index.md [[API#run options]]", "Index.md [[API#`run()` options]]",
        ])
        #expect(backlinkSources(vault, vault.backlinks(toBlock: 0, of: api)) == [
            "Index.md [[API#^top]]",
        ])
        let offset = record.note.links[1].range.lowerBound + 3
        let hover = Hover.markdown(at: offset, inNoteAt: "Index.md", of: vault)?.0 ?? ""
        #expect(hover.contains("Costs: $5 (v2.1)"), "hover on [[API#Costs 5 v2 1]] shows the section: \(hover)")
    }

    @Test func completionWritesHeadingsAsObsidianDoes() {
        let (vault, path, offset) = makeVaultWithCursor(Self.fixture.replacingOccurrences(of: "[[API#Its]]", with: "[[API#co1️⃣"))
        let items = Completion.complete(at: offset, inNoteAt: path, of: vault).items
        #expect(items.first?.newText == "Costs $5 (v2.1)]]")
    }
}
