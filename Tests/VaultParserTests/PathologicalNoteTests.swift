import Testing
import VaultParser

/// Notes that once crashed the parser or made it quadratic. Parsing never
/// fails, and its work grows with the note's length, not faster: each
/// pattern is parsed at N and 10 x N repetitions, and the bytes its
/// look-ahead searches visit may grow about 10x, not 100x. (Counting work
/// instead of timing it keeps the test exact on a busy machine.)
@Suite struct PathologicalNoteTests {
    /// Bytes the parser's searches visited for one note.
    private func bytesScanned(_ text: String) -> Int {
        let buffers = Note.ParsingBuffers()
        _ = Note(text: text, reusing: buffers)
        return buffers.bytesScanned
    }

    static let repeatedPatterns: [(name: String, unit: String)] = [
        ("unclosed comments on one line", "<!--"),
        ("unclosed comments on many lines", "<!--\n"),
        ("unclosed display math", "$$ a "),
        ("unclosed wikilinks", "[[a "),
        // Each `[a](` scans its destination up to the 4,096-byte cap: linear
        // once the line is longer than the cap (the larger sizes below).
        ("unclosed markdown links", "[a]("),
        ("link texts without a destination", "[a] "),
        ("opening brackets", "["),
        ("inline math that never closes", "$a "),
        ("backtick runs of growing length", "` `` "),
        ("nested tags", "#a/"),
        ("block ids", "a ^b "),
    ]

    @Test(arguments: repeatedPatterns)
    func workGrowsLinearly(_ pattern: (name: String, unit: String)) {
        let count = pattern.unit == "[a](" ? 5_000 : 2_000
        let small = bytesScanned(String(repeating: pattern.unit, count: count))
        let large = bytesScanned(String(repeating: pattern.unit, count: 10 * count))
        // 12x leaves room for constant costs; a quadratic scan gives ~100x.
        #expect(large <= max(12 * small, 10 * count * pattern.unit.utf8.count), "\(pattern.name): \(small) -> \(large) bytes")
    }

    @Test func aDestinationThatFillsItsCapBeforeATitle() {
        // The title search once built a range that ended before it started.
        for opener in ["(", "\"", "'"] {
            let text = "[x](" + String(repeating: "a", count: 4096) + opener + ")\n[[after]]"
            #expect(writtenLinks(text) == ["[[after]]"], "title opened with \(opener)")
        }
        let near = "[x](" + String(repeating: "a", count: 4090) + " \"t\")"
        #expect(writtenLinks(near).count == 1)
    }

    @Test func aLoneCarriageReturnEndsALine() {
        let note = Note(text: "a\rb [[Gamma]]\r# Heading\r\nc\n[[Delta]]")
        #expect(note.links.map(\.target) == ["Gamma", "Delta"])
        #expect(note.headings.map(\.text) == ["Heading"])
        let lines = LineIndex(note.text)
        #expect(lines.lineCount == 5)
        #expect(lines.position(of: note.links[0].range.lowerBound, in: .utf16) == .init(line: 1, column: 2))
        #expect(lines.position(of: note.links[1].range.lowerBound, in: .utf16) == .init(line: 4, column: 0))
    }

    @Test func frontmatterClosedAfterALoneCarriageReturn() {
        let note = Note(text: "---\raliases: [Other]\r---\r[[Link]]")
        #expect(note.aliases.map(\.text) == ["Other"])
        #expect(note.links.map(\.target) == ["Link"])
    }
}
