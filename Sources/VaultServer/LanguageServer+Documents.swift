import VaultFiles
import VaultParser
import VaultProtocol

/// Open documents: the editor's text overrides the disk while a note is open.
extension LanguageServer {
    func didOpen(_ params: JSON?) throws(ResponseError) {
        let item = try params.required().required("textDocument")
        let uri = try item.requiredString("uri")
        guard let path = FileURI.path(uri) else { throw ResponseError(.invalidParams, "not a file URI: \(uri)") }
        let text = try item.requiredString("text")
        let document = Document(uri: uri, path: path, version: item["version"]?.intValue ?? 0, text: text)
        documents[path] = document
        if isInitialized && workspace(for: path) == nil { adoptVault(for: path) }
        noteChanged(document)
    }

    func didChange(_ params: JSON?) throws(ResponseError) {
        let params = try params.required()
        let identifier = try params.required("textDocument")
        let path = try documentPath(identifier)
        guard var document = documents[path] else {
            throw ResponseError(.invalidParams, "didChange for a document that is not open: \(path)")
        }
        let clamped = try document.apply(params["contentChanges"]?.arrayValue ?? [], unit: unit)
        if !clamped.isEmpty {
            log("didChange of \(path): negative positions \(clamped.joined(separator: ", ")) clamped to 0", type: .warning)
        }
        // Versions only have to grow (Neovim skips numbers).
        if let version = identifier["version"]?.intValue { document.version = version }
        documents[path] = document
        // Indexed after the edits already queued: a burst of keystrokes in a
        // big note costs one re-index, not one each.
        if unindexedDocuments.insert(path).inserted { post(.completion { $0.indexChangedDocuments() }) }
    }

    /// Re-indexes the open notes edited since they were last indexed (or only
    /// the one at `path`, for a request about it alone).
    func indexChangedDocuments(only path: String? = nil) {
        let paths = path.map { unindexedDocuments.contains($0) ? [$0] : [] } ?? Array(unindexedDocuments)
        for path in paths {
            unindexedDocuments.remove(path)
            if let document = documents[path] { noteChanged(document) }
        }
    }

    func didSave(_ params: JSON?) throws(ResponseError) {
        let params = try params.required()
        let path = try documentPath(try params.required("textDocument"))
        guard var document = documents[path] else {
            // Saved without being open (a new path written by the editor): the disk has it.
            if let (workspace, relative) = workspace(for: path), workspace.isLoaded {
                refreshDiagnostics(for: Set(fileWritten(relative, in: workspace).map { workspace.absolutePath($0) }))
            }
            return
        }
        guard let text = params["text"]?.stringValue, text != document.text else { return }
        document.replaceAll(text)
        documents[path] = document
        noteChanged(document)
    }

    func didClose(_ params: JSON?) throws(ResponseError) {
        let path = try documentPath(try params.required().required("textDocument"))
        guard let document = documents.removeValue(forKey: path) else { return }
        if !client.pullsDiagnostics {
            notify("textDocument/publishDiagnostics", ["uri": .string(document.uri), "diagnostics": []])
        }
        // The disk's version is the note again (or the note is gone, if it was never saved).
        guard let (workspace, relative) = workspace(for: path), workspace.isLoaded else { return }
        let change: Set<String>
        switch NoteFile.read(path) {
        case .note(let note, _): change = workspace.vault.upsertNote(path: relative, note: note).affectedNotes
        case .skipped: change = workspace.vault.removeFile(path: relative).affectedNotes
        }
        refreshDiagnostics(for: Set(change.map { workspace.absolutePath($0) }))
    }

    private func documentPath(_ identifier: JSON) throws(ResponseError) -> String {
        let uri = try identifier.requiredString("uri")
        guard let path = FileURI.path(uri) else { throw ResponseError(.invalidParams, "not a file URI: \(uri)") }
        return path
    }

    /// Re-indexes an open note and refreshes the diagnostics its change can touch.
    private func noteChanged(_ document: Document) {
        unindexedDocuments.remove(document.path)
        guard let (workspace, relative) = workspace(for: document.path) else {
            refreshDiagnostics(for: [document.path])  // Single-file mode.
            return
        }
        guard workspace.isLoaded else { return }  // Applied when loading ends.
        let change = workspace.vault.upsertNote(path: relative, note: Note(text: document.text))
        refreshDiagnostics(for: Set(change.affectedNotes.map { workspace.absolutePath($0) }))
    }
}
