import Testing
import VaultIndex
import VaultParser

/// docs/vault-syntax.md, "From a link to a file".
@Suite struct ResolutionTests {
    @Test func namesIgnoreCaseAndMdExtension() {
        let vault = makeVault(
            """
            //- Index.md
            [[Topic]] [[topic]] [[TOPIC.md]] [[ Topic ]] [[Topic.MD]]
            //- Notes/Topic.md
            """)
        #expect(destinations(vault, from: "Index.md") == Array(repeating: "Notes/Topic.md", count: 5))
    }

    @Test func namesCompareInNFC() {
        // The file name is decomposed (as macOS writes it), the link composed.
        let vault = makeVault("//- Index.md\n[[Café]]\n//- Cafe\u{301}.md\n")
        #expect(destinations(vault, from: "Index.md") == ["Cafe\u{301}.md"])
    }

    @Test func unicodeCaseFolding() {
        let vault = makeVault("//- Index.md\n[[ÉCOLE]] [[straße]]\n//- école.md\n//- Straße.md\n")
        #expect(destinations(vault, from: "Index.md") == ["école.md", "Straße.md"])
    }

    @Test func attachmentsCarryTheirExtension() {
        let vault = makeVault(
            """
            //- Index.md
            ![[diagram.png]] [[diagram]] ![[doc.pdf#page=3]] ![[shot.png#icon]]
            //- images/diagram.png
            //- doc.pdf
            //- shot.png
            """)
        #expect(destinations(vault, from: "Index.md") == ["images/diagram.png", "?", "doc.pdf", "shot.png"])
        #expect(problemLines(vault) == ["Index.md:1:18 unresolved-link diagram"])
    }

    @Test func pathsFromRootThenRelativeThenSuffix() {
        let vault = makeVault(
            """
            //- A/B/Source.md
            [[A/Target]] [[./Sibling]] [[../Up]] [[B/Sibling]] [[deep/Leaf]] [[X/Missing]]
            //- A/Target.md
            //- A/B/Sibling.md
            //- A/Up.md
            //- Far/away/deep/Leaf.md
            """)
        #expect(
            destinations(vault, from: "A/B/Source.md") == [
                "A/Target.md", "A/B/Sibling.md", "A/Up.md", "A/B/Sibling.md", "Far/away/deep/Leaf.md", "?",
            ])
    }

    @Test func dotDotStopsAtTheRoot() {
        let vault = makeVault(
            """
            //- docs/page.md
            ![x](../../images/x.png) ![[../../../images/x.png]]
            //- images/x.png
            """)
        #expect(destinations(vault, from: "docs/page.md") == ["images/x.png", "images/x.png"])
    }

    @Test func markdownLinksAreRelativeFirstThenLikeWikilinks() {
        let vault = makeVault(
            """
            //- Guide/Start.md
            [a](Next.md) [b](Next%20Step.md) [c](<Next Step.md>) [d](/Top.md) [e](Elsewhere.md) [f](Next) [g](https://x.y)
            //- Guide/Next.md
            //- Guide/Next Step.md
            //- Top.md
            //- Other/Elsewhere.md
            //- Next.md
            """)
        #expect(
            destinations(vault, from: "Guide/Start.md") == [
                "Guide/Next.md", "Guide/Next Step.md", "Guide/Next Step.md", "Top.md", "Other/Elsewhere.md",
                "Guide/Next.md", "ext",
            ])
    }

    @Test func ambiguityPrefersOwnFolderThenShallowThenPathOrder() {
        let vault = makeVault(
            """
            //- Spells/Index.md
            [[Shield]]
            //- Classes/Wizard.md
            [[Shield]]
            //- Deep/er/Wizard2.md
            [[Fireball]]
            //- Spells/Shield.md
            //- Spells (Alt)/Shield.md
            //- Shield.md
            //- b/Fireball.md
            //- a/Fireball.md
            """)
        #expect(
            destinations(vault, from: "Spells/Index.md") == [
                "ambiguous:Spells/Shield.md,Shield.md,Spells (Alt)/Shield.md"
            ])
        #expect(
            destinations(vault, from: "Classes/Wizard.md") == [
                "ambiguous:Shield.md,Spells (Alt)/Shield.md,Spells/Shield.md"
            ])
        #expect(destinations(vault, from: "Deep/er/Wizard2.md") == ["ambiguous:a/Fireball.md,b/Fireball.md"])
    }

    @Test func aliasOnlyMatchesAreToldApart() {
        let vault = makeVault(
            """
            //- Index.md
            [[AI]] [[Artificial Intelligence|AI]] [[Other]]
            //- Artificial Intelligence.md
            ---
            aliases: [AI, Machine intelligence]
            ---
            //- Other.md
            ---
            aliases: [Other]
            ---
            """)
        #expect(
            destinations(vault, from: "Index.md") == [
                "alias:Artificial Intelligence.md", "Artificial Intelligence.md", "Other.md",
            ])
        #expect(problemLines(vault) == ["Index.md:1:1 alias-link AI"])
    }

    @Test func frontmatterLinksResolve() {
        let vault = makeVault(
            """
            //- Index.md
            ---
            up: "[[Parent]]"
            ---
            //- Parent.md
            """)
        #expect(destinations(vault, from: "Index.md") == ["Parent.md"])
        #expect(backlinkSources(vault, vault.backlinks(to: vault.id(of: "Parent.md")!)) == ["Index.md [[Parent]]"])
    }

    @Test func namesWithHashSpacesAndPunctuation() {
        let vault = makeVault(
            """
            //- Index.md
            [[Acolyte (NPC)]] [[Rock & Roll, 'live']] [x](%23%20Spellcasting.md) [[日本語]] [[🚀 Launch]]
            //- Acolyte (NPC).md
            //- Rock & Roll, 'live'.md
            //- # Spellcasting.md
            //- 日本語.md
            //- 🚀 Launch.md
            """)
        #expect(
            destinations(vault, from: "Index.md") == [
                "Acolyte (NPC).md", "Rock & Roll, 'live'.md", "# Spellcasting.md", "日本語.md", "🚀 Launch.md",
            ])
    }
}

