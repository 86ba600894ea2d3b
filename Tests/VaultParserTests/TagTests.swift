import Testing
import VaultParser

/// docs/vault-syntax.md, "Tags".
@Suite struct TagTests {
    @Test func inlineTags() {
        #expect(tagNames("#start text #mid #nested/child, #with-dash_and_under.") == [
            "start", "mid", "nested/child", "with-dash_and_under",
        ])
    }

    @Test func whereATagCannotStart() {
        #expect(tagNames("C# abc#def https://x.com/#frag #1984 # heading") == [])
        #expect(tagNames("`#code` $#math$ <!-- #comment -->") == [])
    }

    @Test func digitsNeedALetter() {
        #expect(tagNames("#1984 #y1984 #2024-review") == ["y1984", "2024-review"])
    }

    @Test func unicodeAndEmoji() {
        #expect(tagNames("#日本語 #café #🚀rocket #tag。after") == ["日本語", "café", "🚀rocket", "tag"])
    }

    @Test func tagsInHeadingsAndLists() {
        #expect(tagNames("## Heading #inheading\n- item #initem") == ["inheading", "initem"])
    }

    @Test func frontmatterIsNoTagPosition() {
        #expect(Note(text: "---\ntitle: a #b\nnote: '#c'\n---\n").tags.isEmpty)
    }
}

/// docs/vault-syntax.md, "Frontmatter".
@Suite struct FrontmatterTests {
    @Test func blockListsAndFlowLists() {
        let note = Note(
            text: """
                ---
                aliases:
                  - First alias
                  - "Quoted: alias"
                tags: [one, "#two", 'three/four']
                ---
                # Body
                """)
        #expect(note.aliases.map(\.text) == ["First alias", "Quoted: alias"])
        #expect(note.tags.map(\.name) == ["one", "two", "three/four"])
        #expect(note.tags.allSatisfy { $0.inFrontmatter })
        #expect(slice(note, note.tags[1].range) == "#two")
        #expect(slice(note, note.aliases[1].range) == "Quoted: alias")
        #expect(note.headings.map(\.text) == ["Body"])
        #expect(slice(note, note.frontmatter!.range).hasSuffix("---"))
    }

    @Test func singleStrings() {
        let note = Note(text: "---\naliases: Only alias\ntags: alpha, beta gamma\n---\n")
        #expect(note.aliases.map(\.text) == ["Only alias"])
        #expect(note.tags.map(\.name) == ["alpha", "beta", "gamma"])
    }

    @Test func tagListItemsWithHash() {
        let note = Note(text: "---\ntags:\n- '#quoted'\n- plain\n- #comment-in-yaml\n---\n")
        #expect(note.tags.map(\.name) == ["quoted", "plain"])
    }

    @Test func quotedWikilinksInPropertiesAreLinks() {
        let note = Note(
            text: """
                ---
                related: "[[Other note]]"
                up:
                  - "[[Parent|the parent]]"
                  - '[[Folder/Deep#Heading]]'
                list: ["[[A]]", "[[B]]"]
                unquoted: [[Not a link]]
                nested:
                  child: "[[Nested]]"
                ---
                Body [[Body link]]
                """)
        #expect(note.links.map(\.target) == ["Other note", "Parent", "Folder/Deep", "A", "B", "Nested", "Body link"])
        #expect(note.links.prefix(6).allSatisfy { $0.location == .frontmatter })
        #expect(note.links.last!.location == .body)
        #expect(note.links[1].display == "the parent")
        #expect(note.links[2].subpath == .heading(["Heading"]))
    }

    @Test func dotsCloseFrontmatterAndUnclosedIsNone() {
        #expect(Note(text: "---\ntags: [a]\n...\ntext").frontmatter != nil)
        let unclosed = Note(text: "---\ntags: [a]\ntext #b")
        #expect(unclosed.frontmatter == nil)
        #expect(unclosed.tags.map(\.name) == ["b"])
    }

    @Test func frontmatterOnlyAtTheStart() {
        let note = Note(text: "\n---\ntags: [a]\n---\n")
        #expect(note.frontmatter == nil)
        #expect(note.tags.isEmpty)
    }

    @Test func crlfLineEndings() {
        let note = Note(text: "---\r\naliases: [A]\r\n---\r\n# Title\r\n[[Link]] #tag\r\n")
        #expect(note.aliases.map(\.text) == ["A"])
        #expect(note.headings.map(\.text) == ["Title"])
        #expect(note.links.map(\.target) == ["Link"])
        #expect(note.tags.map(\.name) == ["tag"])
    }
}
