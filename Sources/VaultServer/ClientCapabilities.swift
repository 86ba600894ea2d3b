import VaultProtocol

/// What the client said it can do, read once from `initialize`.
struct ClientCapabilities {
    var positionEncodings: [String] = []
    var workDoneProgress = false
    var watchedFilesDynamicRegistration = false
    var configurationPull = false
    var pullDiagnostics = false
    var diagnosticRefresh = false
    /// Diagnostics are pulled only by a client that can also be asked to pull
    /// again (VS Code): Neovim 0.10+ pulls on open and after its own edits but
    /// takes no refresh, so a change made by another file would never reach it.
    /// Every other client gets them pushed.
    var pullsDiagnostics: Bool { pullDiagnostics && diagnosticRefresh }
    var workspaceFolders = false
    var relatedInformation = false
    /// `workspace.workspaceEdit.documentChanges`.
    var documentChanges = false
    /// The client can rename files as part of a WorkspaceEdit (`resourceOperations` lists `rename`).
    var renamesFiles = false
    /// The client can create files as part of a WorkspaceEdit.
    var createsFiles = false

    init() {}

    init(_ json: JSON?) {
        guard let json else { return }
        positionEncodings = json["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        workDoneProgress = json["window"]?["workDoneProgress"]?.boolValue ?? false
        watchedFilesDynamicRegistration =
            json["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
        configurationPull = json["workspace"]?["configuration"]?.boolValue ?? false
        pullDiagnostics = json["textDocument"]?["diagnostic"] != nil
        diagnosticRefresh = json["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue ?? false
        workspaceFolders = json["workspace"]?["workspaceFolders"]?.boolValue ?? false
        relatedInformation = json["textDocument"]?["publishDiagnostics"]?["relatedInformation"]?.boolValue ?? false
        let workspaceEdit = json["workspace"]?["workspaceEdit"]
        documentChanges = workspaceEdit?["documentChanges"]?.boolValue ?? false
        renamesFiles = workspaceEdit?["resourceOperations"]?.arrayValue?.contains("rename") ?? false
        createsFiles = workspaceEdit?["resourceOperations"]?.arrayValue?.contains("create") ?? false
    }
}
