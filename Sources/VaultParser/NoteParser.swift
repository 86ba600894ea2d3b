extension Note {
    /// Parses a note's text. Never fails: every text gives a note.
    public init(text: String) {
        self.init(text: text, reusing: ParsingBuffers())
    }

    /// Parses a note's text into lists that grow in `buffers`, kept from one
    /// note to the next by a thread that parses many (the note gets copies
    /// of exactly its size): growing a list anew for every note costs an
    /// allocation and a copy at every doubling.
    public init(text: String, reusing buffers: ParsingBuffers) {
        var text = text
        var note = Note(unparsed: text)
        text.withUTF8 { bytes in
            var parser = NoteParser(bytes: bytes)
            buffers.lend(to: &parser)
            parser.parse()
            // Exact-sized arrays: a vault keeps every note's, and growth leaves up to half unused.
            note.frontmatter = parser.frontmatter
            note.headings = parser.headings.exactSized()
            note.links = parser.links.exactSized()
            note.tags = parser.tags.exactSized()
            note.blockIDs = parser.blockIDs.exactSized()
            note.aliases = parser.aliases.exactSized()
            buffers.takeBack(from: &parser)
        }
        self = note
    }

    /// Lists that keep their capacity from note to note; see ``init(text:reusing:)``.
    /// One thread at a time may use them.
    public final class ParsingBuffers {
        private var headings: [Heading] = []
        private var links: [Link] = []
        private var tags: [Tag] = []
        private var blockIDs: [BlockID] = []
        private var aliases: [Alias] = []
        /// Bytes the parser's look-ahead searches visited in every note parsed
        /// with these buffers: tests read it to prove that parsing stays linear.
        public private(set) var bytesScanned = 0

        public init() {}

        fileprivate func lend(to parser: inout NoteParser) {
            swap(&parser.headings, &headings)
            swap(&parser.links, &links)
            swap(&parser.tags, &tags)
            swap(&parser.blockIDs, &blockIDs)
            swap(&parser.aliases, &aliases)
        }

        fileprivate func takeBack(from parser: inout NoteParser) {
            lend(to: &parser)
            bytesScanned &+= parser.bytesScanned
            headings.removeAll(keepingCapacity: true)
            links.removeAll(keepingCapacity: true)
            tags.removeAll(keepingCapacity: true)
            blockIDs.removeAll(keepingCapacity: true)
            aliases.removeAll(keepingCapacity: true)
        }
    }

    /// Parses a note from raw bytes, repairing invalid UTF-8 with U+FFFD.
    public init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(text: String(decoding: bytes, as: UTF8.self))
    }

    private init(unparsed text: String) {
        self.text = text
    }
}

extension Array {
    /// A copy without spare capacity (the same array when it has none).
    func exactSized() -> [Element] {
        guard capacity > count else { return self }
        return withUnsafeBufferPointer { Array($0) }
    }
}

/// The block-level scanner: walks a note line by line, tracking the containers
/// (quotes, lists) and the regions where nothing counts (code, comments, math),
/// and hands the content of each line to the inline scanner.
///
/// It is a CommonMark approximation tuned for what vaults contain; the rules it
/// follows are written in docs/vault-syntax.md.
struct NoteParser {
    let bytes: UnsafeBufferPointer<UInt8>

    var frontmatter: Frontmatter?
    var headings: [Heading] = []
    var links: [Link] = []
    var tags: [Tag] = []
    var blockIDs: [BlockID] = []
    var aliases: [Alias] = []

    // Inline state that carries across lines.
    var inHTMLComment = false
    var inDisplayMath = false
    /// What searches on the current line already learned, so that no line costs
    /// more than linear time whatever it holds (`[[[[...`, `$a $a $a...`).
    var lineMemo = LineMemo()

    struct LineMemo {
        /// The line the memo is about, by its end offset.
        var lineEnd = -1
        /// No closing `$` for inline math exists at or after this offset.
        var inlineMathFailsFrom = Int.max
        /// For a backtick run length: no run of that length exists at or after the offset.
        var codeSpanFailsFrom: [Int: Int] = [:]
        /// `[` offset -> matching `]` offset, for the whole line.
        var bracketPairs: [Int: Int]?
    }

    /// The last search for something that closes on a later line (`-->`,
    /// `$$`): a line of `<!--` repeated asks for the same close at each one,
    /// and a search to the note's end each time would make it quadratic.
    var commentClose = ForwardSearch()
    var displayMathClose = ForwardSearch()

    struct ForwardSearch {
        /// Where the search started, and the first match at or after it.
        var from = Int.max
        var found: Int?

