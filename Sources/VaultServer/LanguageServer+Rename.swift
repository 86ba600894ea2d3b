#if canImport(Glibc)
    import Glibc
#endif
import Dispatch
import VaultFeatures
import VaultFiles
import VaultIndex
import VaultParser
import VaultProtocol

/// Renames as WorkspaceEdits the editor applies: notes (with their file),
/// headings, block ids and tags, and files moved in the editor's file tree.
extension LanguageServer {
    func prepareRename(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        guard let note = try noteAccess(params) else { throw notInVault() }
        switch Rename.prepare(at: try offset(params, in: note), inNoteAt: note.path, of: note.vault) {
        case .success(let preparation):
            return ["range": range(preparation.range, note.lines), "placeholder": .string(preparation.placeholder)]
        case .failure(let refusal) where refusal.isNothingHere:
            return .null
        case .failure(let refusal):
            throw ResponseError(.requestFailed, "Nothing to rename here: \(refusal.message)")
        }
    }

    func rename(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        let newName = try params.requiredString("newName")
        guard let note = try noteAccess(params), let workspace = note.workspace else { throw notInVault() }
        let preparation: Rename.Preparation
        switch Rename.prepare(at: try offset(params, in: note), inNoteAt: note.path, of: note.vault) {
        case .success(let value): preparation = value
        case .failure(let refusal): throw ResponseError(.requestFailed, "Nothing to rename here: \(refusal.message)")
        }
        let plan: Rename.Plan
        switch Rename.plan(preparation.subject, to: newName, in: note.vault) {
        case .success(let value): plan = value
        case .failure(let refusal): throw ResponseError(.requestFailed, "Cannot rename: \(refusal.message)")
        }
        if !plan.moves.isEmpty && !client.renamesFiles {
            throw ResponseError(
                .requestFailed,
                "Cannot rename: this editor cannot move files through a language server (it lists no 'rename' resource operation), and renaming only the links would break them. Rename the file in the editor or on disk; then rename a heading or tag here as usual.")
        }
        return workspaceEdit(plan, in: workspace)
    }

    private func notInVault() -> ResponseError {
        ResponseError(.requestFailed, "Nothing to rename: the note is not part of a loaded vault (open the vault folder as the workspace)")
    }

    /// One WorkspaceEdit: versioned document edits and the file moves when the
    /// client takes them, plain `changes` otherwise.
    func workspaceEdit(_ plan: Rename.Plan, in workspace: Workspace, includeMoves: Bool = true) -> JSON {
        let access = NoteAccess(vault: workspace.vault, path: "", lines: LineIndex(""), workspace: workspace)
        var documentEdits: [JSON] = []
        var changes: [String: JSON] = [:]
        for path in plan.edits.keys.sorted() {
            guard let lines = lines(of: path, in: access) else { continue }
            let uri = access.uri(of: path, documents: documents)
            let edits = JSON.array(plan.edits[path]!.map { ["range": range($0.range, lines), "newText": .string($0.newText)] })
            let version = documents[workspace.absolutePath(path)].map { JSON.int($0.version) } ?? .null
            documentEdits.append(["textDocument": ["uri": .string(uri), "version": version], "edits": edits])
            changes[uri] = edits
        }
        rememberEditedFiles(Array(plan.edits.keys) + plan.moves.flatMap { [$0.from, $0.to] }, in: workspace)
        guard client.documentChanges || client.renamesFiles else { return ["changes": .object(changes)] }
        if includeMoves {
            for move in plan.moves {
                documentEdits.append([
                    "kind": "rename",
                    "oldUri": .string(access.uri(of: move.from, documents: documents)),
                    "newUri": .string(FileURI.uri(workspace.absolutePath(move.to))),
                    "options": ["overwrite": false, "ignoreIfExists": false],
                ])
            }
        }
        return ["documentChanges": .array(documentEdits)]
    }

    // MARK: Files renamed in the editor

    /// The link rewrites for files and folders the editor is about to move.
    func willRenameFiles(_ params: JSON?) throws(ResponseError) -> JSON {
        let files = try params.required().required("files").arrayValue ?? []
        var plans: [(Workspace, Rename.Plan)] = []
        for workspace in workspaces where workspace.isLoaded {
            var moves: [(id: FileID, to: String)] = []
            for file in files {
                guard let oldPath = file["oldUri"]?.stringValue.flatMap(FileURI.path),
                    let newPath = file["newUri"]?.stringValue.flatMap(FileURI.path),
                    let oldRelative = workspace.relativePath(oldPath), let newRelative = workspace.relativePath(newPath)
                else { continue }
                moves += movedFiles(from: oldRelative, to: newRelative, in: workspace.vault)
            }
            guard !moves.isEmpty else { continue }
            let plan = Rename.linkRewrites(moving: moves, in: workspace.vault)
            plans.append((workspace, plan))
            // The edited files are read again shortly after, at their old paths
            // and, once moved, at their new ones (an editor may report neither).
            let movedTo = Dictionary(moves.map { (workspace.vault.path(of: $0.id), $0.to) }, uniquingKeysWith: { $1 })
            rememberEditedFiles(plan.edits.keys.compactMap { movedTo[$0] }, in: workspace)
            workspace.editedBeforeMoves.formUnion(plan.edits.keys)
        }
        guard !plans.isEmpty else { return .null }
        if plans.count == 1 { return workspaceEdit(plans[0].1, in: plans[0].0, includeMoves: false) }
        // Several vaults: one edit holding them all.
        var merged: [JSON] = []
        var changes: [String: JSON] = [:]
        for (workspace, plan) in plans {
            let edit = workspaceEdit(plan, in: workspace, includeMoves: false)
            merged += edit["documentChanges"]?.arrayValue ?? []
            changes.merge(edit["changes"]?.objectValue ?? [:]) { $1 }
        }
        return client.documentChanges || client.renamesFiles ? ["documentChanges": .array(merged)] : ["changes": .object(changes)]
    }

