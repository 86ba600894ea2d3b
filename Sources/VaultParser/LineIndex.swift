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
    /// Byte offset where each line's content ends, before its line break.
    private let lineEnds: [Int]
    private let lineIsASCII: [Bool]

    /// Indexes a text's lines; `\n`, `\r\n` and a lone `\r` each end a line,
    /// as the LSP specification counts them.
    public init(_ text: String) {
        var text = text
        self.text = text
        var starts = [0]
        var ends: [Int] = []
        var ascii: [Bool] = []
        text.withUTF8 { bytes in
            var lineStart = 0
            while true {
                let lineBreak = WordScan.firstLineBreak(in: bytes, from: lineStart, to: bytes.count)
                ends.append(lineBreak)
                ascii.append(WordScan.isASCII(bytes, lineStart..<lineBreak))
                guard lineBreak < bytes.count else { break }
                lineStart = WordScan.afterLineBreak(in: bytes, at: lineBreak, end: bytes.count)
                starts.append(lineStart)
            }
        }
        lineStarts = starts
        lineEnds = ends
        lineIsASCII = ascii
    }

    public var lineCount: Int { lineStarts.count }

    /// Whether this index was built for `text` (cheap when it is the same string).
    public func indexes(_ text: String) -> Bool { self.text == text }

    /// The byte offset where `line` starts (clamped to the text).
    public func lineStart(_ line: Int) -> Int {
        lineStarts[max(0, min(line, lineStarts.count - 1))]
    }

    /// The byte offset where `line` ends, before its line break (clamped to the text).
    public func lineEnd(_ line: Int) -> Int {
        lineEnds[max(0, min(line, lineEnds.count - 1))]
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
    /// An offset inside a line break is at the end of its line.
    public func position(of utf8Offset: Int, in unit: Unit) -> Position {
        let line = line(containing: max(0, utf8Offset))
        let start = lineStarts[line]
        let offset = min(max(utf8Offset, start), lineEnds[line])
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

    /// The byte offset of a position whose column is counted in `unit`.
    ///
    /// Never traps, whatever the numbers: a column past the line's end gives
    /// the line's end, a line past the text the text's end, negative numbers
    /// zero. A column inside a character (a UTF-8 column in the middle of its
    /// bytes) gives the character's start, and one inside a UTF-16 surrogate
    /// pair the end of the pair: an offset is always on a character boundary,
    /// so that an edit there splices whole characters, as the editor does.
    public func utf8Offset(of position: Position, in unit: Unit) -> Int {
        if position.line >= lineStarts.count { return text.utf8.count }
        let line = max(0, position.line)
        let start = lineStarts[line]
        let end = lineEnds[line]
        let column = max(0, position.column)
        if column >= end - start { return end }
        if lineIsASCII[line] { return start + column }
        let utf8 = text.utf8
        if unit == .utf8 {
            var offset = start + column
            var index = utf8.index(utf8.startIndex, offsetBy: offset)
            while offset > start && UTF8.isContinuation(utf8[index]) {
                offset -= 1
                index = utf8.index(before: index)
            }
            return offset
        }
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
