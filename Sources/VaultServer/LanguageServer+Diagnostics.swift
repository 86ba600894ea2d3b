import VaultFeatures
import VaultIndex
import VaultParser
import VaultProtocol

/// Dangling-link diagnostics: pushed for open notes, or pulled by clients that
/// can be asked to pull again.
extension LanguageServer {
    /// Publishes fresh diagnostics for the open documents among `paths`.
    func refreshDiagnostics(for paths: Set<String>) {
        if client.pullsDiagnostics {
            if client.diagnosticRefresh && !paths.isEmpty { request("workspace/diagnostic/refresh", .null) }
            return
        }
        for path in paths {
            // An edited note not yet indexed gets its diagnostics when it is.
            guard let document = documents[path], !unindexedDocuments.contains(path) else { continue }
            notify(
                "textDocument/publishDiagnostics",
                ["uri": .string(document.uri), "version": .int(document.version), "diagnostics": .array(diagnostics(for: document))])
        }
    }

    func refreshAllDiagnostics() {
        refreshDiagnostics(for: Set(documents.keys))
    }

    func pullDiagnostics(_ params: JSON?) throws(ResponseError) -> JSON {
        let uri = try params.required().required("textDocument").requiredString("uri")
        guard let path = FileURI.path(uri) else { throw ResponseError(.invalidParams, "not a file URI: \(uri)") }
        var items: [JSON] = []
        if let document = documents[path] {
            items = diagnostics(for: document)
        } else if let (workspace, relative) = workspace(for: path), let record = workspace.vault.record(at: relative) {
            let lines = LineIndex(record.note.text)
            items = problems(inNoteAt: relative, of: workspace.vault).map { diagnostic($0, lines: lines, in: workspace) }
        }
        return ["kind": "full", "items": .array(items)]
    }

    /// Whether a pull is about a note whose vault is still loading: its answer
    /// would be empty, and untrue, so it waits for the index.
    func pullMustWait(_ params: JSON?) -> Bool {
        guard let uri = params?["textDocument"]?["uri"]?.stringValue, let path = FileURI.path(uri),
            let (workspace, _) = workspace(for: path)
        else { return false }
        return !workspace.isLoaded
    }

    /// Answers the pulls that waited for a vault that has now loaded.
    func answerWaitingPulls() {
        let ready = waitingPulls.filter { !pullMustWait($0.params) }
        waitingPulls.removeAll { !pullMustWait($0.params) }
        for (id, params) in ready {
            if cancelled.take(id) {
                respond(to: id, error: ResponseError(.requestCancelled, "'textDocument/diagnostic' was cancelled"))
                continue
            }
            do throws(ResponseError) {
                respond(to: id, result: try pullDiagnostics(params))
            } catch {
                respond(to: id, error: error)
            }
        }
    }

    /// The diagnostics of an open note, in the client's position unit.
    func diagnostics(for document: Document) -> [JSON] {
        guard let (workspace, relative) = workspace(for: document.path) else {
            return singleNoteProblems(document).map { diagnostic($0, lines: document.lines, in: nil) }
        }
        guard workspace.isLoaded else { return [] }
        return problems(inNoteAt: relative, of: workspace.vault).map {
            diagnostic($0, lines: document.lines, in: workspace)
        }
    }

    /// The most diagnostics sent for one note. A note of millions of links to
    /// missing notes would otherwise cost seconds of the serial loop on every
    /// keystroke, and every other request would wait behind it; `vault-ls
    /// check` lists them all.
    static let diagnosticsPerNote = 2_000

    private func problems(inNoteAt relative: String, of vault: Vault) -> [Problem] {
        guard !settings.isExcluded(relative) else { return [] }
        var problems = Diagnostics.problems(
            inNoteAt: relative, of: vault, including: { settings.severity(of: $0) != nil }, limit: Self.diagnosticsPerNote + 1)
        if problems.count > Self.diagnosticsPerNote {
            if notesWithCutDiagnostics.insert(relative).inserted {
                log(
                    "\(relative) has more than \(Self.diagnosticsPerNote) problems; only the first \(Self.diagnosticsPerNote) are shown (`vault-ls check` lists them all)",
                    type: .warning)
            }
            problems.removeSubrange(Self.diagnosticsPerNote...)  // One link can add two.
        } else {
            notesWithCutDiagnostics.remove(relative)
        }
        return problems
    }

    /// A note outside every vault is checked alone: only its links into itself.
    private func singleNoteProblems(_ document: Document) -> [Problem] {
        let name = String(document.path.split(separator: "/").last ?? "Note.md")
        let vault = Vault(notes: [(name, Note(text: document.text))], attachments: [])
        return problems(inNoteAt: name, of: vault).filter { problem in
            vault.record(at: name)!.note.links[problem.linkIndex].isSameNote
        }
    }

    private func diagnostic(_ problem: Problem, lines: LineIndex, in workspace: Workspace?) -> JSON {
        var members: [String: JSON] = [
            "range": range(problem.range, lines),
            "severity": .int((settings.severity(of: problem.code) ?? problem.code.defaultSeverity).rawValue),
            "code": .string(problem.code.rawValue),
            "source": "vault-ls",
            "message": .string(problem.message),
        ]
        if let workspace, !problem.relatedPaths.isEmpty {
            members["relatedInformation"] = .array(
                problem.relatedPaths.enumerated().map { index, path in
                    [
                        "location": [
                            "uri": .string(FileURI.uri(workspace.absolutePath(path))),
                            "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]],
                        ],
                        "message": .string(index == 0 ? "opens \(path)" : "also named so: \(path)"),
                    ]
                })
        }
        return .object(members)
    }

    /// An LSP range from a byte range, in the negotiated unit.
    func range(_ bytes: ByteRange, _ lines: LineIndex) -> JSON {
        let start = lines.position(of: bytes.lowerBound, in: unit)
        let end = lines.position(of: bytes.upperBound, in: unit)
        return [
            "start": ["line": .int(start.line), "character": .int(start.column)],
            "end": ["line": .int(end.line), "character": .int(end.column)],
        ]
    }
}
