import Testing
import VaultParser

/// The four notes from the vault vault-ls is built for must parse exactly.
@Suite struct SeedNoteTests {
    @Test func chaosNoteLinksAndHeadings() {
        let note = Note(text: seedText("000_d924134c34514500.md"))
        #expect(
            note.links.map(\.target) == [
                "Singularities", "Critical Points", "Phase Transitions", "Attractors", "Phase Transitions",
                "Singularities", "Boundary Effects", "Fractal Structures", "Lorenz Equations", "Logistic Map",
                "Sensitivity Analysis", "Robustness", "Generalization", "Phase Transitions", "Emergence",
                "Self-Organization", "Complexity Theory",
            ])
        #expect(note.links[2].display == "drastically change")
        #expect(note.links.allSatisfy { $0.kind == .wikilink && !$0.isEmbed && $0.subpath == nil })
        // The `---` right after a list item is a thematic break, not a setext heading.
        #expect(
            note.headings.map(\.text) == [
                "Connections and Implications for Deep Learning",
                "Chaos, Complexity, and Phase Transitions",
                "Conclusion: Navigating Complexity in Deep Learning",
            ])
        #expect(note.headings.allSatisfy { $0.level == 3 && $0.parent == nil })
        #expect(note.frontmatter == nil)
        #expect(note.tags.isEmpty)
    }

    @Test func criticalityNoteHasLinksInHeadings() {
        let note = Note(text: seedText("001_a046cecd8d038994.md"))
        #expect(note.tags.map(\.name) == ["gold", "green"])
        #expect(note.tags.allSatisfy { $0.inFrontmatter })
        #expect(note.headings.count == 23)
        #expect(note.headings[0].text == "[[Criticality]] in [[Learning Dynamics]]")
        #expect(note.headings[2].text == "[[Singularities]] and [[Phase Transitions|Transition Points]]")
        #expect(
            note.links.map(\.target) == [
                "Criticality", "Learning Dynamics", "Universality", "Generalization", "Singularities",
                "Phase Transitions", "Grokking", "Adaptation", "Mode Connectivity", "Loss Landscape", "Singularities",
                "Manifold Hypothesis", "Representation Space", "Effective Dimension", "Rank", "Abstraction",
            ])
        #expect(note.links.compactMap(\.display) == [
            "Transition Points", "adaptability", "mode connectivity", "loss landscape", "abstract",
        ])
    }

    @Test func generalizationNoteHasNestedFrontmatterTag() {
        let note = Note(text: seedText("002_05e21af4caa7f86b.md"))
        #expect(note.tags.map(\.name) == ["sod/root"])
        #expect(
            note.links.map(\.target) == [
                "Differential Geometry", "Manifold Hypothesis", "Chaos Theory", "Criticality", "Regularization",
                "Sparsity",
            ])
        #expect(note.headings.map(\.text).last == "Connections and Implications")
        #expect(note.headings.count == 5)
    }

    @Test func thermodynamicsNoteHasThreeFrontmatterTags() {
        let note = Note(text: seedText("003_d86b938dfc82888e.md"))
        #expect(note.tags.map(\.name) == ["sod/green", "sod/root", "stub"])
        #expect(
            note.links.map(\.target) == [
                "Energy-Based Models", "Boltzmann Machines", "Boltzmann Distribution", "Statistical Mechanics",
                "Entropy", "Information Theory", "Regularization", "Free Energy Principle", "Differential Geometry",
            ])
        #expect(note.links[6].display == "regularizing")
        #expect(note.headings.map(\.text) == [
            "Deep Learning and Thermodynamics", "Connections with [[Differential Geometry]]",
            "Thermodynamics, Geometry, and Learning Dynamics",
        ])
    }

    @Test func rangesPointAtTheWrittenText() {
        for seed in ["000_d924134c34514500.md", "001_a046cecd8d038994.md", "002_05e21af4caa7f86b.md",
            "003_d86b938dfc82888e.md"]
        {
            let note = Note(text: seedText(seed))
            for link in note.links {
                #expect(slice(note, link.range).hasPrefix("[["))
                #expect(slice(note, link.range).hasSuffix("]]"))
                #expect(slice(note, link.targetRange) == link.target)
            }
            for heading in note.headings {
                #expect(slice(note, heading.textRange) == heading.text)
                #expect(slice(note, heading.range).hasPrefix("### "))
            }
            for tag in note.tags { #expect(slice(note, tag.nameRange) == tag.name) }
        }
    }
}
