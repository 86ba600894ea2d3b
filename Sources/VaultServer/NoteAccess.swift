import VaultIndex
import VaultParser
import VaultProtocol

/// A note a request is about, with the vault that holds it and the lines to
/// convert positions with.
struct NoteAccess {
    let vault: Vault
    let path: String
    let lines: LineIndex
    /// Nil in single-file mode.
    let workspace: Workspace?

    func uri(of relativePath: String, documents: [String: Document]) -> String {
        guard let workspace else { return FileURI.uri(relativePath) }
        let absolute = workspace.absolutePath(relativePath)
        return documents[absolute]?.uri ?? FileURI.uri(absolute)
    }
}

extension LanguageServer {
    /// The note named by `params.textDocument.uri`: open, or in a loaded vault.
    func noteAccess(_ params: JSON) throws(ResponseError) -> NoteAccess? {
        let uri = try params.required("textDocument").requiredString("uri")
        guard let path = FileURI.path(uri) else { throw ResponseError(.invalidParams, "not a file URI: \(uri)") }
        let document = documents[path]
        guard let (workspace, relative) = workspace(for: path) else {
            // Single-file mode: the note alone, as a vault of one.
            guard let document else { return nil }
            let name = String(path.split(separator: "/").last ?? "Note.md")
            let vault = Vault(notes: [(name, Note(text: document.text))], attachments: [])
            return NoteAccess(vault: vault, path: name, lines: document.lines, workspace: nil)
        }
        guard workspace.isLoaded, let record = workspace.vault.record(at: relative) else { return nil }
        return NoteAccess(
            vault: workspace.vault, path: relative, lines: document?.lines ?? LineIndex(record.note.text), workspace: workspace)
    }

    /// The byte offset of `params.position` in a note.
    func offset(_ params: JSON, in note: NoteAccess) throws(ResponseError) -> Int {
        note.lines.utf8Offset(of: try requestPosition(params["position"], "position"), in: unit)
    }

    /// A position of a request: a negative line or character is an error (past
    /// the end clamps, as LSP says, however large).
    func requestPosition(_ json: JSON?, _ name: String) throws(ResponseError) -> LineIndex.Position {
        guard let position = Document.position(json) else {
            throw ResponseError(.invalidParams, "missing or malformed '\(name)'")
        }
        guard position.line >= 0 && position.column >= 0 else {
            throw ResponseError(.invalidParams, "'\(name)' has a negative line or character")
        }
        return position
    }

    /// The line index of a note of the vault: an open document's, or one kept
    /// from an earlier request while the note's text stays the same.
    func lines(of relativePath: String, in note: NoteAccess) -> LineIndex? {
        if relativePath == note.path { return note.lines }
        guard let workspace = note.workspace else { return nil }
        let absolute = workspace.absolutePath(relativePath)
        // An edited note not yet indexed is still at its indexed text.
        if let document = documents[absolute], !unindexedDocuments.contains(absolute) { return document.lines }
        guard let record = note.vault.record(at: relativePath) else { return nil }
        if let cached = lineIndexes[absolute], cached.indexes(record.note.text) { return cached }
        let lines = LineIndex(record.note.text)
        lineIndexes[absolute] = lines
        return lines
    }

    /// An LSP location for a place in a note of the vault.
    func location(_ place: (path: String, range: ByteRange), in note: NoteAccess) -> JSON? {
        guard let lines = lines(of: place.path, in: note) else {
            // An attachment: its start.
            return ["uri": .string(note.uri(of: place.path, documents: documents)), "range": range(0..<0, LineIndex(""))]
        }
        return ["uri": .string(note.uri(of: place.path, documents: documents)), "range": range(place.range, lines)]
    }
}
