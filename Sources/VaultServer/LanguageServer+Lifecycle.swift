import VaultParser
import VaultProtocol

/// `initialize` and `initialized`: capabilities, encodings, workspace folders.
extension LanguageServer {
    static let version = "0.1.0"

    func initialize(_ params: JSON?) throws(ResponseError) -> JSON {
        let params = try params.required()
        client = ClientCapabilities(params["capabilities"])
        // UTF-8 when the client offers it: no conversion at all; else UTF-16, which every client supports.
        unit = client.positionEncodings.contains("utf-8") ? .utf8 : .utf16
        if let traceValue = params["trace"]?.stringValue { trace = traceValue }
        if let options = params["initializationOptions"] {
            for remark in initialSettings.apply(options) { log(remark, type: .warning) }
            settings = initialSettings
        }

        var roots: [String] = []
        if let folders = params["workspaceFolders"]?.arrayValue {
            roots = folders.compactMap { $0["uri"]?.stringValue.flatMap(FileURI.path) }
        } else if let rootURI = params["rootUri"]?.stringValue, let root = FileURI.path(rootURI) {
            roots = [root]
        } else if let rootPath = params["rootPath"]?.stringValue {
            roots = [rootPath]
        }
        state = .running
        // Loading starts on `initialized`, once the client can be sent progress and requests.
        pendingRoots = roots

        var capabilities: [String: JSON] = [
            "positionEncoding": .string(unit == .utf8 ? "utf-8" : "utf-16"),
            "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": true]],
            "completionProvider": ["triggerCharacters": ["[", "#", "^", "|", "("], "resolveProvider": true],
            "definitionProvider": true,
            "referencesProvider": true,
            "hoverProvider": true,
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "documentLinkProvider": ["resolveProvider": false],
            "codeLensProvider": ["resolveProvider": false],
            "renameProvider": ["prepareProvider": true],
            "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            "workspace": [
                "workspaceFolders": ["supported": true, "changeNotifications": true],
                "fileOperations": [
                    "willRename": Self.renameFilters,
                    "didRename": Self.renameFilters,
                ],
            ],
            // Helix starts no server whose executeCommandProvider lacks a command list.
            "executeCommandProvider": ["commands": [.string(Self.showBacklinksCommand)]],
        ]
        // Offered only to clients that pull and take refreshes: a client that
        // pulls without refreshes (Neovim 0.10+) is pushed to, and offering it
        // pull too would show every warning twice.
        if client.pullsDiagnostics {
            capabilities["diagnosticProvider"] = ["interFileDependencies": true, "workspaceDiagnostics": false]
        }
        return ["capabilities": .object(capabilities), "serverInfo": ["name": "vault-ls", "version": .string(Self.version)]]
    }

    /// Notes, attachments and folders: every file the vault holds.
    static let renameFilters: JSON = [
        "filters": [
            ["scheme": "file", "pattern": ["glob": "**/*", "matches": "file"]],
            ["scheme": "file", "pattern": ["glob": "**/*", "matches": "folder"]],
        ]
    ]

    func initialized() {
        if client.configurationPull { fetchConfiguration() }
        isInitialized = true
        updateWatching()
        for root in pendingRoots { openWorkspace(root: root) }
        pendingRoots = []
    }
}
