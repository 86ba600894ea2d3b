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
    mutating func apply(_ changes: [JSON], unit: LineIndex.Unit) throws(ResponseError) {
        for change in changes {
            guard let newText = change["text"]?.stringValue else {
                throw ResponseError(.invalidParams, "a content change needs 'text'")
            }
            guard let range = change["range"] else {
                replaceAll(newText)
                continue
            }
            guard let start = Self.position(range["start"]), let end = Self.position(range["end"]) else {
                throw ResponseError(.invalidParams, "a content change has a malformed range")
            }
            var lower = lines.utf8Offset(of: start, in: unit)
            var upper = lines.utf8Offset(of: end, in: unit)
            if upper < lower { swap(&lower, &upper) }
            var bytes = Array(text.utf8)
            bytes.replaceSubrange(lower..<upper, with: Array(newText.utf8))
            replaceAll(String(decoding: bytes, as: UTF8.self))
        }
    }

    mutating func replaceAll(_ newText: String) {
        text = newText
        lines = LineIndex(newText)
    }

    static func position(_ json: JSON?) -> LineIndex.Position? {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue else { return nil }
        return LineIndex.Position(line: line, column: character)
    }
}
