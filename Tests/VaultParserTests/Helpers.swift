import TestSupport
import VaultParser

/// The text of a byte range of a note.
func slice(_ note: Note, _ range: ByteRange) -> String {
    let utf8 = Array(note.text.utf8)
    return String(decoding: utf8[range], as: UTF8.self)
}

/// Each link as written, in document order.
func writtenLinks(_ text: String) -> [String] {
    let note = Note(text: text)
    return note.links.map { slice(note, $0.range) }
}

/// Each heading as `level:text`.
func headingOutline(_ text: String) -> [String] {
    Note(text: text).headings.map { "\($0.level):\($0.text)" }
}

func tagNames(_ text: String) -> [String] {
    Note(text: text).tags.map(\.name)
}

func seedText(_ name: String) -> String {
    readText(fixturesFolder + "/seeds/" + name)
}

func readText(_ path: String) -> String {
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

#if canImport(Glibc)
    import Glibc
#endif
