import VaultParser

/// What resolution needs of a link's target, computed once per link: when a
/// vault loads, on every core, so the serial part of indexing only looks up
/// tables. A bare name, the common case, allocates nothing: its key shares
/// the target's text.
struct LinkKey: Sendable {
    /// Last segment, `.md` dropped: the name a bare target looks up, and the
    /// key the link is filed under in ``Vault/names``.
    let name: NameKey
    /// For a target that is a path (holds a `/`): the folded, normalised path,
    /// `.md` dropped, which must be a suffix of the file's path.
    let path: NameKey?
    /// Vault paths to try first, in order, `.md` dropped: as written, and folded.
    let candidates: [(exact: String, folded: String)]

    /// Whether the target is a path (holds a `/`).
    var isPath: Bool { path != nil }
    /// The whole target as a key: a path's suffix, or the name; also the key
    /// of the target when nothing matches it.
    var full: NameKey { path ?? name }

    /// The key of a link written in a note in `folder`; nil when the link points
    /// outside the vault or into its own note.
    init?(_ link: borrowing Link, inFolder folder: String) {
        guard !link.isExternal && !link.target.isEmpty else { return nil }
        if link.kind == .markdown {
            // A markdown path is first relative to the linking note (`/` means the vault root).
            let target = link.target
            let path = VaultPath.droppingMarkdownExtension(
                target.hasPrefix("/") ? VaultPath.normalize(target) : VaultPath.join(folder, target))
            self.init(target: target, inFolder: folder, first: path)
        } else {
            self.init(target: link.target, inFolder: folder, first: nil)
        }
    }

    /// The key of a wikilink-style target (a name or a path, `.md` optional).
    init(target: String, inFolder folder: String, first: String? = nil) {
        let withoutExtension = VaultPath.droppingMarkdownExtension(target)
        var paths: [String] = first.map { [$0] } ?? []
        if withoutExtension.containsSlash {
            // A path: from the vault root, then from the linking note's folder, then as a suffix.
            let normalized = VaultPath.normalize(withoutExtension)
            paths.append(normalized)
            paths.append(VaultPath.join(folder, withoutExtension))
            path = NameKey(NameFolding.fold(normalized))
            name = NameKey(VaultPath.fileName(normalized))
        } else {
            path = nil
            name = NameKey(withoutExtension)
        }
        candidates = paths.map { ($0, NameFolding.fold($0)) }
    }

    /// The name of a wikilink whose target is a bare name (no path), the common
    /// case, whose key is its name alone; nil for any other link.
    static func bareName(of link: borrowing Link) -> NameKey? {
        guard link.kind == .wikilink && !link.target.isEmpty else { return nil }
        return NameKey(bareName: link.target)
    }

    /// The ``name`` alone, for filing and unfiling a link without resolving it
    /// (computed as resolution computes it, so that the two always agree).
    static func name(of link: Link) -> NameKey? {
        guard !link.isExternal && !link.target.isEmpty else { return nil }
        return LinkKey(target: link.target, inFolder: "").name
    }
}
