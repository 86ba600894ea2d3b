#if canImport(Glibc)
    import Glibc
#endif
import VaultFiles
import VaultProtocol

/// Who watches each vault for files changed outside the editor: the client's
/// watchers (registered for `**/*`) or the server's own (``FolderWatcher``),
/// as the `files.watcher` setting and the client's capabilities decide.
extension LanguageServer {
    /// Which watcher `files.watcher` and the client leave in use, and why.
    private var watching: (client: Bool, server: Bool, why: String) {
        let registers = client.watchedFilesDynamicRegistration
        switch settings.watcher {
        case .off:
            return (false, false, "files.watcher is off: files changed outside the editor are not seen")
        case .client where registers:
            return (true, false, "files.watcher is client")
        case .client:
            return (false, false, "files.watcher is client, but the client registers no file watchers: files changed outside the editor are not seen")
        case .server:
            return (false, true, "files.watcher is server")
        case .auto where registers:
            return (true, false, "the client registers file watchers")
        case .auto:
            return (false, true, "the client registers no file watchers")
        }
    }

    /// Whether the server watches vaults itself.
    var watchesVaults: Bool { isInitialized && watching.server }

    /// Makes watching follow the setting: registers or withdraws the client's
    /// watchers, starts or stops the server's, and says in the log what is in use.
    func updateWatching() {
        guard isInitialized else { return }
        let (byClient, byServer, why) = watching
        if byClient != clientWatchesFiles {
            clientWatchesFiles = byClient
            let registration: JSON = [
                "id": "vault-ls-watched-files", "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": [["globPattern": "**/*"]]],
            ]
            if byClient {
                request("client/registerCapability", ["registrations": [registration]])
            } else {
                request("client/unregisterCapability", ["unregisterations": [registration]])
            }
        }
        for workspace in workspaces {
            if byServer && workspace.watcher == nil {
                startWatching(workspace)
            } else if !byServer, let watcher = workspace.watcher {
                watcher.stop()
                workspace.watcher = nil
            }
        }
        let used = byClient ? "the editor's" : byServer ? "vault-ls's own" : "none"
        let line = "file watcher: \(used) (\(why))"
        if line != watchingLogLine {
            watchingLogLine = line
            log(line)
        }
    }

    /// Starts the server's own watcher on a vault; its batches come back to the event loop.
    func startWatching(_ workspace: Workspace) {
        let root = workspace.root
        workspace.watcher = FolderWatcher(
            root: root,
            report: { [post] changes in post(.completion { server in server.filesChangedOnDisk(root: root, changes) }) },
            log: { [post] line in post(.completion { server in server.log(line) }) })
    }

    /// Applies one batch of the server watcher's changes: each path is read
    /// again from disk, as for the client's watched-file events. A change the
    /// index already has (the editor's own save, move or edit) changes nothing,
    /// so a batch that arrives after its watcher stopped does no harm.
    func filesChangedOnDisk(root: String, _ changes: FolderWatcher.Changes) {
        guard let workspace = workspaces.first(where: { $0.root == root }) else { return }
        guard workspace.isLoaded else {
            // Applied when loading ends: the load may have read the disk before or after the change.
            workspace.changesWhileLoading.paths.formUnion(changes.paths)
            workspace.changesWhileLoading.rescanReason = workspace.changesWhileLoading.rescanReason ?? changes.rescanReason
            return
        }
        var affected = Set<String>()
        if let reason = changes.rescanReason {
            log("\(root): \(reason); comparing the whole vault with the disk", type: .warning)
            affected = rescan(workspace)
        }
        var gone: [String] = []
        var info = stat()
        for path in changes.paths.sorted() where !Workspace.isHidden(path) {
            if stat(workspace.absolutePath(path), &info) != 0 {
                gone.append(path)  // Removed together, below.
            } else {
                affected.formUnion(fileWritten(path, in: workspace))
            }
        }
        affected.formUnion(filesDeleted(gone, in: workspace))
        refreshDiagnostics(for: Set(affected.map { workspace.absolutePath($0) }))
    }

    /// Applies what the watcher saw while the vault was loading.
    func applyChangesWhileLoading(_ workspace: Workspace) {
        let changes = workspace.changesWhileLoading
        workspace.changesWhileLoading = FolderWatcher.Changes()
        if !changes.paths.isEmpty || changes.rescanReason != nil { filesChangedOnDisk(root: workspace.root, changes) }
    }

    /// Compares the whole vault with the disk, after events were lost.
    private func rescan(_ workspace: Workspace) -> Set<String> {
        let onDisk = VaultLoader.files(under: "", root: workspace.root)
        let present = Set(onDisk)
        let missing = (workspace.vault.notePaths + workspace.vault.attachmentPaths).filter { !present.contains($0) }
        var affected = filesDeleted(missing, in: workspace)
        for path in onDisk { affected.formUnion(fileWritten(path, in: workspace)) }
        return affected
    }
}
