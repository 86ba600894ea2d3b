import Testing
import VaultFeatures
import VaultIndex
import VaultParser

/// Completion inside links, headings, blocks, markdown paths and tags.
@Suite struct CompletionTests {
    static let vault = """
        //- Daily/Today.md
        PLACEHOLDER
        //- Projects/Garden plan.md
        ---
        aliases: [Allotment]
        ---
        # Garden plan
        ## Beds
        ### Soil
        ## Paths
        ### Soil
        Compost ratio ^ratio-1
        //- Archive/Garden plan.md
        //- Gardening.md
        [[Garden plan]] [[Gardening]] [[Seeds to buy]] [[seeds to buy]] #plants #plants/trees
        //- Seeds.md
        [[Gardening]]
        //- images/bed layout.png
        """

    func complete(_ note: String) -> Completion.List {
        let (vault, path, offset) = makeVaultWithCursor(Self.vault.replacingOccurrences(of: "PLACEHOLDER", with: note))
        return Completion.complete(at: offset, inNoteAt: path, of: vault)
    }

    func typedRange(_ note: String, from: String) -> ByteRange {
        let start = note.utf8.count - note.replacingOccurrences(of: from, with: "").utf8.count
        return start..<start
    }

    @Test func unclosedLinkOffersEveryKindOfName() {
        let list = complete("Plans: [[gard1️⃣")
        let labels = list.items.map(\.label)
        #expect(labels.prefix(3) == ["Gardening", "Archive/Garden plan", "Projects/Garden plan"])
        #expect(list.items[0].newText == "Gardening]]")
        #expect(list.items[0].replace == 9..<13)
        #expect(list.items[1].detail == "Archive")
        #expect(!list.isIncomplete)
        let all = complete("[[1️⃣")
        #expect(all.items.contains { $0.kind == .attachment && $0.label == "bed layout.png" && $0.newText == "bed layout.png]]" })
        #expect(all.items.contains { $0.kind == .alias && $0.newText == "Projects/Garden plan|Allotment]]" })
        let unresolved = all.items.first { $0.kind == .unresolved }
        #expect(unresolved?.label == "Seeds to buy")
        #expect(unresolved?.detail == "no note yet, linked 2 times")
        // Most linked first when nothing is typed.
        #expect(all.items.first?.label == "Gardening")
    }

    @Test func insideAClosedLinkOnlyTheTargetIsReplaced() {
        let list = complete("[[Gar1️⃣xx#Beds|my garden]] more")
        let item = list.items.first { $0.label == "Gardening" }
        #expect(item?.replace == 2..<7)
        #expect(item?.newText == "Gardening")
        // An alias keeps the display text already there.
        let alias = complete("[[allot1️⃣|shown]]").items.first { $0.kind == .alias }
        #expect(alias?.newText == "Projects/Garden plan")
    }

    @Test func cursorAtTheStartMiddleAndEndOfALink() {
        #expect(complete("[[1️⃣Seeds]]").items.first { $0.label == "Seeds" }?.replace == 2..<7)
        #expect(complete("[[Se1️⃣eds]]").items.first?.label == "Seeds")
        #expect(complete("[[Seeds1️⃣]]").items.first?.replace == 2..<7)
        #expect(complete("[[Seeds]]1️⃣").items.isEmpty)
        #expect(complete("[[Seeds|disp1️⃣]]").items.isEmpty)
    }

    @Test func headingsOfANoteAndOfTheCurrentNote() {
        let list = complete("[[Projects/Garden plan#so1️⃣")
        // Two headings named Soil: each is written with its parent.
        #expect(list.items.map(\.newText) == ["Beds#Soil]]", "Paths#Soil]]"])
        #expect(list.items[0].detail == "### under Beds")
        let local = complete("# Local heading\n## Q&A: why? [[x]]\n[[#1️⃣")
        #expect(local.items.map(\.label) == ["Local heading", "Q&A why? x"])
        let closed = complete("[[Projects/Garden plan#Pa1️⃣th|alias]]")
        #expect(closed.items.first?.newText == "Paths")
        #expect(closed.items.first?.replace == 23..<27)
    }

