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
}
