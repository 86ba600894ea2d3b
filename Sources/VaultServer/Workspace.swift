import VaultFeatures
import VaultFiles
import VaultIndex

/// One vault the server serves: a workspace folder (or a folder found to hold
/// `.obsidian/`), and its index once loaded.
final class Workspace {
    /// Absolute path, without a trailing `/`.
    let root: String
    var vault = Vault()
    var isLoaded = false
    /// Where the quick fix creates a missing note, as the vault's Obsidian settings say.
    var newNotes = QuickFixes.NewNoteLocation.vaultRoot
    /// The progress token shown while it loads, when the client shows progress.
    var progressToken: String?
    /// Notes the edit answering `willRenameFiles` rewrote: the editor writes
    /// them before it moves the files, and may not report it; they are read
    /// again when `didRenameFiles` comes (vault paths before the move).
    var editedBeforeMoves: Set<String> = []
    /// The server's own watcher on this vault, when it watches (see `files.watcher`).
    var watcher: FolderWatcher?
    /// What the watcher saw before the vault finished loading.
    var changesWhileLoading = FolderWatcher.Changes()

    init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The vault-relative path of an absolute path inside this vault.
    func relativePath(_ path: String) -> String? {
        guard path.hasPrefix(root + "/") else { return nil }
        return String(path.dropFirst(root.count + 1))
    }

    func absolutePath(_ relativePath: String) -> String { root + "/" + relativePath }

    /// Hidden files and folders (`.obsidian`, `.git`, `.trash`...) are not part of the vault.
    static func isHidden(_ relativePath: String) -> Bool {
        relativePath.hasPrefix(".") || relativePath.contains("/.")
    }
}