/// Heading and block subpaths, checked against the target note.
@Suite struct SubpathTests {
    static let fixture = """
        //- Index.md
        [[Guide#Q A Why]] [[Guide#q&a: why?]] [[Guide#Setup#Linux]] [[Guide#Linux]] [[Guide#Windows#Linux]]
        [[Guide#Missing]] [[Guide#^intro]] [[Guide#^nope]] [[#Local]] [[#Nowhere]] [[#^here]]
        [x](Guide.md#Q%26A%3A%20Why%3F) [y](Guide.md#setup) [z](Guide.md#no-such) [[Guide#`code` heading]]
        ## Local
        text ^here
        //- Guide.md
        Intro paragraph ^intro
        # Q&A: Why?
        # Setup
        ## Details
        ### Linux
        # `code` heading
        """

    @Test func headingsMatchByTextAndPath() {
        let vault = makeVault(Self.fixture)
        #expect(
            problemLines(vault) == [
                "Index.md:1:84 unresolved-heading Guide#Windows#Linux",
                "Index.md:2:8 unresolved-heading Guide#Missing",
                "Index.md:2:43 unresolved-block Guide#^nope",
                "Index.md:2:65 unresolved-heading #Nowhere",
                "Index.md:3:65 unresolved-heading Guide.md#no-such",
            ])
    }

    @Test func headingAndBlockBacklinks() {
        let vault = makeVault(Self.fixture)
        let guide = vault.id(of: "Guide.md")!
        #expect(
            backlinkSources(vault, vault.backlinks(toHeading: 0, of: guide)) == [
                "Index.md [[Guide#Q A Why]]", "Index.md [[Guide#q&a: why?]]", "Index.md [x](Guide.md#Q%26A%3A%20Why%3F)",
            ])
        #expect(
            backlinkSources(vault, vault.backlinks(toHeading: 3, of: guide)) == [
                "Index.md [[Guide#Setup#Linux]]", "Index.md [[Guide#Linux]]",
            ])
        #expect(backlinkSources(vault, vault.backlinks(toBlock: 0, of: guide)) == ["Index.md [[Guide#^intro]]"])
        let index = vault.id(of: "Index.md")!
        #expect(backlinkSources(vault, vault.backlinks(toHeading: 0, of: index)) == ["Index.md [[#Local]]"])
        #expect(backlinkSources(vault, vault.backlinks(toBlock: 0, of: index)) == ["Index.md [[#^here]]"])
    }
}