    /// A file, or every file under a folder, with its path after the move.
    private func movedFiles(from oldPath: String, to newPath: String, in vault: Vault) -> [(id: FileID, to: String)] {
        if let id = vault.id(of: oldPath) { return [(id, newPath)] }
        let prefix = oldPath + "/"
        return (vault.notePaths + vault.attachmentPaths).filter { $0.hasPrefix(prefix) }.compactMap { path in
            vault.id(of: path).map { ($0, newPath + "/" + path.dropFirst(prefix.count)) }
        }
    }

    /// Files (or folders) the editor moved: the index follows.
    func didRenameFiles(_ params: JSON?) throws(ResponseError) {
        let files = try params.required().required("files").arrayValue ?? []
        var affected = Set<String>()
        var renamed: [(workspace: Workspace, from: String, to: String)] = []
        for file in files {
            guard let oldPath = file["oldUri"]?.stringValue.flatMap(FileURI.path),
                let newPath = file["newUri"]?.stringValue.flatMap(FileURI.path),
                let (workspace, oldRelative) = workspace(for: oldPath),
                let newRelative = workspace.relativePath(newPath)
            else { continue }
            guard workspace.isLoaded else {
                // The load may have listed either place: both are compared with the disk once loaded.
                workspace.changesWhileLoading.paths.formUnion([oldRelative, newRelative])
                continue
            }
            for move in movedFiles(from: oldRelative, to: newRelative, in: workspace.vault) {
                let from = workspace.vault.path(of: move.id)
                let change = workspace.vault.renameFile(from: from, to: move.to)
                affected.formUnion(change.affectedNotes.map { workspace.absolutePath($0) })
            }
            // What is on disk now wins. A watched-file event for an old path,
            // handled after the disk move, took its note out of the index before
            // this move could carry it; and the editor may have written the
            // rewritten links into files it never reported. Either way the
            // files at the new place are read again.
            affected.formUnion(readAgain(newRelative, in: workspace).map { workspace.absolutePath($0) })
            renamed.append((workspace, oldRelative, newRelative))
        }
        // The notes the link rewrites went into, wherever they are now.
        for workspace in workspaces where !workspace.editedBeforeMoves.isEmpty && renamed.contains(where: { $0.workspace === workspace }) {
            for path in workspace.editedBeforeMoves.sorted() {
                var now = path
                for move in renamed where move.workspace === workspace && (path == move.from || path.hasPrefix(move.from + "/")) {
                    now = move.to + path.dropFirst(move.from.count)
                }
                affected.formUnion(readAgain(now, in: workspace).map { workspace.absolutePath($0) })
            }
            workspace.editedBeforeMoves = []
        }
        refreshDiagnostics(for: affected)
    }

    // MARK: Files the editor writes without telling

    /// A client may apply an edit to files it has not opened and never say so:
    /// shortly after, such files are read again (and moves noticed) from disk.
    private func rememberEditedFiles(_ paths: [String], in workspace: Workspace) {
        guard !paths.isEmpty else { return }
        let root = workspace.root
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let editedAt = now
        for delay in [0.5, 2.0, 5.0] {
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [post] in
                post(.completion { server in server.rereadFiles(paths, root: root, changedSince: editedAt) })
            }
        }
    }

    /// Reads again the files among `paths` that changed on disk since the edit was made.
    private func rereadFiles(_ paths: [String], root: String, changedSince editedAt: timespec) {
        guard let workspace = workspaces.first(where: { $0.root == root }), workspace.isLoaded else { return }
        var affected = Set<String>()
        for path in Set(paths) {
            let absolute = workspace.absolutePath(path)
            guard documents[absolute] == nil else { continue }  // Open: the editor tells us its text.
            var info = stat()
            let exists = stat(absolute, &info) == 0
            if exists && (info.st_mtim.tv_sec, info.st_mtim.tv_nsec) < (editedAt.tv_sec, editedAt.tv_nsec)
                && workspace.vault.contains(path: path)
            {
                continue  // Untouched since the edit was sent: nothing to read.
            }
            if !exists {
                if workspace.vault.contains(path: path) {
                    affected.formUnion(workspace.vault.removeFile(path: path).affectedNotes.map { workspace.absolutePath($0) })
                }
                continue
            }
            guard VaultPath.isNote(path) else {
                affected.formUnion(workspace.vault.addAttachment(path: path).affectedNotes.map { workspace.absolutePath($0) })
                continue
            }
            guard case .note(let note, _) = NoteFile.read(absolute) else { continue }
            if workspace.vault.record(at: path)?.note.text == note.text { continue }
            affected.formUnion(workspace.vault.upsertNote(path: path, note: note).affectedNotes.map { workspace.absolutePath($0) })
        }
        refreshDiagnostics(for: affected)
    }
}
