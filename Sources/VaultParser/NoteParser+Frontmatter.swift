/// The frontmatter reader: just enough YAML for the properties a vault links
/// through (`aliases`, `tags`, and quoted `"[[wikilinks]]"` in any property).
extension NoteParser {
    /// Which list the lines being read belong to.
    private enum Property {
        case aliases
        case tags
        case other
    }

    /// Reads the frontmatter when the note starts with a `---` line that a later
    /// `---` or `...` line closes; returns where the body starts.
    mutating func parseFrontmatter() -> Int {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }  // BOM
        guard let firstLineEnd = delimiterLineEnd(at: start, allowDots: false) else { return 0 }
        let contentStart = nextLine(after: firstLineEnd)
        var lineStart = contentStart
        while lineStart < bytes.count {
            if let closeEnd = delimiterLineEnd(at: lineStart, allowDots: true) {
                frontmatter = Frontmatter(range: start..<closeEnd, contentRange: contentStart..<lineStart)
                readProperties(contentStart..<lineStart)
                return nextLine(after: closeEnd)
            }
            lineStart = nextLine(after: lineEnd(from: lineStart))
        }
        return 0  // Never closed: no frontmatter, and the first line is a thematic break.
    }

    private func lineEnd(from start: Int) -> Int {
        WordScan.firstLineBreak(in: bytes, from: start, to: bytes.count)
    }

    private func nextLine(after lineEnd: Int) -> Int {
        lineEnd < bytes.count ? WordScan.afterLineBreak(in: bytes, at: lineEnd, end: bytes.count) : lineEnd
    }

    /// The end of a `---` (or `...`) line starting at `start`, trailing white space allowed.
    private func delimiterLineEnd(at start: Int, allowDots: Bool) -> Int? {
        let end = lineEnd(from: start)
        guard end - start >= 3 else { return nil }
        let character = bytes[start]
        guard character == ASCII.dash || (allowDots && character == ASCII.dot) else { return nil }
        guard bytes[start + 1] == character && bytes[start + 2] == character else { return nil }
        for p in (start + 3)..<end where !ASCII.isWhitespace(bytes[p]) { return nil }
        return end
    }

    private mutating func readProperties(_ content: ByteRange) {
        var property = Property.other
        var lineStart = content.lowerBound
        while lineStart < content.upperBound {
            let end = lineEnd(from: lineStart)
            let next = nextLine(after: end)
            defer { lineStart = next }

            var p = lineStart
            while p < end && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
            guard p < end, bytes[p] != ASCII.hash else { continue }  // Blank or a comment.

            if bytes[p] == ASCII.dash && (p + 1 == end || ASCII.isSpaceOrTab(bytes[p + 1])) {
                readValue((p + 1)..<end, property: property, isListItem: true)
                continue
            }
            guard let colon = keyColon(p..<end) else { continue }  // A continued multi-line value.
            if p == lineStart {
                let key = String(utf8Slice: bytes, trimmed(p..<colon)).lowercased()
                switch key {
                case "aliases", "alias": property = .aliases
                case "tags", "tag": property = .tags
                default: property = .other
                }
                readValue((colon + 1)..<end, property: property, isListItem: false)
            } else {
                readValue((colon + 1)..<end, property: .other, isListItem: false)  // A nested key.
            }
        }
    }

    /// The `:` that ends a `key:` (followed by a space or the line end), outside quotes.
    private func keyColon(_ range: ByteRange) -> Int? {
        let first = bytes[range.lowerBound]
        if first == ASCII.quote || first == ASCII.apostrophe {
            guard let close = firstIndex(of: first, (range.lowerBound + 1)..<range.upperBound),
                close + 1 < range.upperBound, bytes[close + 1] == ASCII.colon
            else { return nil }
            return close + 1
        }
        var q = range.lowerBound
        while q < range.upperBound {
            if bytes[q] == ASCII.colon && (q + 1 == range.upperBound || ASCII.isSpaceOrTab(bytes[q + 1])) { return q }
            q += 1
        }
        return nil
    }

    /// Reads a scalar or a flow list `[a, b]` after `key:` or `-`.
    private mutating func readValue(_ range: ByteRange, property: Property, isListItem: Bool) {
        let value = trimmed(range)
        guard !value.isEmpty else { return }
        if bytes[value.lowerBound] == ASCII.openBracket && !startsWikilink(value) {
            // A flow list: items separated by commas outside quotes.
            var itemStart = value.lowerBound + 1
            var q = itemStart
            var quote: UInt8?
            while q < value.upperBound {
                let b = bytes[q]
                if let open = quote {
                    if b == ASCII.backslash && open == ASCII.quote {
                        q += 2
                        continue
                    }
                    if b == open { quote = nil }
                } else if b == ASCII.quote || b == ASCII.apostrophe {
                    quote = b
                } else if b == ASCII.comma || b == ASCII.closeBracket {
                    readScalar(itemStart..<q, property: property, splitWords: false)
                    itemStart = q + 1
                    if b == ASCII.closeBracket { break }
                }
                q += 1
            }
            return
        }
        // `tags: a, b` (one plain string) lists several tags; a list item is one value.
        readScalar(value, property: property, splitWords: !isListItem)
    }

    private func startsWikilink(_ range: ByteRange) -> Bool {
        range.count >= 2 && bytes[range.lowerBound + 1] == ASCII.openBracket
    }

    /// Reads one YAML scalar: quoted (its wikilinks are links) or plain (a `#` after a space starts a comment).
    private mutating func readScalar(_ range: ByteRange, property: Property, splitWords: Bool) {
        let value = trimmed(range)
        guard !value.isEmpty else { return }
        let first = bytes[value.lowerBound]
        var content: ByteRange
        let quoted = first == ASCII.quote || first == ASCII.apostrophe
        if quoted {
            var q = value.lowerBound + 1
            while q < value.upperBound && bytes[q] != first {
                q += (bytes[q] == ASCII.backslash && first == ASCII.quote) ? 2 : 1
            }
            content = (value.lowerBound + 1)..<min(q, value.upperBound)
            scanFrontmatterLinks(content)
        } else {
            guard first != ASCII.hash else { return }  // A YAML comment, not a value.
            var q = value.lowerBound
            while q < value.upperBound {
                if bytes[q] == ASCII.hash && ASCII.isSpaceOrTab(bytes[q - 1]) { break }
                q += 1
            }
            content = trimmed(value.lowerBound..<q)
        }
        switch property {
        case .aliases:
            guard !content.isEmpty else { return }
            aliases.append(Alias(text: String(utf8Slice: bytes, content), range: content))
        case .tags:
            if splitWords && !quoted {
                var wordStart = content.lowerBound
                for q in content.lowerBound...content.upperBound
                where q == content.upperBound || bytes[q] == ASCII.comma || ASCII.isSpaceOrTab(bytes[q]) {
                    addFrontmatterTag(wordStart..<q)
                    wordStart = q + 1
                }
            } else {
                addFrontmatterTag(content)
            }
        case .other:
            break
        }
    }

    private mutating func addFrontmatterTag(_ range: ByteRange) {
        let word = trimmed(range)
        guard !word.isEmpty else { return }
        let nameStart = bytes[word.lowerBound] == ASCII.hash ? word.lowerBound + 1 : word.lowerBound
        guard nameStart < word.upperBound else { return }
        let name = String(utf8Slice: bytes, nameStart..<word.upperBound)
        tags.append(Tag(name: name, range: word, nameRange: nameStart..<word.upperBound, inFrontmatter: true))
    }

    /// Every `[[...]]` inside a quoted frontmatter value is a link.
    private mutating func scanFrontmatterLinks(_ content: ByteRange) {
        var q = content.lowerBound
        while q + 1 < content.upperBound {
            if bytes[q] == ASCII.openBracket && bytes[q + 1] == ASCII.openBracket,
                let end = parseWikilink(start: q, open: q, lineEnd: content.upperBound, location: .frontmatter)
            {
                q = end
            } else {
                q += 1
            }
        }
    }
}
