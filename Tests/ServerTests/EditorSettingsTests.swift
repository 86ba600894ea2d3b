import Foundation
import Testing
import VaultProtocol
@testable import VaultServer

/// The VS Code extension offers exactly the server's settings, with the same defaults.
@Suite struct EditorSettingsTests {
    @Test func vscodeSettingsMirrorTheServer() throws {
        let packagePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../editors/vscode/package.json").standardized.path
        let package = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: packagePath))))
        var properties = try #require(package["contributes"]?["configuration"]?["properties"]?.objectValue)
        // The one client-side setting: where the binary is.
        #expect(properties.removeValue(forKey: "vault-ls.server.path") != nil)
        #expect(Set(properties.keys) == Set(SettingDescription.all.map { "vault-ls." + $0.key }))
        for setting in SettingDescription.all {
            let property = properties["vault-ls." + setting.key]
            #expect(property?["default"] == setting.defaultValue, "\(setting.key)")
            #expect(property?["enum"]?.arrayValue?.compactMap(\.stringValue) == setting.allowedValues, "\(setting.key)")
            #expect(property?["description"]?.stringValue?.isEmpty == false, "\(setting.key)")
        }
    }

    @Test func everyCatalogueSettingIsUnderstood() {
        // Each setting, at its default, applies without a remark.
        for setting in SettingDescription.all {
            let parts = setting.key.split(separator: ".").map(String.init)
            let json: JSON = [parts[0]: [parts[1]: setting.defaultValue]]
            #expect(remarks(json).isEmpty, "\(setting.key)")
        }
        #expect(remarks(["diagnostics": ["nonsense": 1]]) == ["unknown setting 'diagnostics.nonsense' ignored"])
    }

    /// The lines the server would log for a settings object.
    private func remarks(_ json: JSON) -> [String] {
        var settings = Settings()
        return settings.apply(json)
    }
}