        /// The first match at or after `start` when this search already tells it.
        func answer(from start: Int) -> Int?? {
            guard from <= start else { return nil }
            guard let found else { return .some(nil) }
            return found >= start ? .some(found) : nil
        }
    }

    /// Bytes visited by searches that look ahead of the scanning position
    /// (closing delimiters, brackets, code spans): tests read it to prove that
    /// the work stays linear in the note's length, whatever the note holds.
    var bytesScanned = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// An open fenced code block.
    private struct Fence {
        let character: UInt8
        let length: Int
        let quoteDepth: Int
    }

    /// The paragraph being read, which a setext underline can turn into a heading.
    private struct Paragraph {
        let start: Int
        let quoteDepth: Int
        /// Part of a list item: an underline below it is no heading.
        let inList: Bool
        var lastLineEnd: Int
    }

    mutating func parse() {
        let count = bytes.count
        var position = parseFrontmatter()

        var fence: Fence?
        var inIndentedCode = false
        var paragraph: Paragraph?
        // Content column of the innermost list item, while inside a list.
        var listContentIndent: Int?
        var previousLineBlank = true
        // The run of non-blank lines being read, and the one before the last blank line:
        // a block id alone on its line names one of them.
        var runStart: Int?
        var previousLineEnd = position
        var previousRun: ByteRange?

        while position < count {
            let lineStart = position
            // `\n`, `\r\n` and a lone `\r` each end a line, as editors count lines.
            let lineEnd = WordScan.firstLineBreak(in: bytes, from: lineStart, to: count)
            position = lineEnd < count ? WordScan.afterLineBreak(in: bytes, at: lineEnd, end: count) : lineEnd
            defer { previousLineEnd = lineEnd }

            // Inside a comment or display math that opened on an earlier line,
            // nothing on this line starts a block.
            if inHTMLComment || inDisplayMath {
                _ = scanInline(lineStart..<lineEnd)
                previousLineBlank = false
                if runStart == nil { runStart = lineStart }
                continue
            }

            // Blockquote markers.
            var quoteDepth = 0
            var contentStart = lineStart
            while true {
                var p = contentStart
                var spaces = 0
                while p < lineEnd && bytes[p] == ASCII.space && spaces < 3 { p += 1; spaces += 1 }
                guard p < lineEnd && bytes[p] == ASCII.greaterThan else { break }
                p += 1
                if p < lineEnd && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
                quoteDepth += 1
                contentStart = p
            }

            if let open = fence {
                if quoteDepth >= open.quoteDepth {
                    if isClosingFence(contentStart..<lineEnd, open) { fence = nil }
                    continue
                }
                fence = nil  // The quote holding the fence ended, and the fence with it.
            }

            // Indentation of the content, in columns (a tab reaches the next multiple of 4).
            var indent = 0
            var firstNonSpace = contentStart
            while firstNonSpace < lineEnd && ASCII.isSpaceOrTab(bytes[firstNonSpace]) {
                indent = bytes[firstNonSpace] == ASCII.tab ? (indent / 4 + 1) * 4 : indent + 1
                firstNonSpace += 1
            }

            if firstNonSpace == lineEnd {  // A blank line.
                if !previousLineBlank, let start = runStart { previousRun = start..<previousLineEnd }
                runStart = nil
                previousLineBlank = true
                paragraph = nil
                continue
            }
            let wasBlank = previousLineBlank
            previousLineBlank = false
            if runStart == nil { runStart = lineStart }

            if inIndentedCode {
                if indent >= 4 { continue }
                inIndentedCode = false
            }

            // A list ends at a line less indented than its content, after a blank line.
            if let contentIndent = listContentIndent, wasBlank, indent < contentIndent,
                !isListItemStart(firstNonSpace, lineEnd)
            {
                listContentIndent = nil
            }
            let inListContent = listContentIndent.map { indent >= $0 } ?? false
            let relativeIndent = inListContent ? indent - listContentIndent! : indent

            if relativeIndent >= 4 && paragraph == nil {
                // CommonMark's indented code: four columns past the container, not
                // continuing a paragraph.
                inIndentedCode = true
                continue
            }

            if relativeIndent < 4, let newFence = openingFence(firstNonSpace, lineEnd, quoteDepth) {
                fence = newFence
                paragraph = nil
                if !inListContent { listContentIndent = nil }
                continue
            }

            if relativeIndent < 4, let level = atxHeadingLevel(firstNonSpace, lineEnd) {
                addATXHeading(level: level, markerStart: firstNonSpace, lineStart: lineStart, lineEnd: lineEnd)
                paragraph = nil
                if !inListContent { listContentIndent = nil }
                continue
            }

            if relativeIndent < 4, let open = paragraph, !open.inList, open.quoteDepth == quoteDepth,
                let level = setextLevel(firstNonSpace, lineEnd)
            {
                addSetextHeading(level: level, paragraph: open, underlineEnd: lineEnd)
                paragraph = nil
                continue
            }

            if relativeIndent < 4 && isThematicBreak(firstNonSpace, lineEnd) {
                paragraph = nil
                if !inListContent { listContentIndent = nil }
                continue
            }

            var inlineStart = firstNonSpace
            var startsListItem = false
            if relativeIndent < 4, let markerEnd = listMarkerEnd(firstNonSpace, lineEnd) {
                // The content column: the marker plus 1-4 spaces (one, when more follow).
                var contentColumn = indent + (markerEnd - firstNonSpace)
                var p = markerEnd
                var spaces = 0
                while p < lineEnd && ASCII.isSpaceOrTab(bytes[p]) && spaces < 5 { p += 1; spaces += 1 }
                if spaces == 0 || spaces >= 5 || p == lineEnd {
                    contentColumn += 1
                    p = min(markerEnd + 1, lineEnd)
                } else {
                    contentColumn += spaces
                }
                listContentIndent = contentColumn
                inlineStart = p
                startsListItem = true
                paragraph = Paragraph(start: lineStart, quoteDepth: quoteDepth, inList: true, lastLineEnd: lineEnd)
            } else if var open = paragraph, quoteDepth <= open.quoteDepth {
                open.lastLineEnd = lineEnd  // A continuation line (or a lazy one, in a quote).
                paragraph = open
            } else {
                paragraph = Paragraph(
                    start: lineStart, quoteDepth: quoteDepth, inList: listContentIndent != nil, lastLineEnd: lineEnd)
            }

            guard let candidate = scanInline(inlineStart..<lineEnd) else { continue }
            // A block id names its paragraph or list item; alone on its line it names
            // the block before it.
            let blockRange: ByteRange
            if candidate.lowerBound == firstNonSpace && !startsListItem {
                if wasBlank {
                    guard let previous = previousRun else { continue }
                    blockRange = previous
                } else {
                    blockRange = (runStart ?? lineStart)..<previousLineEnd
                }
            } else if startsListItem {
                blockRange = lineStart..<lineEnd
            } else {
                blockRange = (paragraph?.start ?? lineStart)..<lineEnd
            }
            let id = String(utf8Slice: bytes, (candidate.lowerBound + 1)..<candidate.upperBound)
            blockIDs.append(BlockID(id: id, range: candidate, blockRange: blockRange))
        }
    }

