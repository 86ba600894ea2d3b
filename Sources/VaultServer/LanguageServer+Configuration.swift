import VaultProtocol

/// Settings: `initializationOptions`, then the `vault-ls` section of the
/// client's configuration, pulled when the client supports it.
extension LanguageServer {
    func didChangeConfiguration(_ params: JSON?) {
        if client.configurationPull {
            fetchConfiguration()
        } else if let pushed = params?["settings"], pushed != .null {
            applySettings(pushed)
        }
    }

    func fetchConfiguration() {
        request("workspace/configuration", ["items": [["section": "vault-ls"]]]) { [self] result, error in
            if let error {
                log("workspace/configuration failed: \(error.message)", type: .warning)
                return
            }
            // A client without a vault-ls section answers null: keep what initializationOptions said.
            guard let section = result?[0], section != .null else { return }
            applySettings(section)
        }
    }

    private func applySettings(_ json: JSON) {
        var updated = initialSettings
        for remark in updated.apply(json) { log(remark, type: .warning) }
        guard updated != settings else { return }
        settings = updated
        log("settings changed")
        updateWatching()
        refreshAllDiagnostics()
    }
}
