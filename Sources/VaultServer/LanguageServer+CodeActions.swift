import VaultFeatures
import VaultParser
import VaultProtocol

/// Quick fixes for the problems under the cursor or selection.
extension LanguageServer {
    func codeActions(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        guard let note = try noteAccess(params), let workspace = note.workspace else { return [] }
        let start = try requestPosition(params["range"]?["start"], "range.start")
        let end = try requestPosition(params["range"]?["end"], "range.end")
        let lower = note.lines.utf8Offset(of: start, in: unit)
        let selection = lower..<max(lower, note.lines.utf8Offset(of: end, in: unit))
        let uri = JSON.string(note.uri(of: note.path, documents: documents))
        let version = documents[workspace.absolutePath(note.path)].map { JSON.int($0.version) } ?? .null
        return .array(
            QuickFixes.fixes(inNoteAt: note.path, overlapping: selection, of: note.vault, newNotes: workspace.newNotes).compactMap { fix in
                let edit: JSON
                switch fix.action {
                case .createNote(let path):
                    // Only clients that create files get this fix; no other edit can make a file.
                    guard client.createsFiles else { return nil }
                    edit = ["documentChanges": [["kind": "create", "uri": .string(FileURI.uri(workspace.absolutePath(path))), "options": ["overwrite": false, "ignoreIfExists": true]]]]
                case .edits(let edits):
                    let textEdits = JSON.array(edits.map { ["range": range($0.range, note.lines), "newText": .string($0.newText)] })
                    edit = client.documentChanges
                        ? ["documentChanges": [["textDocument": ["uri": uri, "version": version], "edits": textEdits]]]
                        : ["changes": .object([uri.stringValue!: textEdits])]
                }
                return [
                    "title": .string(fix.title), "kind": "quickfix", "edit": edit,
                    "isPreferred": .bool(fix.problem.code != .ambiguousLink),
                ]
            })
    }
}
