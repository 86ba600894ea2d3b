import Testing
import VaultFeatures
import VaultIndex
import VaultParser

/// Applies a rename plan to a fixture's files: the files as the editor leaves them.
func applied(_ plan: Rename.Plan, to files: [String: String]) -> [String: String] {
    var result = files
    for (path, edits) in plan.edits {
        var bytes = Array(result[path]!.utf8)
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
        }
        result[path] = String(decoding: bytes, as: UTF8.self)
    }
    for move in plan.moves { result[move.to] = result.removeValue(forKey: move.from) }
    return result
}

/// Renames what is at the cursor of a fixture; the files after, or the refusal.
func renameAtCursor(_ fixture: String, to newName: String) -> Result<[String: String], Rename.Refusal> {
    let (vault, path, offset) = makeVaultWithCursor(fixture)
    var files: [String: String] = [:]
    for file in fixtureFiles(fixture.replacingOccurrences(of: cursorMarker, with: "")) { files[file.path] = file.text }
    return Rename.prepare(at: offset, inNoteAt: path, of: vault)
        .flatMap { Rename.plan($0.subject, to: newName, in: vault) }
        .map { applied($0, to: files) }
}

@Suite struct RenameNoteTests {
    static let vault = """
        //- Old.md
        # Old
        Text ^block
        ## Part
        [[#Part]]
        //- Index.md
        [[Ol1️⃣d]] [[Old|Old]] [[Old|custom]] ![[Old#Part]] [[Old#^block]] [[Old.md]] [[old]]
        | a | [[Old\\|cell]] |
        [md](Old.md) [pct](Old.md#Part) [[Old#Part|Old]]
        //- Sub/Deep.md
        ---
        up: "[[Old]]"
        ---
        [rel](../Old.md) [ang](<../Old.md>)
        //- Spaced Name.md
        [[Spaced Name]]
        //- Elsewhere.md
        [a](Spaced%20Name.md) [b](<Spaced Name.md>)
        """

