import VaultIndex
import VaultParser

/// The heading outline of a note, and symbol search across the vault.
public enum Symbols {
    /// One heading with the headings nested under it.
    public struct Outline: Sendable, Equatable {
        public let heading: Heading
        /// The heading's section, to its next heading of the same or a higher level.
        public let section: ByteRange
        public var children: [Outline]
    }

    /// The headings of a note, nested by level.
    public static func outline(of note: Note) -> [Outline] {
        var roots: [Outline] = []
        // The path of open outlines, by index into their parent's children.
        func insert(_ item: Outline, into list: inout [Outline], level: Int) {
            if let last = list.indices.last, list[last].heading.level < level {
                insert(item, into: &list[last].children, level: level)
            } else {
                list.append(item)
            }
        }
        for (index, heading) in note.headings.enumerated() {
            insert(Outline(heading: heading, section: note.sectionRange(ofHeading: index), children: []), into: &roots, level: heading.level)
        }
        return roots
    }

    /// A vault-wide symbol: a note, a heading, an alias or a tag.
    public struct Match: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case note
            case heading
            case alias
            case tag
        }

        public let kind: Kind
        public let name: String
        /// The note holding it (for a tag: its first use).
        public let place: Place
        /// The note's path, for headings and aliases.
        public let container: String?
    }

    /// Notes, headings, aliases and tags that fuzzy-match a query, best first, at most `limit`.
    public static func search(_ query: String, in vault: Vault, limit: Int = 100) -> [Match] {
        let matcher = FuzzyMatch(query)
        var scored: [(score: Int, match: Match)] = []
        vault.forEachFile { id, path in
            guard let record = vault.record(id) else { return }
            let name = VaultPath.noteName(path)
            if let score = matcher.score(vault.nameKey(of: id)) {
                scored.append((score + 20, Match(kind: .note, name: name, place: Place(path: path, range: 0..<0), container: nil)))
            }
            for heading in record.note.headings {
                if let score = matcher.score(heading.text.lowercased()) {
                    scored.append((score, Match(kind: .heading, name: heading.text, place: Place(path: path, range: heading.range), container: name)))
                }
            }
            for alias in record.note.aliases {
                if let score = matcher.score(alias.text.lowercased()) {
                    scored.append((score + 10, Match(kind: .alias, name: alias.text, place: Place(path: path, range: 0..<0), container: name)))
                }
            }
        }
        for tag in vault.tags {
            guard let score = matcher.score(tag.name), let first = vault.uses(ofTag: tag.name, includingChildren: false).first
            else { continue }
            let place = Place(path: vault.path(of: first.file), range: vault.tag(first).range)
            scored.append((score, Match(kind: .tag, name: "#" + tag.name, place: place, container: nil)))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.match.name < $1.match.name }
        return scored.prefix(limit).map(\.match)
    }
}
