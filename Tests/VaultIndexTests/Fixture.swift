import VaultFeatures
import VaultIndex
import VaultParser

/// A whole small vault in one string: files start with `//- path`; paths not
/// ending in `.md` are attachments (their text is ignored).
func makeVault(_ fixture: String, exclusion: ExclusionFilter = ExclusionFilter()) -> Vault {
    let files = fixtureFiles(fixture)
    return Vault(
        notes: files.filter { VaultPath.isNote($0.path) }.map { ($0.path, Note(text: $0.text)) },
        attachments: files.filter { !VaultPath.isNote($0.path) }.map(\.path),
        exclusion: exclusion)
}

func fixtureFiles(_ fixture: String) -> [(path: String, text: String)] {
    var files: [(path: String, text: String)] = []
    for line in fixture.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("//- ") {
            files.append((String(line.dropFirst(4)), ""))
        } else if !files.isEmpty {
            files[files.count - 1].text += (files[files.count - 1].text.isEmpty ? "" : "\n") + line
        }
    }
    return files
}

/// Where each link of a note goes: a path, `?` for unresolved, `~` for same-note,
/// `ext` for external; ambiguous and alias matches are marked.
func destinations(_ vault: Vault, from path: String) -> [String] {
    guard let record = vault.record(at: path) else { return ["no note at \(path)"] }
    return record.resolutions.map { resolution in
        switch resolution {
        case .external: return "ext"
        case .sameNote: return "~"
        case .unresolved: return "?"
        case .file(let id, .unique): return vault.path(of: id)
        case .file(let id, .alias): return "alias:" + vault.path(of: id)
        case .file(_, .ambiguous(let candidates)):
            return "ambiguous:" + candidates.map { vault.path(of: $0) }.joined(separator: ",")
        }
    }
}

/// Each problem as `path:line:column code target`, 1-based, columns in characters.
func problemLines(_ vault: Vault) -> [String] {
    Diagnostics.problems(of: vault).map { problem in
        let lines = LineIndex(vault.record(at: problem.path)!.note.text)
        let position = lines.position(of: problem.range.lowerBound, in: .scalar)
        return "\(problem.path):\(position.line + 1):\(position.column + 1) \(problem.code.rawValue) \(problem.target)"
    }
}

func backlinkSources(_ vault: Vault, _ refs: [LinkRef]) -> [String] {
    refs.map { ref in
        let note = vault.record(ref.file)!.note
        let range = vault.link(ref).range
        let utf8 = Array(note.text.utf8)
        return vault.path(of: ref.file) + " " + String(decoding: utf8[range], as: UTF8.self)
    }
}

/// The marker for the cursor in fixtures.
let cursorMarker = "1️⃣"

/// A fixture with one cursor marker: the vault (marker removed), the note that
/// holds the marker, and its byte offset there.
func makeVaultWithCursor(_ fixture: String) -> (vault: Vault, path: String, offset: Int) {
    var files = fixtureFiles(fixture)
    var cursor: (path: String, offset: Int)?
    for index in files.indices {
        if let range = files[index].text.range(of: cursorMarker) {
            cursor = (files[index].path, files[index].text.utf8.distance(from: files[index].text.startIndex, to: range.lowerBound))
            files[index].text.removeSubrange(range)
        }
    }
    let vault = Vault(
        notes: files.filter { VaultPath.isNote($0.path) }.map { ($0.path, Note(text: $0.text)) },
        attachments: files.filter { !VaultPath.isNote($0.path) }.map(\.path))
    return (vault, cursor?.path ?? files[0].path, cursor?.offset ?? 0)
}

/// Places as `path:line:column` (1-based, columns in bytes) for compact assertions.
func describe(_ places: [Place], in vault: Vault) -> [String] {
    places.map { place in
        guard let record = vault.record(at: place.path) else { return "\(place.path):attachment" }
        let position = LineIndex(record.note.text).position(of: place.range.lowerBound, in: .utf8)
        return "\(place.path):\(position.line + 1):\(position.column + 1)"
    }
}