    @Test func blocksOfANote() {
        let list = complete("[[Projects/Garden plan#^1️⃣")
        #expect(list.items.map(\.label) == ["^ratio-1"])
        #expect(list.items[0].newText == "ratio-1]]")
        #expect(list.items[0].detail?.hasPrefix("Compost ratio") == true)
    }

    @Test func markdownLinkPaths() {
        let list = complete("[see](gard1️⃣")
        #expect(list.items.first?.newText == "../Gardening.md)")
        #expect(list.items.contains { $0.newText == "../Projects/Garden%20plan.md)" })
        let image = complete("![x](layout1️⃣)")
        #expect(image.items.first?.newText == "../images/bed%20layout.png")
    }

    @Test func tagsWithCounts() {
        let list = complete("text #pla1️⃣")
        #expect(list.items.map(\.label) == ["#plants", "#plants/trees"])
        #expect(list.items[0].detail == "2 uses")
        #expect(list.items[0].newText == "plants")
        #expect(complete("a#pla1️⃣").items.isEmpty)
    }

    @Test func aDeeplyNestedTagBeingTypedCostsLinearWork() {
        // Completion ranks every listed tag: the bytes it reads grow with the
        // tag's length (N and 10 x N levels), not with its square.
        func listedBytes(levels: Int) -> Int {
            let tag = "#" + String(repeating: "a/", count: levels) + "b"
            let (vault, path, offset) = makeVaultWithCursor("//- Deep.md\n\(tag)1️⃣\n//- Other.md\n\(tag)")
            let list = Completion.complete(at: offset, inNoteAt: path, of: vault)
            #expect(list.items.map(\.label) == [tag], "\(levels) levels")
            #expect(vault.tags.count == Vault.listedParentDepth + 1)
            return vault.tags.reduce(0) { $0 + $1.name.utf8.count }
        }
        let small = listedBytes(levels: 1_000)
        let large = listedBytes(levels: 10_000)
        #expect(large <= 12 * small, "\(small) -> \(large) bytes of tag names")
    }

    @Test func emojiAndCJKBeforeTheCursor() {
        let list = complete("🌱 庭 [[Seed1️⃣")
        let prefix = "🌱 庭 [[".utf8.count
        #expect(list.items.first?.label == "Seeds")
        #expect(list.items.first?.replace == prefix..<(prefix + 4))
    }

    @Test func longListsAreCutAndMarkedIncomplete() {
        var fixture = "//- Index.md\n[[note1️⃣\n"
        for index in 0..<120 { fixture += "//- Note \(index).md\n" }
        let (vault, path, offset) = makeVaultWithCursor(fixture)
        let list = Completion.complete(at: offset, inNoteAt: path, of: vault)
        #expect(list.items.count == Completion.limit)
        #expect(list.isIncomplete)
    }

    @Test func fuzzyRanking() {
        let matcher = FuzzyMatch("gp")
        #expect(matcher.score("garden plan")! > matcher.score("grasp")!)
        #expect(FuzzyMatch("gar").score("garden plan")! > FuzzyMatch("gar").score("a garden")!)
        #expect(FuzzyMatch("xyz").score("garden") == nil)
    }
}

@Suite struct CompletionWordTests {
    @Test func inAnUnclosedLinkTheRestOfTheWordIsReplaced() {
        let (vault, path, offset) = makeVaultWithCursor("//- A.md\n[[Se1️⃣ed and more\n//- Seeds.md\n")
        let item = Completion.complete(at: offset, inNoteAt: path, of: vault).items.first
        #expect(item?.label == "Seeds")
        #expect(item?.replace == 2..<6)
        #expect(item?.newText == "Seeds]]")
    }
}