    @Test func everyLinkFollowsAndNothingElseChanges() throws {
        let files = try renameAtCursor(Self.vault, to: "New").get()
        #expect(files["Old.md"] == nil)
        // The note's text stays: its title heading is text, as in Obsidian.
        #expect(files["New.md"] == "# Old\nText ^block\n## Part\n[[#Part]]")
        #expect(files["Index.md"] == """
            [[New]] [[New|New]] [[New|custom]] ![[New#Part]] [[New#^block]] [[New.md]] [[New]]
            | a | [[New\\|cell]] |
            [md](New.md) [pct](New.md#Part) [[New#Part|New]]
            """)
        #expect(files["Sub/Deep.md"] == "---\nup: \"[[New]]\"\n---\n[rel](../New.md) [ang](<../New.md>)")
    }

    @Test func percentAndAngleStylesAreKept() throws {
        let fixture = Self.vault.replacingOccurrences(of: "[[Spaced Name]]", with: "[[Spaced 1️⃣Name]]")
            .replacingOccurrences(of: "[[Ol1️⃣d]]", with: "[[Old]]")
        let files = try renameAtCursor(fixture, to: "Other Name").get()
        #expect(files["Elsewhere.md"] == "[a](Other%20Name.md) [b](<Other Name.md>)")
        #expect(files["Other Name.md"] == "[[Other Name]]")
    }

    @Test func aFolderMovesTheNoteAndRelativeLinksInsideIt() throws {
        let fixture = """
            //- Notes/Draft.md
            [img](../img/a.png) [[Sibling]] [s](Sibling.md)
            //- Notes/Sibling.md
            [[Dra1️⃣ft]] [d](Draft.md)
            //- img/a.png
            """
        let files = try renameAtCursor(fixture, to: "Projects/Plan").get()
        #expect(files["Projects/Plan.md"] == "[img](../img/a.png) [[Sibling]] [s](../Notes/Sibling.md)")
        #expect(files["Notes/Sibling.md"] == "[[Plan]] [d](../Projects/Plan.md)")
    }

    @Test func aSharedNewNameIsWrittenAsAPath() throws {
        let fixture = """
            //- A/Note.md
            [[Targ1️⃣et]] [[Twin]]
            //- A/Target.md
            //- B/Twin.md
            //- C/Other.md
            [[Twin]]
            """
        let files = try renameAtCursor(fixture, to: "Twin").get()
        // The renamed note lands in A/: links to it name it by path, and every
        // [[Twin]] meant for B/Twin.md that would now pick A/Twin.md (from A/ it is
        // local; from C/ it comes first in path order) names B/Twin.md by path.
        #expect(files["A/Note.md"] == "[[A/Twin]] [[B/Twin]]")
        #expect(files["C/Other.md"] == "[[B/Twin]]")
        #expect(files["A/Twin.md"] == "")
    }

    @Test func refusalsSayWhy() {
        func refusal(_ name: String) -> String? {
            if case .failure(let refusal) = renameAtCursor(Self.vault, to: name) { return refusal.message }
            return nil
        }
        #expect(refusal("  ") == "the new name is empty")
        #expect(refusal("Bad|Name") == "'Bad|Name' holds '|', which links and file names cannot: avoid \\ : * ? \" < > | # ^ [ ]")
        #expect(refusal("spaced name") == "a note named 'Spaced Name.md' already exists at Spaced Name.md")
        #expect(refusal("../Outside") == "'../Outside' is not a path inside the vault: use 'Folder/Name', without '..' or empty parts")
        #expect(refusal("Folder//Name") != nil)
        #expect(refusal("Sub/Deep") == "a note named 'Deep.md' already exists at Sub/Deep.md")
    }

    @Test func whatPrepareOffers() {
        func prepare(_ note: String) -> String {
            let (vault, path, offset) = makeVaultWithCursor("//- Here.md\n\(note)\n//- There.md\n# There\n## Part\n")
            switch Rename.prepare(at: offset, inNoteAt: path, of: vault) {
            case .success(let preparation): return "\(preparation.subject) \(preparation.placeholder)"
            case .failure(let refusal): return refusal.message
            }
        }
        #expect(prepare("[[Th1️⃣ere]]").hasSuffix(" There"))
        #expect(prepare("[[There#Pa1️⃣rt]]").hasPrefix("heading(1"))
        #expect(prepare("[[Nowh1️⃣ere]]") == "no note named 'Nowhere' exists yet: create it before renaming it")
        #expect(prepare("[x](https://exa1️⃣mple.com)") == "'https://example.com' is outside the vault: there is nothing to rename")
        // On a heading line, the title heading included, the heading is renamed.
        #expect(prepare("# He1️⃣re").hasPrefix("heading(0"))
        #expect(prepare("## Sec1️⃣tion").hasPrefix("heading(0"))
        #expect(prepare("plain te1️⃣xt").hasSuffix(" Here"))
        #expect(prepare("#ta1️⃣g") == "tag(\"tag\") tag")
        // Inside code, math and HTML comments there is nothing to rename; `%%` comments hold links.
        for dead in ["```\n#ta1️⃣g\n```", "`co1️⃣de`", "$x^1️⃣2$", "$$\nE = m1️⃣c\n$$", "<!-- hid1️⃣den -->", "    inde1️⃣nted"] {
            #expect(prepare(dead) == Rename.Refusal.nothingHere.message, "\(dead)")
        }
        #expect(prepare("%% com1️⃣ment %%").hasSuffix(" Here"))
        #expect(prepare("text `code` te1️⃣xt").hasSuffix(" Here"))
    }

    @Test func linksToATitleHeadingKeepTheirHeadingWhenTheNoteIsRenamed() throws {
        let fixture = """
            //- Beta.md
            # Be2️⃣ta
            //- Index.md
            [[Beta#Beta]] [x](Beta.md#beta) [[Be1️⃣ta]]
            """
        let note = try renameAtCursor(fixture.replacingOccurrences(of: "2️⃣", with: ""), to: "Bravo").get()
        #expect(note["Bravo.md"] == "# Beta")
        #expect(note["Index.md"] == "[[Bravo#Beta]] [x](Bravo.md#beta) [[Bravo]]")
        // On the title heading, rename renames the heading and the links to it.
        let heading = try renameAtCursor(
            fixture.replacingOccurrences(of: "1️⃣", with: "").replacingOccurrences(of: "2️⃣", with: "1️⃣"), to: "Bêta").get()
        #expect(heading["Beta.md"] == "# Bêta")
        #expect(heading["Index.md"] == "[[Beta#Bêta]] [x](Beta.md#bêta) [[Beta]]")
    }
}

/// Shared names: every link keeps its note when a rename makes or moves one.
@Suite struct RenameSharedNameTests {
    @Test func aRootNoteTakingANameSharedBesideTheLinkingNoteIsNamedFromTheRoot() throws {
        let fixture = """
            //- Daisy.md
            # Daisy
            //- Beta/Apple.md
            [[Daisy#Daisy]] [[Apple]]
            //- Home.md
            [[Dai1️⃣sy]]
            """
        let files = try renameAtCursor(fixture, to: "Apple").get()
        // From Beta/, a bare `Apple` would be Beta/Apple.md: the root note is written `/Apple`.
        #expect(files["Beta/Apple.md"] == "[[/Apple#Daisy]] [[Apple]]")
        #expect(files["Home.md"] == "[[Apple]]")
        let vault = makeVault(files.map { "//- \($0.key)\n\($0.value)" }.joined(separator: "\n"))
        #expect(destinations(vault, from: "Beta/Apple.md") == ["Apple.md", "ambiguous:Beta/Apple.md,Apple.md"])
    }

    @Test func aNoteTakingTheNameOfANoteItLinksToKeepsThatLink() throws {
        let fixture = """
            //- Beta/Cedar.md
            [[Iris]] [i](../Iris.md) [[Iris|Iris]]
            //- Iris.md
            //- Gamma/Iris.md
            //- Beta/Hazel.md
            [[Ced1️⃣ar]]
            """
        let files = try renameAtCursor(fixture, to: "Iris").get()
        #expect(files["Beta/Iris.md"] == "[[/Iris]] [i](../Iris.md) [[/Iris|Iris]]")
        #expect(files["Beta/Hazel.md"] == "[[Beta/Iris]]")
    }

    @Test func aMovedNoteKeepsTheSharedNameItLinkedTo() throws {
        let fixture = """
            //- Alpha/Iris.md
            Intro1️⃣ [[Grove]]
            //- Alpha/Grove.md
            //- Grove.md
            """
        let files = try renameAtCursor(fixture, to: "Beta/Iris").get()
        #expect(files["Beta/Iris.md"] == "Intro [[Alpha/Grove]]")
    }
}

@Suite struct RenameSubpathTests {
    @Test func headingRenameRewritesEveryLinkToIt() throws {
        let fixture = """
            //- Guide.md
            # Guide
            ## Set1️⃣up
            ### Linux
            [[#Setup]] [[#Setup#Linux]]
            //- Other.md
            [[Guide#Setup]] [[Guide#setup|see]] [[Guide#Setup#Linux]] [g](Guide.md#Setup) [s](Guide.md#setup) [[Guide#Linux]]
            """
        let files = try renameAtCursor(fixture, to: "Install steps").get()
        #expect(files["Guide.md"] == "# Guide\n## Install steps\n### Linux\n[[#Install steps]] [[#Install steps#Linux]]")
        #expect(files["Other.md"] == "[[Guide#Install steps]] [[Guide#Install steps|see]] [[Guide#Install steps#Linux]] [g](Guide.md#Install%20steps) [s](Guide.md#install-steps) [[Guide#Linux]]")
    }

    @Test func blockRename() throws {
        let fixture = """
            //- Note.md
            A paragraph ^ol1️⃣d-id
            [[#^old-id]]
            //- Other.md
            ![[Note#^old-id]] [[Note#^old-id|x]]
            """
        let files = try renameAtCursor(fixture, to: "^new-id").get()
        #expect(files["Note.md"] == "A paragraph ^new-id\n[[#^new-id]]")
        #expect(files["Other.md"] == "![[Note#^new-id]] [[Note#^new-id|x]]")
        if case .failure(let refusal) = renameAtCursor(fixture, to: "bad id") {
            #expect(refusal.message == "a block id is Latin letters, digits and '-', not 'bad id'")
        } else {
            Issue.record("a block id with a space was accepted")
        }
    }

    @Test func tagRenameTakesNestedTagsAndFrontmatter() throws {
        let fixture = """
            //- A.md
            ---
            tags: [project/active, '#project', other]
            ---
            #proj1️⃣ect and #project/done and #projector
            //- B.md
            - [ ] task #Project/x
            """
        let files = try renameAtCursor(fixture, to: "#work").get()
        #expect(files["A.md"] == "---\ntags: [work/active, '#work', other]\n---\n#work and #work/done and #projector")
        #expect(files["B.md"] == "- [ ] task #work/x")
    }
}
