extension Note {
    /// Whether a link written at a byte offset of the body would count as one:
    /// false inside fenced or indented code, code spans, math and HTML comments
    /// (`%%` comments hold real links: true there).
    ///
    /// The note is parsed again with a link written at the offset, so that the
    /// answer follows the parser's own rules. It costs a parse of the note: it
    /// is for a question asked once (is there anything to rename here?), not
    /// for every position of a note.
    public func linksCount(at offset: Int) -> Bool {
        let utf8 = text.utf8
        guard offset >= 0, offset <= utf8.count else { return false }
        let split = utf8.index(utf8.startIndex, offsetBy: offset)
        let probe = "[[vault-ls probe]]"
        let probed = Note(
            text: String(decoding: utf8[..<split], as: UTF8.self) + probe + String(decoding: utf8[split...], as: UTF8.self))
        let end = offset + probe.utf8.count
        return probed.links.contains { $0.range.upperBound == end && $0.target == "vault-ls probe" }
    }
}
