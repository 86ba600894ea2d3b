import Testing
import TestSupport
import VaultParser

/// docs/vault-syntax.md, "Where links do not count".
@Suite struct DeadRegionTests {
    @Test func fencedCode() {
        let text = """
            ```swift
            [[in backticks]] #tag
            ```
            ~~~
            [[in tildes]]
            ~~~
            ````
            ```
            [[inside a longer fence]]
            ````
            [[after]]
            """
        #expect(writtenLinks(text) == ["[[after]]"])
        #expect(tagNames(text) == [])
    }

    @Test func fencesInsideQuotesAndListItems() {
        #expect(writtenLinks("> ```\n> [[hidden]]\n> ```\n> [[shown]]") == ["[[shown]]"])
        #expect(writtenLinks("- item\n  ```\n  [[hidden]]\n  ```\n- [[shown]]") == ["[[shown]]"])
    }

    @Test func indentedCodeAfterABlankLine() {
        #expect(writtenLinks("Paragraph\n\n    [[code]]\n\n[[text]]") == ["[[text]]"])
        #expect(writtenLinks("    [[code at start]]") == [])
    }

    @Test func indentationThatIsNotCode() {
        // A paragraph continues; a nested list item is list content.
        #expect(writtenLinks("Paragraph\n    [[continued]]") == ["[[continued]]"])
        #expect(writtenLinks("- item\n    - [[nested]]\n\t- [[tabbed]]") == ["[[nested]]", "[[tabbed]]"])
        #expect(writtenLinks("- item\n\n    [[list paragraph]]") == ["[[list paragraph]]"])
        #expect(writtenLinks("1. item\n\n        [[code in item]]") == [])
    }

    @Test func inlineCodeSpans() {
        #expect(writtenLinks("`[[a]]` ``[[b]]`` [[c]]") == ["[[c]]"])
    }

    @Test func math() {
        #expect(writtenLinks("$[[inline]]$ $$[[display]]$$ [[after]]") == ["[[after]]"])
        #expect(writtenLinks("$$\n[[display block]]\n#tag\n$$\n[[after]]") == ["[[after]]"])
        #expect(tagNames("$$\n#tag\n$$") == [])
    }

    @Test func dollarsThatAreNotMath() {
        #expect(writtenLinks("costs $5 and [[link]] $10") == ["[[link]]"])
        #expect(writtenLinks("$ not math [[a]] $") == ["[[a]]"])
        #expect(writtenLinks("a $$ never closed [[b]]") == ["[[b]]"])
    }

    @Test func htmlComments() {
        #expect(writtenLinks("<!-- [[hidden]] --> [[shown]]") == ["[[shown]]"])
        #expect(writtenLinks("<!--\n# not a heading\n[[hidden]]\n-->\n[[shown]]") == ["[[shown]]"])
        #expect(headingOutline("<!--\n# not a heading\n-->") == [])
        #expect(writtenLinks("<!-- never closed [[shown]]") == ["[[shown]]"])
    }

    @Test func percentCommentsStillCount() {
        #expect(writtenLinks("%% [[counted]] %%\n%%\n[[also counted]]\n%%") == ["[[counted]]", "[[also counted]]"])
    }
}

/// Parsing never fails, whatever the bytes.
@Suite struct RobustnessTests {
    @Test func invalidUTF8IsRepaired() {
        let bytes: [UInt8] = Array("[[ok]] ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" [[after]]".utf8)
        let note = Note(bytes: bytes)
        #expect(note.links.map(\.target) == ["ok", "after"])
        #expect(note.text.contains("\u{FFFD}"))
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("[]()!#^$`<>-|\\%*_=~ \n\tab1é🚀".utf8)
        for _ in 0..<2000 {
            let length = Int(generator.next() % 200)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                let r = generator.next()
                bytes.append(r % 5 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : alphabet[Int(r >> 16) % alphabet.count])
            }
            let note = Note(bytes: bytes)
            let count = note.text.utf8.count
            for link in note.links {
                #expect(link.range.upperBound <= count && link.targetRange.lowerBound >= link.range.lowerBound)
            }
            for heading in note.headings { #expect(heading.range.upperBound <= count) }
        }
    }

    @Test func pathologicalInputsStayLinear() {
        let brackets = String(repeating: "[[", count: 20_000) + "\n" + String(repeating: "[a](", count: 20_000)
        #expect(Note(text: brackets).links.isEmpty)
        let backticks = String(repeating: "` ", count: 20_000)
        #expect(Note(text: backticks).links.isEmpty)
        let empty = Note(text: "")
        #expect(empty.links.isEmpty && empty.headings.isEmpty)
    }
}
