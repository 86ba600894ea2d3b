/// The inline scanner: links, embeds, tags and block ids inside one line's
/// content, skipping code spans, math and HTML comments.
extension NoteParser {
    // Bytes that can start something inline: ! # $ < in the first mask, [ \ ^ ` in the second.
    private static let specialLow: UInt64 = (1 << 0x21) | (1 << 0x23) | (1 << 0x24) | (1 << 0x3C)
    private static let specialHigh: UInt64 =
        (1 << (0x5B - 64)) | (1 << (0x5C - 64)) | (1 << (0x5E - 64)) | (1 << (0x60 - 64))

    @inline(__always) private static func isSpecial(_ b: UInt8) -> Bool {
        if b < 64 { return specialLow & (1 << UInt64(b)) != 0 }
        if b < 128 { return specialHigh & (1 << UInt64(b - 64)) != 0 }
        return false
    }

    /// Scans one line's content; returns the range of a `^id` that ends it, if any.
    mutating func scanInline(_ range: ByteRange) -> ByteRange? {
        var i = range.lowerBound
        let end = range.upperBound
        if lineMemo.lineEnd != end { lineMemo = LineMemo(lineEnd: end) }
        while i < end {
            if inHTMLComment {
                guard let close = nextCommentClose(from: i), close + 3 <= end else { return nil }
                inHTMLComment = false
                i = close + 3
                continue
            }
            if inDisplayMath {
                guard let close = nextDisplayMathClose(from: i), close + 2 <= end else { return nil }
                inDisplayMath = false
                i = close + 2
                continue
            }
            let b = bytes[i]
            guard Self.isSpecial(b) else {
                i = WordScan.firstInlineSpecial(in: bytes, from: i + 1, to: end)
                // The word found holds a candidate: step to it byte by byte.
                let wordEnd = min(i + 8, end)
                while i < wordEnd && !Self.isSpecial(bytes[i]) { i += 1 }
                continue
            }
            switch b {
            case ASCII.backslash:
                i += (i + 1 < end && ASCII.isPunctuation(bytes[i + 1])) ? 2 : 1
            case ASCII.backtick:
                i = endOfCodeSpan(at: i, end) ?? (i + backtickRun(at: i, end))
            case ASCII.lessThan:
                if i + 3 < end, bytes[i + 1] == ASCII.bang, bytes[i + 2] == ASCII.dash, bytes[i + 3] == ASCII.dash,
                    nextCommentClose(from: i + 4) != nil
                {
                    inHTMLComment = true
                    i += 4
                } else {
                    i += 1
                }
            case ASCII.dollar:
                if i + 1 < end && bytes[i + 1] == ASCII.dollar {
                    // Display math; a `$$` that nothing closes is plain text.
                    if nextDisplayMathClose(from: i + 2) != nil { inDisplayMath = true }
                    i += 2
                } else {
                    i = endOfInlineMath(at: i, end) ?? (i + 1)
                }
            case ASCII.bang:
                if i + 2 < end, bytes[i + 1] == ASCII.openBracket, bytes[i + 2] == ASCII.openBracket,
                    let linkEnd = parseWikilink(start: i, open: i + 1, lineEnd: end, location: .body)
                {
                    i = linkEnd
                } else if i + 1 < end, bytes[i + 1] == ASCII.openBracket,
                    let linkEnd = parseMarkdownLink(start: i, open: i + 1, lineEnd: end)
                {
                    i = linkEnd
                } else {
                    i += 1
                }
            case ASCII.openBracket:
                if i + 1 < end && bytes[i + 1] == ASCII.openBracket {
                    i = parseWikilink(start: i, open: i, lineEnd: end, location: .body) ?? (i + 1)
                } else {
                    i = parseMarkdownLink(start: i, open: i, lineEnd: end) ?? (i + 1)
                }
            case ASCII.hash:
                if i == range.lowerBound || ASCII.isWhitespace(bytes[i - 1]), let tagEnd = endOfTag(at: i, end) {
                    let name = String(utf8Slice: bytes, (i + 1)..<tagEnd)
                    tags.append(Tag(name: name, range: i..<tagEnd, nameRange: (i + 1)..<tagEnd, inFrontmatter: false))
                    i = tagEnd
                } else {
                    i += 1
                }
            case ASCII.caret:
                // No space is needed before an id: real vaults write `sentence.^id`
                // and put ids straight after a link or an embed.
                var q = i + 1
                while q < end && (ASCII.isLetter(bytes[q]) || ASCII.isDigit(bytes[q]) || bytes[q] == ASCII.dash) {
                    q += 1
                }
                var rest = q
                while rest < end && ASCII.isSpaceOrTab(bytes[rest]) { rest += 1 }
                if q > i + 1 && rest == end { return i..<q }
                i = q > i + 1 ? q : i + 1
            default:
                i += 1
            }
        }
        return nil
    }

