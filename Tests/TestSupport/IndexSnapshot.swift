import VaultIndex
import VaultParser

/// What a vault's index says, as lines to compare: where every link goes (the
/// file, and the heading or block in it), what links to every file, and each
/// note's text. Two vaults holding the same files give the same lines,
/// however they were built (loaded at once, or kept up to date edit by edit).
public func indexSnapshot(_ vault: Vault) -> [String] {
    var lines: [String] = []
    for path in vault.notePaths {
        var hasher = Hasher()
        hasher.combine(vault.record(at: path)!.note.text)
        lines.append("\(path): note \(hasher.finalize())")
    }
    lines += vault.attachmentPaths.map { "\($0): attachment" }
    lines += linkTargets(vault)
    for path in vault.notePaths + vault.attachmentPaths {
        let sources = vault.backlinks(to: vault.id(of: path)!).map { "\(vault.path(of: $0.file))#\($0.index)" }
        lines.append("\(path) <- \(sources.sorted().joined(separator: " "))")
    }
    return lines.sorted()
}

/// Where every link goes: `source#index -> target heading h` (or `block b`),
/// with each path named as `name` gives it (a test that renames files names
/// them by what they were first).
public func linkTargets(_ vault: Vault, naming name: (String) -> String = { $0 }) -> [String] {
    var lines: [String] = []
    for path in vault.notePaths {
        let record = vault.record(at: path)!
        for (index, resolution) in record.resolutions.enumerated() {
            let link = record.note.links[index]
            var line = "\(name(path))#\(index) -> "
            switch resolution {
            case .external: line += "external"
            case .unresolved(let key): line += "unresolved \(key)"
            case .sameNote: line += "same " + subpathTarget(link, in: record, vault)
            case .file(let id, let match):
                line += name(vault.path(of: id)) + (match == .alias ? " alias" : "")
                if let target = vault.record(id) { line += " " + subpathTarget(link, in: target, vault) }
            }
            lines.append(line)
        }
    }
    return lines.sorted()
}

private func subpathTarget(_ link: Link, in record: Vault.NoteRecord, _ vault: Vault) -> String {
    switch link.subpath {
    case .heading(let path):
        let index = vault.headingIndex(path, in: record, allowingSlug: link.kind == .markdown)
        return "heading \(index.map(String.init) ?? "none")"
    case .block(let id): return "block \(vault.blockIndex(id, in: record).map(String.init) ?? "none")"
    case nil: return ""
    }
}
