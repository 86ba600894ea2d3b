import VaultParser

/// What resolution needs of a link's target, computed once per link: when a
/// vault loads, on every core, so the serial part of indexing only looks up
/// tables.
struct LinkKey: Sendable {
    /// Folded last segment, `.md` dropped: the name a bare target looks up, and
    /// the key the link is filed under in ``Vault/linksByName``.
    let name: NameKey
    /// Folded target, `.md` dropped and normalised: a path's suffix, an alias,
    /// or the key of an unresolved target.
    let full: String
    /// Whether the target is a path (holds a `/`).
    let isPath: Bool
    /// Vault paths to try first, in order, `.md` dropped: as written, and folded.
    let candidates: [(exact: String, folded: String)]

    /// The key of a link written in a note in `folder`; nil when the link points
    /// outside the vault or into its own note.
    init?(_ link: Link, inFolder folder: String) {
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
        isPath = withoutExtension.containsSlash
        var paths: [String] = first.map { [$0] } ?? []
        if isPath {
            // A path: from the vault root, then from the linking note's folder, then as a suffix.
            paths.append(VaultPath.normalize(withoutExtension))
            paths.append(VaultPath.join(folder, withoutExtension))
            full = NameFolding.fold(VaultPath.normalize(withoutExtension))
            name = NameKey(NameFolding.fold(VaultPath.fileName(full)))
        } else {
            full = NameFolding.fold(withoutExtension)
            name = NameKey(full)
        }
        candidates = paths.map { ($0, NameFolding.fold($0)) }
    }

    /// The ``name`` alone, for filing and unfiling a link without resolving it.
    static func name(of link: Link) -> NameKey? {
        guard !link.isExternal && !link.target.isEmpty else { return nil }
        return NameKey(NameFolding.fold(VaultPath.droppingMarkdownExtension(VaultPath.fileName(link.target))))
    }
}
