/// libFuzzer target for the vault parser and its line index, compiled with
/// the parser's sources into one program by `Fuzz/run` (not part of the
/// package build): any bytes must give a note, never a trap, with every range
/// inside the text and every position converting back to its offset.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let note = Note(bytes: UnsafeBufferPointer(start: data, count: count))
    let length = note.text.utf8.count
    func check(_ range: ByteRange, _ what: String) {
        precondition(range.lowerBound >= 0 && range.upperBound <= length, "\(what) \(range) outside 0..<\(length)")
    }
    for link in note.links {
        check(link.range, "link")
        check(link.targetRange, "link target")
        if let subpath = link.subpathRange { check(subpath, "link subpath") }
        if let display = link.displayRange { check(display, "link display") }
    }
    for heading in note.headings {
        check(heading.range, "heading")
        check(heading.textRange, "heading text")
    }
    for tag in note.tags { check(tag.range, "tag") }
    for block in note.blockIDs {
        check(block.range, "block id")
        check(block.blockRange, "block")
    }
    // Positions and offsets agree in every unit, at every place a link starts
    // (a character boundary) and at the text's end.
    let lines = LineIndex(note.text)
    for offset in note.links.map(\.range.lowerBound) + [length] {
        for unit in [LineIndex.Unit.utf8, .utf16, .scalar] {
            let position = lines.position(of: offset, in: unit)
            let back = lines.utf8Offset(of: position, in: unit)
            precondition(back == offset, "offset \(offset) -> \(position) in \(unit) -> \(back)")
        }
    }
    // Positions out of every range clamp instead of trapping.
    _ = lines.utf8Offset(of: .init(line: Int.max, column: Int.max), in: .utf16)
    _ = lines.utf8Offset(of: .init(line: lines.lineCount - 1, column: Int.max), in: .utf8)
    _ = lines.utf8Offset(of: .init(line: Int.min, column: Int.min), in: .scalar)
    return 0
}
