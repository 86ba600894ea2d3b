import VaultParser
import VaultProtocol

/// A note open in the editor: its text is the truth, whatever the disk says.
struct Document {
    /// The URI exactly as the client sent it, for messages about this document.
    let uri: String
    let path: String
    var version: Int
    private(set) var text: String
    private(set) var lines: LineIndex

    init(uri: String, path: String, version: Int, text: String) {
        self.uri = uri
        self.path = path
        self.version = version
        self.text = text
        lines = LineIndex(text)
    }

    /// Applies `textDocument/didChange` content changes in order: ranged edits,
    /// or a whole new text when a change has no range.
    ///
    /// All or nothing: a malformed change throws before any is applied, since
    /// half of a change list would leave a text the editor never held.
    /// Positions past a line's end or the text's end clamp to it, as LSP says;
    /// negative ones clamp to zero, and are returned so that the caller can log them.
    mutating func apply(_ changes: [JSON], unit: LineIndex.Unit) throws(ResponseError) -> [String] {
        var ranges: [(start: LineIndex.Position, end: LineIndex.Position)?] = []
        var clamped: [String] = []
        for change in changes {
            guard change["text"]?.stringValue != nil else {
                throw ResponseError(.invalidParams, "a content change needs 'text'")
            }
            guard let range = change["range"] else {
                ranges.append(nil)
                continue
            }
            guard let start = Self.position(range["start"]), let end = Self.position(range["end"]) else {
                throw ResponseError(.invalidParams, "a content change has a malformed range")
            }
            for position in [start, end] where position.line < 0 || position.column < 0 {
                clamped.append("\(position.line):\(position.column)")
            }
            ranges.append((start, end))
        }
        var edited = self
        for (change, range) in zip(changes, ranges) {
            let newText = change["text"]!.stringValue!
            guard let range else {
                edited.replaceAll(newText)
                continue
            }
            var lower = edited.lines.utf8Offset(of: range.start, in: unit)
            var upper = edited.lines.utf8Offset(of: range.end, in: unit)
            if upper < lower { swap(&lower, &upper) }
            var bytes = Array(edited.text.utf8)
            bytes.replaceSubrange(lower..<upper, with: Array(newText.utf8))
            edited.replaceAll(String(decoding: bytes, as: UTF8.self))
        }
        self = edited
        return clamped
    }

    mutating func replaceAll(_ newText: String) {
        text = newText
        lines = LineIndex(newText)
    }

    /// A position as sent: any whole numbers (clamping is the caller's choice).
    static func position(_ json: JSON?) -> LineIndex.Position? {
        guard let line = wholeNumber(json?["line"]), let character = wholeNumber(json?["character"]) else { return nil }
        return LineIndex.Position(line: line, column: character)
    }

    /// A whole number; one too large for an `Int` (sent as `1e30`, or 30 digits) saturates.
    private static func wholeNumber(_ json: JSON?) -> Int? {
        if let value = json?.intValue { return value }
        guard case .double(let value) = json, value.rounded() == value else { return nil }
        return value > 0 ? Int.max : Int.min
    }
}