    // MARK: Code, math, comments

    private func backtickRun(at i: Int, _ end: Int) -> Int {
        var q = i
        while q < end && bytes[q] == ASCII.backtick { q += 1 }
        return q - i
    }

    /// The end of a code span opening at `i`: the next run of exactly as many backticks.
    private mutating func endOfCodeSpan(at i: Int, _ end: Int) -> Int? {
        let length = backtickRun(at: i, end)
        var q = i + length
        if q >= (lineMemo.codeSpanFailsFrom[length] ?? Int.max) { return nil }
        defer { bytesScanned &+= q - i }
        while q < end {
            if bytes[q] == ASCII.backtick {
                let run = backtickRun(at: q, end)
                if run == length { return q + run }
                q += run
            } else {
                q += 1
            }
        }
        lineMemo.codeSpanFailsFrom[length] = i + length
        return nil
    }

    /// The end of `$...$` math opening at `i`: the opening `$` is followed by a
    /// non-space, the closing one preceded by a non-space and not followed by a digit.
    private mutating func endOfInlineMath(at i: Int, _ end: Int) -> Int? {
        guard i + 1 < end, !ASCII.isWhitespace(bytes[i + 1]), i + 2 < lineMemo.inlineMathFailsFrom else { return nil }
        var q = i + 2
        defer {
            if q >= end { lineMemo.inlineMathFailsFrom = i + 2 }
            bytesScanned &+= q - i
        }
        while q < end {
            if bytes[q] == ASCII.backslash {
                q += 2
                continue
            }
            if bytes[q] == ASCII.dollar, !ASCII.isWhitespace(bytes[q - 1]),
                q + 1 >= end || !ASCII.isDigit(bytes[q + 1])
            {
                return q + 1
            }
            q += 1
        }
        return nil
    }

    /// The first `-->` at or after `start`, anywhere in the note.
    private mutating func nextCommentClose(from start: Int) -> Int? {
        if let known = commentClose.answer(from: start) { return known }
        let found = find(ASCII.dash, ASCII.dash, ASCII.greaterThan, from: start, to: bytes.count)
        commentClose = ForwardSearch(from: start, found: found)
        return found
    }

    /// The first `$$` at or after `start`, anywhere in the note.
    private mutating func nextDisplayMathClose(from start: Int) -> Int? {
        if let known = displayMathClose.answer(from: start) { return known }
        let found = find(ASCII.dollar, ASCII.dollar, from: start, to: bytes.count)
        displayMathClose = ForwardSearch(from: start, found: found)
        return found
    }

    mutating func find(_ a: UInt8, _ b: UInt8, from start: Int, to end: Int) -> Int? {
        var q = start
        defer { bytesScanned &+= q - start }
        while q + 1 < end {
            if bytes[q] == a && bytes[q + 1] == b { return q }
            q += 1
        }
        return nil
    }

    mutating func find(_ a: UInt8, _ b: UInt8, _ c: UInt8, from start: Int, to end: Int) -> Int? {
        var q = start
        defer { bytesScanned &+= q - start }
        while q + 2 < end {
            if bytes[q] == a && bytes[q + 1] == b && bytes[q + 2] == c { return q }
            q += 1
        }
        return nil
    }

