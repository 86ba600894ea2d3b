/// Converts UTF-8 byte offsets in a text to lines and columns, in the units
/// editors count: UTF-8 bytes, UTF-16 code units or Unicode scalars.
///
/// Built once per text (line starts, and whether each line is ASCII, where
/// every unit is the same), so each conversion costs one binary search plus, on
/// a non-ASCII line, a scan of that line's prefix.
public struct LineIndex: Sendable {
    public enum Unit: Sendable {
        case utf8
        case utf16
        case scalar
    }

    /// A zero-based line and column.
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    private let text: String
    /// Byte offset where each line starts; the first is 0.
    private let lineStarts: [Int]
    private let lineIsASCII: [Bool]

    public init(_ text: String) {
        var text = text
        self.text = text
        var starts = [0]
        var ascii: [Bool] = []
        text.withUTF8 { bytes in
            var lineStart = 0
            while true {
                let newline = WordScan.firstIndex(of: 0x0A, in: bytes, from: lineStart, to: bytes.count)
                ascii.append(WordScan.isASCII(bytes, lineStart..<newline))
                guard newline < bytes.count else { break }
                lineStart = newline + 1
                starts.append(lineStart)
            }
        }
        lineStarts = starts
        lineIsASCII = ascii
    }

    public var lineCount: Int { lineStarts.count }

    /// Whether this index was built for `text` (cheap when it is the same string).
    public func indexes(_ text: String) -> Bool { self.text == text }

    /// The byte offset where `line` starts (clamped to the text).
    public func lineStart(_ line: Int) -> Int {
        lineStarts[max(0, min(line, lineStarts.count - 1))]
    }

    /// The byte offset where `line` ends, before its line break.
    public func lineEnd(_ line: Int) -> Int {
        let clamped = max(0, min(line, lineStarts.count - 1))
        let utf8 = text.utf8
        var end = clamped + 1 < lineStarts.count ? lineStarts[clamped + 1] - 1 : utf8.count
        if end > lineStarts[clamped], utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == 0x0D { end -= 1 }
        return end
    }

    /// The line holding a byte offset (clamped to the text).
    public func line(containing utf8Offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= utf8Offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The position of a byte offset, with the column counted in `unit`.
    public func position(of utf8Offset: Int, in unit: Unit) -> Position {
        let offset = max(0, min(utf8Offset, text.utf8.count))
        let line = line(containing: offset)
        let start = lineStarts[line]
        if lineIsASCII[line] || unit == .utf8 { return Position(line: line, column: offset - start) }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let to = utf8.index(from, offsetBy: offset - start)
        var column = 0
        for scalar in text.unicodeScalars[from..<to] {
            column += unit == .utf16 ? Int(UTF16.width(scalar)) : 1
        }
        return Position(line: line, column: column)
    }

    /// The byte offset of a position whose column is counted in `unit`; a column
    /// past the line's end gives the line's end, a line past the text its end.
    public func utf8Offset(of position: Position, in unit: Unit) -> Int {
        if position.line >= lineStarts.count { return text.utf8.count }
        let line = max(0, position.line)
        let start = lineStarts[line]
        let end = lineEnd(line)
        let column = max(0, position.column)
        if lineIsASCII[line] || unit == .utf8 { return min(start + column, end) }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let to = utf8.index(utf8.startIndex, offsetBy: end)
        var counted = 0
        var offset = start
        for scalar in text.unicodeScalars[from..<to] {
            if counted >= column { break }
            counted += unit == .utf16 ? Int(UTF16.width(scalar)) : 1
            offset += Int(UTF8.width(scalar))
        }
        return offset
    }
}
