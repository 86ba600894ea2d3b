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

    /// Positions in other notes of the same vault, one line index per note.
    func lines(of otherPath: String, documents: [String: Document]) -> LineIndex? {
        if otherPath == path { return lines }
        if let workspace, let document = documents[workspace.absolutePath(otherPath)] { return document.lines }
        return vault.record(at: otherPath).map { LineIndex($0.note.text) }
    }

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
        guard let position = Document.position(params["position"]) else {
            throw ResponseError(.invalidParams, "missing or malformed 'position'")
        }
        return note.lines.utf8Offset(of: position, in: unit)
    }

    /// An LSP location for a place in a note of the vault.
    func location(_ place: (path: String, range: ByteRange), in note: NoteAccess) -> JSON? {
        guard let lines = note.lines(of: place.path, documents: documents) else {
            // An attachment: its start.
            return ["uri": .string(note.uri(of: place.path, documents: documents)), "range": range(0..<0, LineIndex(""))]
        }
        return ["uri": .string(note.uri(of: place.path, documents: documents)), "range": range(place.range, lines)]
    }
}
