#if canImport(Glibc)
    import Glibc
#endif
import Dispatch
import VaultFiles
import VaultIndex
import VaultParser
import VaultProtocol

/// Vaults: opening and loading them, finding a document's vault, and the
/// changes the editor does not make (files created, changed or deleted on disk).
extension LanguageServer {
    /// Starts serving a vault folder; it loads off the event loop, which keeps answering.
    func openWorkspace(root: String) {
        let workspace = Workspace(root: root)
        guard !workspaces.contains(where: { $0.root == workspace.root }) else { return }
        workspaces.append(workspace)
        log("indexing the vault at \(workspace.root)")
        if isInitialized { beginProgress(for: workspace) }
        // The load starts once the vault is watched, so that nothing changed while it reads is missed.
        if watchesVaults { startWatching(workspace) }
        let root = workspace.root
        let watcher = workspace.watcher
        DispatchQueue.global().async { [post] in
            watcher?.waitUntilWatching()
            let start = DispatchTime.now()
            let result = Result { () throws(VaultLoader.LoadError) in try VaultLoader.load(root: root) }
            let milliseconds = (DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
            post(.completion { server in server.finishLoading(root: root, result: result, milliseconds: Int(milliseconds)) })
        }
    }

    private func finishLoading(root: String, result: Result<VaultLoader.Loaded, VaultLoader.LoadError>, milliseconds: Int)
    {
        guard let workspace = workspaces.first(where: { $0.root == root }) else { return }  // Removed meanwhile.
        switch result {
        case .success(let loaded):
            workspace.vault = loaded.vault
            switch loaded.settings.newFileLocation {
            case "current": workspace.newNotes = .linkingNotesFolder
            case "folder": workspace.newNotes = .folder(loaded.settings.newFileFolderPath ?? "")
            default: workspace.newNotes = .vaultRoot
            }
            for remark in loaded.remarks { log(remark.description, type: .warning) }
            log("indexed \(loaded.vault.noteCount) notes and \(loaded.vault.attachmentCount) attachments in \(milliseconds) ms")
        case .failure(let error):
            log(error.description, type: .error)
        }
        workspace.isLoaded = true
        // Open documents override what was read from disk.
        for document in documents.values {
            if let relative = workspace.relativePath(document.path) {
                workspace.vault.upsertNote(path: relative, note: Note(text: document.text))
            }
        }
        applyChangesWhileLoading(workspace)
        endProgress(for: workspace)
        refreshAllDiagnostics()
        answerWaitingPulls()
    }

    /// The vault holding an absolute path (the innermost one), and the path inside it.
    func workspace(for path: String) -> (Workspace, String)? {
        var best: (Workspace, String)?
        for workspace in workspaces {
            if let relative = workspace.relativePath(path), relative.count < (best?.1.count ?? Int.max) {
                best = (workspace, relative)
            }
        }
        return best
    }

    /// A document outside every workspace folder: the nearest folder above it
    /// that holds `.obsidian/` becomes a vault; without one, the note stands alone.
    func adoptVault(for path: String) {
        guard workspace(for: path) == nil else { return }
        var folder = path
        while let slash = folder.lastIndex(of: "/"), slash > folder.startIndex {
            folder = String(folder[..<slash])
            var info = stat()
            if stat(folder + "/.obsidian", &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                log("\(path) is outside the workspace folders; serving \(folder) as its vault (it has .obsidian/)")
                openWorkspace(root: folder)
                return
            }
        }
        log("\(path) is outside every workspace folder and vault: single-file mode, links to other notes are not checked")
    }

    func didChangeWorkspaceFolders(_ params: JSON?) throws(ResponseError) {
        let event = try params.required().required("event")
        for folder in event["removed"]?.arrayValue ?? [] {
            guard let root = folder["uri"]?.stringValue.flatMap(FileURI.path) else { continue }
            let removed = Workspace(root: root).root
            for workspace in workspaces where workspace.root == removed { workspace.watcher?.stop() }
            workspaces.removeAll { $0.root == removed }
            log("stopped serving the vault at \(removed)")
        }
        for folder in event["added"]?.arrayValue ?? [] {
            guard let root = folder["uri"]?.stringValue.flatMap(FileURI.path) else { continue }
            openWorkspace(root: root)
        }
        refreshAllDiagnostics()
        answerWaitingPulls()  // Those about a vault no longer served.
    }

    // MARK: Files changed outside the editor

    func didChangeWatchedFiles(_ params: JSON?) throws(ResponseError) {
        let changes = try params.required().required("changes").arrayValue ?? []
        var affected = Set<String>()
        var deleted: [(workspace: Workspace, relative: String)] = []
        for change in changes {
            guard let uri = change["uri"]?.stringValue, let path = FileURI.path(uri), let type = change["type"]?.intValue
            else { continue }
            guard let (workspace, relative) = workspace(for: path), !Workspace.isHidden(relative) else { continue }
            guard workspace.isLoaded else {
                // The load may have read the file before the change: read it again once loaded.
                workspace.changesWhileLoading.paths.insert(relative)
                continue
            }
            if type == 3 {
                deleted.append((workspace, relative))
                continue
            }
            // An open document's text comes from the editor, not the disk.
            if documents[path] != nil { continue }
            affected.formUnion(fileWritten(relative, in: workspace).map { workspace.absolutePath($0) })
        }
        for workspace in workspaces {
            let paths = deleted.filter { $0.workspace === workspace }.map(\.relative)
            guard !paths.isEmpty else { continue }
            affected.formUnion(filesDeleted(paths, in: workspace).map { workspace.absolutePath($0) })
        }
        refreshDiagnostics(for: affected)
    }

    /// Reads a file, or every file under a folder, from disk into the vault
    /// again, but open documents (the editor has their text); a path with
    /// nothing on disk leaves the vault as it is.
    func readAgain(_ relative: String, in workspace: Workspace) -> Set<String> {
        var info = stat()
        guard stat(workspace.absolutePath(relative), &info) == 0 else { return [] }
        return fileWritten(relative, in: workspace)  // Which leaves open documents as the editor has them.
    }

    /// Reads a created or changed file (or every file of a created folder) into the vault;
    /// a file the index already has as it is on disk changes nothing.
    func fileWritten(_ relative: String, in workspace: Workspace) -> Set<String> {
        let path = workspace.absolutePath(relative)
        if documents[path] != nil { return [] }  // Open: the editor's text wins.
        var info = stat()
        guard stat(path, &info) == 0 else { return fileDeleted(relative, in: workspace) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var affected = Set<String>()
            for file in VaultLoader.files(under: relative, root: workspace.root) {
                affected.formUnion(fileWritten(file, in: workspace))
            }
            return affected
        }
        guard VaultPath.isNote(relative) else {
            return workspace.vault.contains(path: relative) ? [] : workspace.vault.addAttachment(path: relative).affectedNotes
        }
        switch NoteFile.read(path) {
        case .note(let note, let remark):
            if let remark { log("\(relative): \(remark)", type: .warning) }
            if workspace.vault.record(at: relative)?.note.text == note.text { return [] }
            return workspace.vault.upsertNote(path: relative, note: note).affectedNotes
        case .skipped(let reason):
            log("\(relative): skipped: \(reason)", type: .warning)
            return []
        }
    }

    /// Removes a deleted file, or every file of a deleted folder.
    func fileDeleted(_ relative: String, in workspace: Workspace) -> Set<String> {
        filesDeleted([relative], in: workspace)
    }

    /// Removes deleted files, and every file of the deleted folders among
    /// them, in one pass over the vault for all the folders (a pass per folder
    /// was quadratic when thousands of folders went at once). Open documents
    /// stay: the editor has them.
    func filesDeleted(_ relatives: [String], in workspace: Workspace) -> Set<String> {
        var affected = Set<String>()
        var folders = Set<String>()
        for relative in relatives where documents[workspace.absolutePath(relative)] == nil {
            if workspace.vault.contains(path: relative) {
                affected.formUnion(workspace.vault.removeFile(path: relative).affectedNotes)
            } else {
                folders.insert(relative)
            }
        }
        guard !folders.isEmpty else { return affected }
        for path in workspace.vault.notePaths + workspace.vault.attachmentPaths
        where Self.isInside(path, anyOf: folders) && documents[workspace.absolutePath(path)] == nil {
            affected.formUnion(workspace.vault.removeFile(path: path).affectedNotes)
        }
        return affected
    }

    /// Whether a vault path lies in one of `folders` (at any depth).
    private static func isInside(_ path: String, anyOf folders: Set<String>) -> Bool {
        var end = path.endIndex
        while let slash = path[..<end].lastIndex(of: "/") {
            if folders.contains(String(path[..<slash])) { return true }
            end = slash
        }
        return false
    }

    // MARK: Progress

    func beginProgress(for workspace: Workspace) {
        guard client.workDoneProgress, workspace.progressToken == nil, !workspace.isLoaded else { return }
        let token = "vault-ls-index-\(nextRequestNumber)"
        workspace.progressToken = token
        request("window/workDoneProgress/create", ["token": .string(token)])
        let name = String(workspace.root.split(separator: "/").last ?? "vault")
        notify(
            "$/progress",
            ["token": .string(token), "value": ["kind": "begin", "title": .string("Indexing \(name)"), "cancellable": false]])
    }

    func endProgress(for workspace: Workspace) {
        guard let token = workspace.progressToken else { return }
        workspace.progressToken = nil
        notify(
            "$/progress",
            ["token": .string(token), "value": ["kind": "end", "message": .string("\(workspace.vault.noteCount) notes")]])
    }
}
