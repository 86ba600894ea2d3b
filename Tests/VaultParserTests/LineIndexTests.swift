import Testing
import VaultParser

@Suite struct LineIndexTests {
    @Test func columnsInEachUnit() {
        let text = "first\na🚀é[[x]]\nlast"
        let lines = LineIndex(text)
        let offset = Array(text.utf8).firstIndex(of: UInt8(ascii: "["))!
        #expect(lines.position(of: offset, in: .utf8) == .init(line: 1, column: 7))
        #expect(lines.position(of: offset, in: .utf16) == .init(line: 1, column: 4))
        #expect(lines.position(of: offset, in: .scalar) == .init(line: 1, column: 3))
        for unit in [LineIndex.Unit.utf8, .utf16, .scalar] {
            #expect(lines.utf8Offset(of: lines.position(of: offset, in: unit), in: unit) == offset)
        }
    }

    @Test func clampsOutOfRangePositions() {
        let lines = LineIndex("ab\ncd")
        #expect(lines.utf8Offset(of: .init(line: 0, column: 99), in: .utf16) == 2)
        #expect(lines.utf8Offset(of: .init(line: 9, column: 0), in: .utf16) == 5)
        #expect(lines.position(of: 99, in: .utf8) == .init(line: 1, column: 2))
    }

    @Test func crlfLineEnds() {
        let lines = LineIndex("ab\r\ncd")
        #expect(lines.lineEnd(0) == 2)
        #expect(lines.lineStart(1) == 4)
    }

    @Test func hugeAndNegativeNumbersClampWithoutTrapping() {
        let lines = LineIndex("ab\ncd\né")
        for unit in [LineIndex.Unit.utf8, .utf16, .scalar] {
            #expect(lines.utf8Offset(of: .init(line: 1, column: Int.max), in: unit) == 5)
            #expect(lines.utf8Offset(of: .init(line: 2, column: Int.max), in: unit) == 8)
            #expect(lines.utf8Offset(of: .init(line: Int.max, column: Int.max), in: unit) == 8)
            #expect(lines.utf8Offset(of: .init(line: Int.min, column: Int.min), in: unit) == 0)
        }
        #expect(lines.position(of: Int.max, in: .utf16) == .init(line: 2, column: 1))
        #expect(lines.position(of: Int.min, in: .utf16) == .init(line: 0, column: 0))
    }

    @Test func offsetsFallOnCharacterBoundaries() {
        let lines = LineIndex("é🚀x")
        // UTF-8 columns inside a character give its start.
        #expect(lines.utf8Offset(of: .init(line: 0, column: 1), in: .utf8) == 0)
        #expect(lines.utf8Offset(of: .init(line: 0, column: 4), in: .utf8) == 2)
        #expect(lines.utf8Offset(of: .init(line: 0, column: 6), in: .utf8) == 6)
        // A UTF-16 column inside a surrogate pair gives the pair's end.
        #expect(lines.utf8Offset(of: .init(line: 0, column: 2), in: .utf16) == 6)
    }

    @Test func allThreeLineBreaks() {
        let lines = LineIndex("a\rb\r\nc\nd\r")
        #expect(lines.lineCount == 5)
        #expect((0..<5).map { lines.lineStart($0) } == [0, 2, 5, 7, 9])
        #expect((0..<5).map { lines.lineEnd($0) } == [1, 3, 6, 8, 9])
        // An offset inside a CRLF belongs to the end of its line.
        #expect(lines.position(of: 4, in: .utf16) == .init(line: 1, column: 1))
    }
}