    // MARK: Block recognisers

    private func isListItemStart(_ start: Int, _ end: Int) -> Bool {
        listMarkerEnd(start, end) != nil
    }

    /// The end of a list marker (`-`, `*`, `+`, `1.`, `1)`) followed by a space or the line end.
    private func listMarkerEnd(_ start: Int, _ end: Int) -> Int? {
        let first = bytes[start]
        var p = start
        if first == ASCII.dash || first == ASCII.star || first == ASCII.plus {
            p += 1
        } else if ASCII.isDigit(first) {
            while p < end && ASCII.isDigit(bytes[p]) && p - start < 9 { p += 1 }
            guard p < end, bytes[p] == ASCII.dot || bytes[p] == ASCII.closeParen else { return nil }
            p += 1
        } else {
            return nil
        }
        guard p == end || ASCII.isSpaceOrTab(bytes[p]) else { return nil }
        return p
    }

    private func openingFence(_ start: Int, _ end: Int, _ quoteDepth: Int) -> Fence? {
        let character = bytes[start]
        guard character == ASCII.backtick || character == ASCII.tilde else { return nil }
        var p = start
        while p < end && bytes[p] == character { p += 1 }
        let length = p - start
        guard length >= 3 else { return nil }
        if character == ASCII.backtick {
            // A backtick fence's info string holds no backtick (else it is a code span).
            while p < end { if bytes[p] == ASCII.backtick { return nil }; p += 1 }
        }
        return Fence(character: character, length: length, quoteDepth: quoteDepth)
    }

    private func isClosingFence(_ range: ByteRange, _ fence: Fence) -> Bool {
        var p = range.lowerBound
        while p < range.upperBound && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
        let runStart = p
        while p < range.upperBound && bytes[p] == fence.character { p += 1 }
        guard p - runStart >= fence.length else { return false }
        while p < range.upperBound && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
        return p == range.upperBound
    }

