import Testing
import VaultParser

/// docs/vault-syntax.md, "Wikilinks and embeds".
@Suite struct WikilinkTests {
    @Test func formsOfWikilinks() {
        let note = Note(
            text: """
                [[target]] [[target|display]] [[target#Heading]] [[target#Heading#Sub heading]]
                [[target#^block-id]] [[#Heading]] [[#^block-id]] ![[target]] ![[image.png|100x200]]
                """)
        let links = note.links
        #expect(links.count == 9)
        #expect(links.map(\.target) == ["target", "target", "target", "target", "target", "", "", "target", "image.png"])
        #expect(links[1].display == "display")
        #expect(links[2].subpath == .heading(["Heading"]))
        #expect(links[3].subpath == .heading(["Heading", "Sub heading"]))
        #expect(links[4].subpath == .block("block-id"))
        #expect(links[5].subpath == .heading(["Heading"]) && links[5].isSameNote)
        #expect(links[6].subpath == .block("block-id") && links[6].isSameNote)
        #expect(links[7].isEmbed && !links[0].isEmbed)
        #expect(links[8].display == "100x200")
        #expect(slice(note, links[7].range) == "![[target]]")
        #expect(slice(note, links[3].subpathRange!) == "#Heading#Sub heading")
        #expect(slice(note, links[1].innerRange) == "target|display")
    }

    @Test func emptySubpathSegmentsAreSkipped() {
        let links = Note(text: "[[Note##^id]] [[Note##Heading]] [[Note#A##B]] [x](Note.md##^id) [[Note#]]").links
        #expect(links.map(\.subpath) == [.block("id"), .heading(["Heading"]), .heading(["A", "B"]), .block("id"), nil])
    }

    @Test func escapedPipeInATableCell() {
        let note = Note(text: "| a | [[Sorting\\|Sort]] |\n|---|---|\n")
        #expect(note.links.count == 1)
        let link = note.links[0]
        #expect(link.target == "Sorting")
        #expect(link.display == "Sort")
        #expect(link.hasEscapedPipe)
        #expect(slice(note, link.targetRange) == "Sorting")
        #expect(slice(note, link.innerRange) == "Sorting\\|Sort")
    }

    @Test func mdExtensionAndAttachmentSubpathsAreKeptAsWritten() {
        let note = Note(text: "[[Note.md]] ![[doc.pdf#page=3]] ![[shot.png#icon]]")
        #expect(note.links.map(\.target) == ["Note.md", "doc.pdf", "shot.png"])
        #expect(note.links[1].subpath == .heading(["page=3"]))
    }

    @Test func unclosedBracketsAreNoLink() {
        #expect(writtenLinks("[[unclosed and more text") == [])
        #expect(writtenLinks("[[]] [[ ]]") == ["[[ ]]"])
        #expect(writtenLinks("[[a [[b]] c") == ["[[b]]"])
    }

    @Test func linksNeverSpanLines() {
        #expect(writtenLinks("[[first\nsecond]] and [[third]]") == ["[[third]]"])
    }

    @Test func codeSpanOpenedFirstHidesTheLink() {
        #expect(writtenLinks("`[[x]]` and [[y]]") == ["[[y]]"])
        #expect(writtenLinks("``code with ` and [[x]]`` [[z]]") == ["[[z]]"])
    }

    @Test func wikilinkOpenedFirstMayHoldBackticks() {
        let note = Note(text: "See [[Note#`id`|id]] here `code`")
        #expect(note.links.count == 1)
        #expect(note.links[0].subpath == .heading(["`id`"]))
        #expect(note.links[0].display == "id")
    }

    @Test func anUnmatchedBacktickIsText() {
        #expect(writtenLinks("a ` b [[x]]") == ["[[x]]"])
    }

    @Test func escapedBracketIsNoLink() {
        #expect(writtenLinks("\\[[x]] [[y]]") == ["[[y]]"])
    }

    @Test func targetIsTrimmed() {
        let note = Note(text: "[[  Spaced name  |shown]]")
        #expect(note.links[0].target == "Spaced name")
        #expect(slice(note, note.links[0].targetRange) == "Spaced name")
    }

    @Test func linksInHeadingsListsAndQuotesCount() {
        #expect(
            writtenLinks("### Connections with [[A]]\n- **[[B]]:** text\n> quote [[C]]\n1. [[D]]")
                == ["[[A]]", "[[B]]", "[[C]]", "[[D]]"])
    }

    @Test func nonASCIINames() {
        let note = Note(text: "[[日本語のノート]] [[Café 🚀|emoji]]")
        #expect(note.links.map(\.target) == ["日本語のノート", "Café 🚀"])
    }
}

