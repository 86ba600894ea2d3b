/// Glob patterns for settings such as `diagnostics.exclude`: `*` matches within
/// a path segment, `**` across segments, `?` one character; matching ignores case.
struct Glob: Sendable {
    let pattern: String
    private let characters: [Character]

    init(_ pattern: String) {
        self.pattern = pattern
        characters = Array(pattern.lowercased())
    }

    /// Whether a vault-relative path matches. A pattern without `/` also matches
    /// the file name alone (`*.excalidraw.md` anywhere).
    func matches(_ path: String) -> Bool {
        let subject = Array(path.lowercased())
        if Self.match(characters[...], subject[...]) { return true }
        if !characters.contains("/"), let slash = subject.lastIndex(of: "/") {
            return Self.match(characters[...], subject[(slash + 1)...])
        }
        return false
    }

    private static func match(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            let isDouble = pattern.dropFirst().first == "*"
            let rest = pattern.dropFirst(isDouble ? 2 : 1)
            if isDouble && rest.first == "/" {
                // `**/` also matches no folder at all.
                if match(rest.dropFirst(), text) { return true }
            }
            if isDouble && rest.isEmpty { return true }
            var index = text.startIndex
            while true {
                if match(rest, text[index...]) { return true }
                guard index < text.endIndex, isDouble || text[index] != "/" else { return false }
                index += 1
            }
        }
        guard let character = text.first else { return false }
        if first == "?" ? character != "/" : first == character {
            return match(pattern.dropFirst(), text.dropFirst())
        }
        return false
    }
}
