import VaultFeatures
import VaultIndex
import VaultParser
import VaultProtocol

/// Completion, definition, references, hover, symbols, document links and
/// code lenses: the features' answers in LSP's shapes.
extension LanguageServer {
    static let showBacklinksCommand = "vault-ls.showBacklinks"

    func completion(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        guard let note = try noteAccess(params) else { return ["isIncomplete": false, "items": []] }
        let list = Completion.complete(at: try offset(params, in: note), inNoteAt: note.path, of: note.vault)
        let items = list.items.enumerated().map { rank, item -> JSON in
            var members: [String: JSON] = [
                "label": .string(item.label),
                "kind": .int(completionKind(item.kind)),
                "textEdit": ["range": range(item.replace, note.lines), "newText": .string(item.newText)],
                "filterText": .string(item.filterText),
                "sortText": .string(sortText(rank)),
            ]
            if let detail = item.detail { members["detail"] = .string(detail) }
            if let path = item.path, let root = note.workspace?.root {
                members["data"] = ["root": .string(root), "path": .string(path)]
            }
            return .object(members)
        }
        return ["isIncomplete": .bool(list.isIncomplete), "items": .array(items)]
    }

    private func completionKind(_ kind: Completion.Item.Kind) -> Int {
        switch kind {
        case .note, .attachment: 17  // File
        case .alias, .heading, .block: 18  // Reference
        case .unresolved: 1  // Text
        case .tag: 14  // Keyword
        }
    }

    /// Adds the first lines of the note as the item's documentation.
    func resolveCompletionItem(_ params: JSON?) throws(ResponseError) -> JSON {
        guard case .object(var item) = try params.required() else { throw ResponseError(.invalidParams, "expected an item") }
        if let root = item["data"]?["root"]?.stringValue, let path = item["data"]?["path"]?.stringValue,
            let workspace = workspaces.first(where: { $0.root == root }), let id = workspace.vault.id(of: path)
        {
            item["documentation"] = ["kind": "markdown", "value": .string(Hover.preview(of: nil, in: id, of: workspace.vault))]
        }
        return .object(item)
    }

    func definition(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        guard let note = try noteAccess(params), let record = note.vault.record(at: note.path) else { return .null }
        guard case .link(let index) = NoteElement.at(try offset(params, in: note), in: record.note) else { return .null }
        let places = Navigation.definition(ofLink: index, inNoteAt: note.path, of: note.vault)
        return .array(places.compactMap { location(($0.path, $0.range), in: note) })
    }

    func references(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        guard let note = try noteAccess(params) else { return [] }
        let offset = try offset(params, in: note)
        guard let subject = Navigation.subject(at: offset, inNoteAt: note.path, of: note.vault) else { return [] }
        let includeDeclaration = params["context"]?["includeDeclaration"]?.boolValue ?? false
        let places = Navigation.references(to: subject, of: note.vault, includeDeclaration: includeDeclaration)
        // One line index and one URI per note, however many references it holds.
        var current: (path: String, lines: LineIndex, uri: JSON)?
        return .array(
            places.map { place in
                if current?.path != place.path {
                    current = (
                        place.path, lines(of: place.path, in: note) ?? LineIndex(""),
                        .string(note.uri(of: place.path, documents: documents))
                    )
                }
                return ["uri": current!.uri, "range": range(place.range, current!.lines)]
            })
    }

    func hover(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        guard let note = try noteAccess(params) else { return .null }
        guard let (markdown, span) = Hover.markdown(at: try offset(params, in: note), inNoteAt: note.path, of: note.vault)
        else { return .null }
        return ["contents": ["kind": "markdown", "value": .string(markdown)], "range": range(span, note.lines)]
    }

    func documentSymbols(_ params: JSON?) throws(ResponseError) -> JSON {
        guard let note = try noteAccess(try params.required()), let record = note.vault.record(at: note.path) else {
            return []
        }
        func symbol(_ outline: Symbols.Outline) -> JSON {
            [
                "name": .string(outline.heading.text.isEmpty ? "(empty heading)" : outline.heading.text),
                "detail": .string(String(repeating: "#", count: outline.heading.level)),
                "kind": 15,  // String: Markdown has no better symbol kind for a heading.
                "range": range(outline.section, note.lines),
                "selectionRange": range(outline.heading.textRange, note.lines),
                "children": .array(outline.children.map(symbol)),
            ]
        }
        return .array(Symbols.outline(of: record.note).map(symbol))
    }

    func workspaceSymbols(_ params: JSON?) throws(ResponseError) -> JSON {
        let query = try params.required()["query"]?.stringValue ?? ""
        var results: [JSON] = []
        for workspace in workspaces where workspace.isLoaded {
            let access = NoteAccess(vault: workspace.vault, path: "", lines: LineIndex(""), workspace: workspace)
            for match in Symbols.search(query, in: workspace.vault) {
                guard let location = location((match.place.path, match.place.range), in: access) else { continue }
                var members: [String: JSON] = ["name": .string(match.name), "location": location]
                switch match.kind {
                case .note: members["kind"] = 1  // File
                case .heading: members["kind"] = 15  // String
                case .alias: members["kind"] = 20  // Key
                case .tag: members["kind"] = 14  // Constant
                }
                if let container = match.container { members["containerName"] = .string(container) }
                results.append(.object(members))
            }
        }
        return .array(results)
    }

    func documentLinks(_ params: JSON?) throws(ResponseError) -> JSON {
        guard let note = try noteAccess(try params.required()), let record = note.vault.record(at: note.path) else {
            return []
        }
        var links: [JSON] = []
        for (index, link) in record.note.links.enumerated() {
            var target: String?
            switch record.resolutions[index] {
            case .external: target = link.target
            case .file(let id, _): target = note.uri(of: note.vault.path(of: id), documents: documents)
            case .sameNote, .unresolved: target = nil
            }
            guard let target else { continue }
            links.append(["range": range(link.range, note.lines), "target": .string(target)])
        }
        return .array(links)
    }

    func codeLenses(_ params: JSON?) throws(ResponseError) -> JSON {
        guard settings.backlinksLens, let note = try noteAccess(try params.required()),
            let id = note.vault.id(of: note.path)
        else { return [] }
        let count = note.vault.backlinkCount(to: id)
        let uri = note.uri(of: note.path, documents: documents)
        return [
            [
                "range": range(0..<0, note.lines),
                "command": [
                    "title": .string("\(count) backlink\(count == 1 ? "" : "s")"),
                    "command": .string(Self.showBacklinksCommand),
                    "arguments": [.string(uri)],
                ],
            ]
        ]
    }

    /// `vault-ls.showBacklinks [uri]`: the note's backlinks as locations.
    func executeCommand(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        guard params["command"]?.stringValue == Self.showBacklinksCommand else {
            throw ResponseError(.invalidParams, "unknown command '\(params["command"]?.stringValue ?? "")'")
        }
        guard let uri = params["arguments"]?[0]?.stringValue else {
            throw ResponseError(.invalidParams, "\(Self.showBacklinksCommand) needs the note's URI as its argument")
        }
        return try references(["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 0]])
    }
}

/// A zero-padded rank, so that clients sorting by text keep the server's order.
func sortText(_ rank: Int) -> String {
    let digits = String(rank)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
