import VaultIndex
import VaultParser

/// Quick fixes for dangling links: create the missing note, write an alias
/// link the way Obsidian resolves it, or point an ambiguous link at one file.
public enum QuickFixes {
    public struct Fix: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            /// Create an empty note at a vault path.
            case createNote(path: String)
            /// Replace text in the note that holds the link.
            case edits([Rename.TextEdit])
        }

        public let title: String
        public let action: Action
        /// The problem it fixes.
        public let problem: Problem
    }

    /// Where Obsidian puts new notes (`newFileLocation` in `.obsidian/app.json`).
    public enum NewNoteLocation: Sendable, Equatable {
        case vaultRoot
        case linkingNotesFolder
        case folder(String)
    }

    /// The fixes for the problems of a note whose links overlap a byte range.
    public static func fixes(
        inNoteAt path: String, overlapping range: ByteRange, of vault: Vault, newNotes: NewNoteLocation = .vaultRoot
    ) -> [Fix] {
        guard let record = vault.record(at: path) else { return [] }
        return Diagnostics.problems(inNoteAt: path, of: vault).flatMap { problem -> [Fix] in
            let link = record.note.links[problem.linkIndex]
            guard link.range.overlaps(range) || link.range.contains(range.lowerBound) || link.range.upperBound == range.lowerBound
            else { return [] }
            switch problem.code {
            case .unresolvedLink:
                guard let newPath = newNotePath(for: link, inNoteAt: path, location: newNotes) else { return [] }
                return [Fix(title: "Create note '\(newPath)'", action: .createNote(path: newPath), problem: problem)]
            case .aliasLink:
                guard link.kind == .wikilink, case .file(let target, .alias) = record.resolutions[problem.linkIndex] else {
                    return []
                }
                let name = VaultPath.noteName(vault.path(of: target))
                var edits = [Rename.TextEdit(range: link.targetRange, newText: name)]
                if link.displayRange == nil {
                    let end = link.innerRange.upperBound
                    edits.append(Rename.TextEdit(range: end..<end, newText: "|" + link.target))
                }
                return [Fix(title: "Write as [[\(name)|\(link.display ?? link.target)]]", action: .edits(edits), problem: problem)]
            case .ambiguousLink:
                return problem.relatedPaths.map { candidate in
                    let target = link.kind == .wikilink
                        ? VaultPath.droppingMarkdownExtension(candidate)
                        : PercentDecoding.encode(Completion.relativePath(from: VaultPath.folder(path), to: candidate))
                    return Fix(
                        title: "Point at \(candidate)", action: .edits([Rename.TextEdit(range: link.targetRange, newText: target)]),
                        problem: problem)
                }
            case .unresolvedHeading, .unresolvedBlock:
                return []
            }
        }
    }

    /// The path a missing note gets: the link's path when it names one, else
    /// the name in the folder Obsidian's settings choose.
    static func newNotePath(for link: Link, inNoteAt path: String, location: NewNoteLocation) -> String? {
        var target = VaultPath.droppingMarkdownExtension(link.target)
        guard !target.isEmpty, !target.contains(where: { Rename.forbiddenInNames.contains($0) }) else { return nil }
        if link.kind == .markdown && !target.hasPrefix("/") {
            target = VaultPath.join(VaultPath.folder(path), target)
        } else if target.contains("/") {
            target = VaultPath.normalize(target)
        } else {
            switch location {
            case .vaultRoot: break
            case .linkingNotesFolder: target = VaultPath.join(VaultPath.folder(path), target)
            case .folder(let folder): target = VaultPath.join(folder, target)
            }
        }
        guard !target.isEmpty, !target.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return nil }
        return target + ".md"
    }
}