    private func atxHeadingLevel(_ start: Int, _ end: Int) -> Int? {
        var p = start
        while p < end && bytes[p] == ASCII.hash { p += 1 }
        let level = p - start
        guard level >= 1 && level <= 6, p == end || ASCII.isSpaceOrTab(bytes[p]) else { return nil }
        return level
    }

    /// 1 for a `===` underline, 2 for `---`, nil for anything else.
    private func setextLevel(_ start: Int, _ end: Int) -> Int? {
        let character = bytes[start]
        guard character == ASCII.equals || character == ASCII.dash else { return nil }
        var p = start
        while p < end && bytes[p] == character { p += 1 }
        while p < end && ASCII.isSpaceOrTab(bytes[p]) { p += 1 }
        guard p == end else { return nil }
        return character == ASCII.equals ? 1 : 2
    }

    private func isThematicBreak(_ start: Int, _ end: Int) -> Bool {
        let character = bytes[start]
        guard character == ASCII.dash || character == ASCII.star || character == ASCII.underscore else {
            return false
        }
        var count = 0
        for p in start..<end {
            if bytes[p] == character {
                count += 1
            } else if !ASCII.isSpaceOrTab(bytes[p]) {
                return false
            }
        }
        return count >= 3
    }

    // MARK: Headings

    private mutating func addATXHeading(level: Int, markerStart: Int, lineStart: Int, lineEnd: Int) {
        var textStart = markerStart + level
        while textStart < lineEnd && ASCII.isSpaceOrTab(bytes[textStart]) { textStart += 1 }
        var textEnd = lineEnd
        while textEnd > textStart && ASCII.isSpaceOrTab(bytes[textEnd - 1]) { textEnd -= 1 }
        // An optional closing run of `#`, when a space precedes it (or it is all there is).
        var p = textEnd
        while p > textStart && bytes[p - 1] == ASCII.hash { p -= 1 }
        if p < textEnd && (p == textStart || ASCII.isSpaceOrTab(bytes[p - 1])) {
            textEnd = p
            while textEnd > textStart && ASCII.isSpaceOrTab(bytes[textEnd - 1]) { textEnd -= 1 }
        }
        if let id = scanInline(textStart..<textEnd) {
            // A block id ending the line names the heading and is not part of its text.
            textEnd = id.lowerBound
            while textEnd > textStart && ASCII.isSpaceOrTab(bytes[textEnd - 1]) { textEnd -= 1 }
            let name = String(utf8Slice: bytes, (id.lowerBound + 1)..<id.upperBound)
            blockIDs.append(BlockID(id: name, range: id, blockRange: lineStart..<lineEnd))
        }
        appendHeading(level: level, range: lineStart..<lineEnd, textRange: textStart..<textEnd)
    }

    private mutating func addSetextHeading(level: Int, paragraph: Paragraph, underlineEnd: Int) {
        // The heading text is the paragraph's lines (markers and indentation trimmed).
        var textStart = paragraph.start
        while textStart < paragraph.lastLineEnd
            && (ASCII.isSpaceOrTab(bytes[textStart]) || bytes[textStart] == ASCII.greaterThan)
        {
            textStart += 1
        }
        var textEnd = paragraph.lastLineEnd
        while textEnd > textStart && ASCII.isWhitespace(bytes[textEnd - 1]) { textEnd -= 1 }
        // A block id ending the text names the heading and is not part of its text.
        if let last = blockIDs.indices.last, blockIDs[last].range.upperBound == textEnd,
            blockIDs[last].range.lowerBound > textStart
        {
            textEnd = blockIDs[last].range.lowerBound
            while textEnd > textStart && ASCII.isSpaceOrTab(bytes[textEnd - 1]) { textEnd -= 1 }
            blockIDs[last] = BlockID(id: blockIDs[last].id, range: blockIDs[last].range, blockRange: paragraph.start..<underlineEnd)
        }
        appendHeading(level: level, range: paragraph.start..<underlineEnd, textRange: textStart..<textEnd)
    }

    private mutating func appendHeading(level: Int, range: ByteRange, textRange: ByteRange) {
        var parent = headings.indices.last
        while let candidate = parent, headings[candidate].level >= level { parent = headings[candidate].parent }
        var text = String(utf8Slice: bytes, textRange)
        if firstIndex(of: ASCII.newline, textRange) != nil || firstIndex(of: ASCII.carriageReturn, textRange) != nil {
            // A multi-line setext heading reads as one line.
            text = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
                .map { $0.drop(while: { $0 == " " || $0 == "\t" || $0 == ">" }) }
                .joined(separator: " ")
        }
        headings.append(Heading(level: level, text: text, range: range, textRange: textRange, parent: parent))
    }
}