/// docs/vault-syntax.md, "Markdown links".
@Suite struct MarkdownLinkTests {
    @Test func destinationsAreDecoded() {
        let note = Note(
            text: """
                [a](Note.md) [b](Note%20name.md) [c](<Note name.md>) [d](../folder/Note.md#Heading)
                [e](#Heading) ![alt](image.png) [f](Note.md#My%20Heading) [g](Note.md "title")
                """)
        #expect(
            note.links.map(\.target) == [
                "Note.md", "Note name.md", "Note name.md", "../folder/Note.md", "", "image.png", "Note.md", "Note.md",
            ])
        #expect(note.links.allSatisfy { $0.kind == .markdown && !$0.isExternal })
        #expect(note.links[3].subpath == .heading(["Heading"]))
        #expect(note.links[4].isSameNote)
        #expect(note.links[5].isEmbed)
        #expect(note.links[6].subpath == .heading(["My Heading"]))
        #expect(note.links[0].display == "a")
        #expect(slice(note, note.links[1].targetRange) == "Note%20name.md")
        #expect(slice(note, note.links[2].targetRange) == "Note name.md")
        #expect(slice(note, note.links[2].innerRange) == "<Note name.md>")
    }

    @Test func externalLinksAreToldApart() {
        let note = Note(
            text: "[a](https://example.com/#x) [b](mailto:me@example.com) [c](obsidian://open?x) [d](//cdn.example.com/x)"
        )
        #expect(note.links.count == 4)
        #expect(note.links.allSatisfy { $0.isExternal })
        #expect(note.tags.isEmpty)
    }

    @Test func decodedDestinationsAreTrimmed() {
        let note = Note(text: "[a](%20Padded%20name.md%09) [b](<%20Café.md>) [c](Plain.md)")
        #expect(note.links.map(\.target) == ["Padded name.md", "Café.md", "Plain.md"])
    }

    @Test func linkTextsWithBrackets() {
        let long = String(repeating: "long text ", count: 8)
        #expect(writtenLinks("[a [b] c](One.md) [\\]](Two.md) [x [y](Three.md)") == [
            "[a [b] c](One.md)", "[\\]](Two.md)", "[y](Three.md)",
        ])
        // Texts longer than a short scan, with brackets inside, and an unmatched `[` first.
        #expect(writtenLinks("[ [\(long) [nested] end](Four.md)") == ["[\(long) [nested] end](Four.md)"])
        #expect(writtenLinks(String(repeating: "[", count: 300) + "[z](Five.md)") == ["[z](Five.md)"])
    }

    @Test func blockFragment() {
        let note = Note(text: "[x](Note.md#^abc-1)")
        #expect(note.links[0].subpath == .block("abc-1"))
    }

    @Test func imageInsideALink() {
        #expect(writtenLinks("[![img](shot.png)](Page.md)") == ["[![img](shot.png)](Page.md)", "![img](shot.png)"])
    }

    @Test func bracketsWithoutDestinationAreNoLink() {
        #expect(writtenLinks("- [ ] task\n- [x] done\n[^1] footnote\n> [!note] Callout") == [])
        #expect(writtenLinks("[text] (not.md)") == [])
    }

    @Test func parenthesesInDestination() {
        let note = Note(text: "[x](Acolyte%20(NPC).md) [y](Acolyte (NPC).md)")
        #expect(note.links.map(\.target) == ["Acolyte (NPC).md"])
    }
}

/// Markdown link destinations are percent-decoded; anything that is not an escape stays as written.
@Suite struct PercentDecodingTests {
    static let cases: [(String, String)] = [
        ("Note%20name.md", "Note name.md"),
        ("a%2Fb", "a/b"),
        ("%C3%A9cole", "école"),
        ("%c3%a9", "é"),
        ("100%", "100%"),
        ("%2", "%2"),
        ("%zz%20", "%zz "),
        ("%%20", "% "),
        ("%FF", "\u{FFFD}"),  // not UTF-8 once decoded: repaired
        ("plain", "plain"),
    ]

    @Test(arguments: cases)
    func decodes(_ written: String, _ decoded: String) {
        #expect(PercentDecoding.decode(written) == decoded)
    }

    @Test func encodingRoundTrips() {
        for name in ["Note name", "50% (draft) #1?", "<é>"] {
            #expect(PercentDecoding.decode(PercentDecoding.encode(name)) == name)
        }
    }
}