    // MARK: Tags

    /// The end of a tag whose `#` is at `i`, or nil when no tag starts there.
    private func endOfTag(at i: Int, _ end: Int) -> Int? {
        var q = i + 1
        var hasNonDigit = false
        while q < end {
            let b = bytes[q]
            if b < 0x80 {
                if ASCII.isLetter(b) || b == ASCII.underscore || b == ASCII.dash || b == ASCII.slash {
                    hasNonDigit = true
                } else if !ASCII.isDigit(b) {
                    break
                }
                q += 1
            } else {
                let (scalar, length) = decodeScalar(at: q, end)
                guard Self.isTagCharacter(scalar) else { break }
                hasNonDigit = true
                q += length
            }
        }
        return hasNonDigit ? q : nil
    }

    /// Non-ASCII tag characters: anything but punctuation, separators and controls.
    private static func isTagCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
            return false
        default:
            return true
        }
    }

    /// Decodes the scalar at `q` (the text is valid UTF-8: strings repair it).
    private func decodeScalar(at q: Int, _ end: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[q]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard q + length <= end else { return ("\u{FFFD}", 1) }
        var value: UInt32
        switch length {
        case 2: value = UInt32(lead & 0x1F)
        case 3: value = UInt32(lead & 0x0F)
        case 4: value = UInt32(lead & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        for k in 1..<length { value = (value << 6) | UInt32(bytes[q + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    // MARK: Wikilinks

    /// Parses `[[...]]` whose first bracket is at `open` (`start` is the `!` of an
    /// embed, else equal to `open`); returns the end of the link.
    @discardableResult
    mutating func parseWikilink(start: Int, open: Int, lineEnd: Int, location: Link.Location) -> Int? {
        let contentStart = open + 2
        var q = contentStart
        var contentEnd: Int?
        // One pass finds the end, the first `|` and the first `#`.
        var firstPipe: Int?
        var firstHash: Int?
        defer { bytesScanned &+= q - contentStart }
        while q + 1 < lineEnd {
            let b = bytes[q]
            if b == ASCII.closeBracket && bytes[q + 1] == ASCII.closeBracket {
                contentEnd = q
                break
            }
            // A later `[[` before any `]]` opens the link instead.
            if b == ASCII.openBracket && bytes[q + 1] == ASCII.openBracket { return nil }
            if b == ASCII.pipe && firstPipe == nil { firstPipe = q }
            if b == ASCII.hash && firstHash == nil { firstHash = q }
            q += 1
        }
        guard let contentEnd, contentEnd > contentStart else { return nil }

        var targetEnd = contentEnd
        var display: ByteRange?
        var hasEscapedPipe = false
        if let pipe = firstPipe {
            hasEscapedPipe = pipe > contentStart && bytes[pipe - 1] == ASCII.backslash
            targetEnd = hasEscapedPipe ? pipe - 1 : pipe
            display = (pipe + 1)..<contentEnd
        }
        var fileEnd = targetEnd
        var subpath: Subpath?
        var subpathRange: ByteRange?
        if let hash = firstHash, hash < targetEnd {
            fileEnd = hash
            subpathRange = hash..<targetEnd
            subpath = parseSubpath((hash + 1)..<targetEnd, percentDecoded: false)
        }
        let targetRange = trimmed(contentStart..<fileEnd)
        let end = contentEnd + 2
        links.append(
            Link(
                kind: .wikilink, isEmbed: start != open, location: location, range: start..<end,
                innerRange: contentStart..<contentEnd, target: String(utf8Slice: bytes, targetRange),
                targetRange: targetRange, subpath: subpath, subpathRange: subpathRange,
                display: display.map { String(utf8Slice: bytes, $0) }, displayRange: display,
                hasEscapedPipe: hasEscapedPipe, isExternal: false))
        return end
    }

    /// `^id` gives a block; anything else a heading path split at `#`.
    private func parseSubpath(_ range: ByteRange, percentDecoded: Bool) -> Subpath? {
        // Empty segments are skipped: `##^id` is `#^id`.
        var text = trimmed(range)
        while !text.isEmpty && bytes[text.lowerBound] == ASCII.hash { text = trimmed((text.lowerBound + 1)..<text.upperBound) }
        if !text.isEmpty && bytes[text.lowerBound] == ASCII.caret {
            let id = trimmed((text.lowerBound + 1)..<text.upperBound)
            guard !id.isEmpty else { return nil }
            let name = String(utf8Slice: bytes, id)
            return .block(percentDecoded ? PercentDecoding.decode(name) : name)
        }
        var segments: [String] = []
        var segmentStart = range.lowerBound
        for q in range.lowerBound...range.upperBound where q == range.upperBound || bytes[q] == ASCII.hash {
            let segment = trimmed(segmentStart..<q)
            if !segment.isEmpty {
                let raw = String(utf8Slice: bytes, segment)
                segments.append(percentDecoded ? PercentDecoding.decode(raw) : raw)
            }
            segmentStart = q + 1
        }
        return segments.isEmpty ? nil : .heading(segments)
    }

    // MARK: Markdown links

    /// Parses `[text](destination)` whose `[` is at `open` (`start` is the `!` of
    /// an image); returns the end of the link.
    private mutating func parseMarkdownLink(start: Int, open: Int, lineEnd: Int) -> Int? {
        // The matching `]`, with nested brackets and escapes skipped.
        guard let q = matchingBracket(open, lineEnd) else { return nil }
        let textRange = (open + 1)..<q
        guard q + 1 < lineEnd, bytes[q + 1] == ASCII.openParen else { return nil }
        let innerStart = q + 2

        // The destination: `<...>` or a run without spaces and with balanced parentheses.
        var p = innerStart
        while p < lineEnd && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
        // Destinations are short; a cap keeps `[a](` repeated along a line linear.
        let destinationLimit = min(lineEnd, p + Self.destinationLimit)
        var destination: ByteRange
        if p < lineEnd && bytes[p] == ASCII.lessThan {
            guard let close = firstIndex(of: ASCII.greaterThan, (p + 1)..<destinationLimit) else { return nil }
            destination = (p + 1)..<close
            p = close + 1
        } else {
            let destinationStart = p
            var parens = 0
            while p < destinationLimit {
                let b = bytes[p]
                if b == ASCII.backslash && p + 1 < lineEnd {
                    p += 2
                    continue
                }
                if ASCII.isSpaceOrTab(b) { break }
                if b == ASCII.openParen { parens += 1 }
                if b == ASCII.closeParen {
                    if parens == 0 { break }
                    parens -= 1
                }
                p += 1
            }
            destination = destinationStart..<p
        }
        bytesScanned &+= p - innerStart
        // An optional title, then the closing parenthesis.
        while p < lineEnd && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
        if p < lineEnd, bytes[p] == ASCII.quote || bytes[p] == ASCII.apostrophe || bytes[p] == ASCII.openParen {
            let closing = bytes[p] == ASCII.openParen ? ASCII.closeParen : bytes[p]
            // The title closes within the cap too (the destination may have used it all).
            guard p + 1 < destinationLimit, let close = firstIndex(of: closing, (p + 1)..<destinationLimit) else {
                return nil
            }
            p = close + 1
            while p < lineEnd && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
        }
        guard p < lineEnd, bytes[p] == ASCII.closeParen, !destination.isEmpty else { return nil }
        let end = p + 1

        let isExternal = hasURLScheme(destination)
        var fileEnd = destination.upperBound
        var subpath: Subpath?
        var subpathRange: ByteRange?
        if !isExternal, let hash = firstIndex(of: ASCII.hash, destination) {
            fileEnd = hash
            subpathRange = hash..<destination.upperBound
            subpath = parseSubpath((hash + 1)..<destination.upperBound, percentDecoded: true)
        }
        let targetRange = isExternal ? destination : destination.lowerBound..<fileEnd
        let rawTarget = String(utf8Slice: bytes, targetRange)
        let target = isExternal ? rawTarget : PercentDecoding.decode(rawTarget).trimmingSpaces()
        links.append(
            Link(
                kind: .markdown, isEmbed: start != open, location: .body, range: start..<end,
                innerRange: innerStart..<(end - 1), target: target, targetRange: targetRange,
                subpath: subpath, subpathRange: subpathRange,
                display: String(utf8Slice: bytes, textRange), displayRange: textRange,
                hasEscapedPipe: false, isExternal: isExternal))
        // The link text may hold an image or tags of its own; its scan has a memo of its own.
        let lineMemo = self.lineMemo
        _ = scanInline(textRange)
        self.lineMemo = lineMemo
        return end
    }

    static let destinationLimit = 4096

    /// The `]` matching the `[` at `open`: found by scanning when it is near,
    /// as link texts are, else from a table built once per line (so that a
    /// line of many unmatched `[` stays linear).
    private mutating func matchingBracket(_ open: Int, _ lineEnd: Int) -> Int? {
        var depth = 0
        var q = open + 1
        let scanEnd = min(lineEnd, open + 64)
        defer { bytesScanned &+= q - open }
        while q < scanEnd {
            switch bytes[q] {
            case ASCII.backslash: q += 1
            case ASCII.openBracket: depth += 1
            case ASCII.closeBracket:
                if depth == 0 { return q }
                depth -= 1
            default: break
            }
            q += 1
        }
        if scanEnd == lineEnd { return nil }
        if lineMemo.bracketPairs == nil {
            var pairs: [Int: Int] = [:]
            var stack: [Int] = []
            var q = open
            defer { bytesScanned &+= q - open }
            while q < lineEnd {
                switch bytes[q] {
                case ASCII.backslash: q += 1
                case ASCII.openBracket: stack.append(q)
                case ASCII.closeBracket: if let start = stack.popLast() { pairs[start] = q }
                default: break
                }
                q += 1
            }
            lineMemo.bracketPairs = pairs
        }
        return lineMemo.bracketPairs![open]
    }

    /// `scheme:` (RFC 3986) or a protocol-relative `//host`.
    private func hasURLScheme(_ range: ByteRange) -> Bool {
        guard !range.isEmpty else { return false }
        if range.count >= 2 && bytes[range.lowerBound] == ASCII.slash && bytes[range.lowerBound + 1] == ASCII.slash {
            return true
        }
        guard ASCII.isLetter(bytes[range.lowerBound]) else { return false }
        for q in (range.lowerBound + 1)..<range.upperBound {
            let b = bytes[q]
            if b == ASCII.colon { return q - range.lowerBound >= 2 }
            if !(ASCII.isLetter(b) || ASCII.isDigit(b) || b == ASCII.plus || b == ASCII.dash || b == ASCII.dot) {
                return false
            }
        }
        return false
    }

    // MARK: Helpers

    func firstIndex(of byte: UInt8, _ range: ByteRange) -> Int? {
        var q = range.lowerBound
        while q < range.upperBound {
            if bytes[q] == byte { return q }
            q += 1
        }
        return nil
    }

    /// The range without leading and trailing spaces and tabs.
    func trimmed(_ range: ByteRange) -> ByteRange {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && ASCII.isSpaceOrTab(bytes[lower]) { lower += 1 }
        while upper > lower && ASCII.isSpaceOrTab(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        // Spaces and tabs are single bytes that no other character's UTF-8 contains.
        let bounds = utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int) in
            var start = 0
            var end = bytes.count
            while start < end && ASCII.isSpaceOrTab(bytes[start]) { start += 1 }
            while end > start && ASCII.isSpaceOrTab(bytes[end - 1]) { end -= 1 }
            return (start, end)
        }
        guard let (start, end) = bounds else {
            let scalars = unicodeScalars
            guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
            return String(scalars[first...last])
        }
        if start == 0 && end == utf8.count { return self }  // Nothing to trim: no copy.
        let view = utf8
        return String(view[view.index(view.startIndex, offsetBy: start)..<view.index(view.startIndex, offsetBy: end)])!
    }
}
