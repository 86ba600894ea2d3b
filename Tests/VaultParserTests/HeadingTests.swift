import Testing
import VaultParser

/// docs/vault-syntax.md, "Headings and blocks".
@Suite struct HeadingTests {
    @Test func atxHeadings() {
        #expect(
            headingOutline("# One\n## Two ##\n###### Six\n####### Seven\n#NoSpace\n#\n   ### Indented\n## Trailing # hash")
                == ["1:One", "2:Two", "6:Six", "1:", "3:Indented", "2:Trailing # hash"])
    }

    @Test func setextHeadings() {
        #expect(headingOutline("Title\n=====\n\nSub\n---\n") == ["1:Title", "2:Sub"])
        #expect(headingOutline("Two lines\nof title\n===") == ["1:Two lines of title"])
    }

    @Test func dashesAfterAListItemOrABlankLineMakeNoHeading() {
        #expect(headingOutline("- item\n---\n") == [])
        #expect(headingOutline("  - nested item with [[Link]]\n---\n") == [])
        #expect(headingOutline("Paragraph\n\n---\n") == [])
        #expect(headingOutline("---\nnot frontmatter") == [])
        #expect(headingOutline("- item\nlazy line\n---\n") == [])
    }

    @Test func nesting() {
        let note = Note(text: "# A\n## B\n### C\n## D\n# E\n### F")
        #expect(note.headings.map(\.parent) == [nil, 0, 1, 0, nil, 4])
    }

    @Test func headingsInCodeAreNotHeadings() {
        #expect(headingOutline("```\n# not\n```\n~~~~\n# not\n~~~~\n    # indented code\n# yes") == ["1:yes"])
    }

    @Test func headingsInsideQuotes() {
        #expect(headingOutline("> ## Quoted heading") == ["2:Quoted heading"])
    }

    @Test func headingRangesCoverTheLine() {
        let note = Note(text: "intro\n## Q&A: Why? ##\nbody")
        let heading = note.headings[0]
        #expect(slice(note, heading.range) == "## Q&A: Why? ##")
        #expect(slice(note, heading.textRange) == "Q&A: Why?")
    }

    @Test func matchingKeyFoldsPunctuationAndCase() {
        #expect(HeadingMatching.key("Q&A: Why?") == "q a why")
        #expect(HeadingMatching.key("Q A Why") == "q a why")
        #expect(HeadingMatching.key("  It's v1.2 `code`  ") == "it's v1 2 code")
        #expect(HeadingMatching.key("`run()` options") == HeadingMatching.key("run options"))
        #expect(HeadingMatching.key("Costs: $5 (v2.1)") == HeadingMatching.key("costs 5 v2 1"))
        #expect(HeadingMatching.key("a!\"#$%&()*+,.:;<=>?@^`{|}~/[]\\b\nc") == "a b c")
        #expect(HeadingMatching.key("Ça va, l'été ?") == "ça va l'été")
        #expect(HeadingMatching.key("It's a-b_c") != HeadingMatching.key("Its a b c"))
        #expect(HeadingMatching.key("[[Criticality]] in [[Learning Dynamics]]") == "criticality in learning dynamics")
        #expect(HeadingMatching.slug("My Heading: Part 2!") == "my-heading-part-2")
    }

    @Test func linkTextIsWhatObsidianWritesForAHeading() {
        #expect(HeadingMatching.linkText("Q&A: Why? #1 | a^b \\ c") == "Q&A Why? 1 a b c")
        #expect(HeadingMatching.linkText("See [[Other]] %%note%% (v2.1)") == "See Other note (v2.1)")
        #expect(HeadingMatching.linkText("`run()` [x] options") == "`run()` [x] options")
    }

    @Test func aBlockIDEndingAHeadingIsNotPartOfItsText() {
        let note = Note(text: "# Title ^top\n## Sub^sub\ntext")
        #expect(headingOutline(note.text) == ["1:Title", "2:Sub"])
        #expect(note.blockIDs.map(\.id) == ["top", "sub"])
        #expect(slice(note, note.blockIDs[0].blockRange) == "# Title ^top")
        let setext = Note(text: "Setext title ^st\n===\n")
        #expect(headingOutline(setext.text) == ["1:Setext title"])
        #expect(setext.blockIDs.map(\.id) == ["st"])
        #expect(slice(setext, setext.blockIDs[0].blockRange) == "Setext title ^st\n===")
    }
}

/// Block ids: `^id` at a paragraph's end, or alone after a list, quote or table.
@Suite struct BlockIDTests {
    @Test func atTheEndOfAParagraphOrListItem() {
        let note = Note(text: "First line\nsecond line ^para-1\n\n- item one ^item1\n- item two")
        #expect(note.blockIDs.map(\.id) == ["para-1", "item1"])
        #expect(slice(note, note.blockIDs[0].blockRange) == "First line\nsecond line ^para-1")
        #expect(slice(note, note.blockIDs[1].blockRange) == "- item one ^item1")
        #expect(slice(note, note.blockIDs[0].range) == "^para-1")
    }

    @Test func aloneOnItsLineAfterABlock() {
        let note = Note(text: "> a quote\n> more\n\n^quote-id\n\n| a | b |\n|---|---|\n| 1 | 2 |\n^table-id\n")
        #expect(note.blockIDs.map(\.id) == ["quote-id", "table-id"])
        #expect(slice(note, note.blockIDs[0].blockRange) == "> a quote\n> more")
        #expect(slice(note, note.blockIDs[1].blockRange) == "| a | b |\n|---|---|\n| 1 | 2 |")
    }

    @Test func noSpaceIsNeededBeforeAnID() {
        let note = Note(text: "End of a sentence.^s1\n\nSee [[Other]]^after-link\n\n![[image.png]]^after-embed\n\nx^2")
        #expect(note.blockIDs.map(\.id) == ["s1", "after-link", "after-embed", "2"])
        #expect(note.links.map(\.target) == ["Other", "image.png"])
    }

    @Test func notBlockIDs() {
        #expect(Note(text: "`code ^inside`\n^under_score\n```\ntext ^incode\n```\n$x^2$\n<!-- c ^c -->").blockIDs.isEmpty)
        #expect(Note(text: "a ^id and more").blockIDs.isEmpty)
    }
}
