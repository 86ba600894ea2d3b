import VaultFeatures
import VaultProtocol

/// The server's settings, from `initializationOptions` and the `vault-ls`
/// configuration section, always in the same nested shape:
/// `{"diagnostics": {"unresolvedLink": "off", "exclude": ["Templates/**"]}}`.
struct Settings: Sendable, Equatable {
    /// The severity of each kind of problem; nil turns it off.
    var severities: [Problem.Code: Severity?] = Dictionary(
        uniqueKeysWithValues: Problem.Code.allCases.map { ($0, $0.defaultSeverity) })
    /// Notes (vault-relative globs) whose problems are not reported.
    var exclude: [Glob] = []
    /// The "N backlinks" lens above each note's first line.
    var backlinksLens = true
    /// Who watches the vault for files changed outside the editor.
    var watcher = Watcher.auto

    enum Watcher: String, CaseIterable, Sendable {
        /// The client's watchers when it registers them, else the server's own.
        case auto
        /// Only the client's.
        case client
        /// Only the server's own (inotify on Linux).
        case server
        /// Nobody: only changes made in the editor are seen.
        case off
    }

    static func == (a: Settings, b: Settings) -> Bool {
        a.severities == b.severities && a.exclude.map(\.pattern) == b.exclude.map(\.pattern)
            && a.backlinksLens == b.backlinksLens && a.watcher == b.watcher
    }

    /// The setting under `diagnostics` for each problem code, and what the problem is.
    static let severitySettings: [(name: String, code: Problem.Code, summary: String)] = [
        ("unresolvedLink", .unresolvedLink, "a link to a name no note or attachment has"),
        ("unresolvedHeading", .unresolvedHeading, "a link to a heading the note does not have"),
        ("unresolvedBlock", .unresolvedBlock, "a link to a block id the note does not have"),
        ("ambiguousLink", .ambiguousLink, "a link to a name several files share"),
        ("aliasLink", .aliasLink, "a link that names only an alias, which Obsidian does not resolve"),
    ]

    /// Applies a settings object over these settings; returns a line for each
    /// setting that was unknown or malformed (they are ignored).
    mutating func apply(_ json: JSON) -> [String] {
        var remarks: [String] = []
        guard case .object(var members) = json else {
            if !json.isNull { remarks.append("settings must be an object; ignored") }
            return remarks
        }
        // Some clients send the whole configuration, with our section inside it.
        if let section = members["vault-ls"], members.count == 1 {
            guard case .object(let inner) = section else { return ["the 'vault-ls' section must be an object; ignored"] }
            members = inner
        }
        for (key, value) in members {
            if key == "codeLens" {
                remarks += applyCodeLens(value)
                continue
            }
            if key == "files" {
                remarks += applyFiles(value)
                continue
            }
            guard key == "diagnostics" else {
                remarks.append("unknown setting '\(key)' ignored")
                continue
            }
            guard case .object(let diagnostics) = value else {
                remarks.append("'diagnostics' must be an object; ignored")
                continue
            }
            for (name, setting) in diagnostics {
                if let code = Self.severitySettings.first(where: { $0.name == name })?.code {
                    switch setting.stringValue {
                    case "off": severities[code] = .some(nil)
                    case let word?:
                        if let severity = Severity.allCases.first(where: { $0.name == word }) {
                            severities[code] = severity
                        } else {
                            remarks.append("diagnostics.\(name) must be error, warning, information, hint or off, not '\(word)'")
                        }
                    case nil:
                        remarks.append("diagnostics.\(name) must be a string")
                    }
                } else if name == "exclude" {
                    guard let patterns = setting.arrayValue?.compactMap(\.stringValue) else {
                        remarks.append("diagnostics.exclude must be a list of globs")
                        continue
                    }
                    exclude = patterns.map(Glob.init)
                } else {
                    remarks.append("unknown setting 'diagnostics.\(name)' ignored")
                }
            }
        }
        return remarks
    }

    private mutating func applyCodeLens(_ value: JSON) -> [String] {
        guard case .object(let lens) = value else { return ["'codeLens' must be an object; ignored"] }
        var remarks: [String] = []
        for (name, setting) in lens {
            if name == "backlinks", let enabled = setting.boolValue {
                backlinksLens = enabled
            } else {
                remarks.append(name == "backlinks" ? "codeLens.backlinks must be true or false" : "unknown setting 'codeLens.\(name)' ignored")
            }
        }
        return remarks
    }

    private mutating func applyFiles(_ value: JSON) -> [String] {
        guard case .object(let files) = value else { return ["'files' must be an object; ignored"] }
        var remarks: [String] = []
        for (name, setting) in files {
            guard name == "watcher" else {
                remarks.append("unknown setting 'files.\(name)' ignored")
                continue
            }
            if let word = setting.stringValue, let choice = Watcher(rawValue: word) {
                watcher = choice
            } else {
                remarks.append("files.watcher must be auto, client, server or off")
            }
        }
        return remarks
    }

    /// The severity to report a kind of problem with, nil when it is off.
    func severity(of code: Problem.Code) -> Severity? {
        severities[code] ?? code.defaultSeverity
    }

    func isExcluded(_ relativePath: String) -> Bool {
        exclude.contains { $0.matches(relativePath) }
    }
}

/// Every setting the server reads, with its default: the one list editor
/// set-ups mirror (a test holds `editors/vscode/package.json` to it).
public struct SettingDescription: Sendable {
    /// The dotted key inside the `vault-ls` section, e.g. `diagnostics.unresolvedLink`.
    public let key: String
    public let defaultValue: JSON
    /// The allowed values, for settings that take one of a few words.
    public let allowedValues: [String]?
    public let summary: String

    public static let all: [SettingDescription] = {
        let severities = ["error", "warning", "information", "hint", "off"]
        return Settings.severitySettings.map { key, code, what in
            SettingDescription(
                key: "diagnostics.\(key)", defaultValue: .string(code.defaultSeverity.name), allowedValues: severities,
                summary: "Severity of \(what) (`\(code.rawValue)`), or off.")
        } + [
            SettingDescription(
                key: "diagnostics.exclude", defaultValue: [], allowedValues: nil,
                summary: "Globs of vault-relative paths whose notes are not checked (`*`, `**`, `?`; a pattern without `/` matches file names anywhere)."),
            SettingDescription(
                key: "codeLens.backlinks", defaultValue: true, allowedValues: nil,
                summary: "Show how many links point at a note above its first line."),
            SettingDescription(
                key: "files.watcher", defaultValue: .string(Settings.Watcher.auto.rawValue),
                allowedValues: Settings.Watcher.allCases.map(\.rawValue),
                summary: "Who watches the vault for files changed outside the editor: auto (the editor's watchers when it registers them, else vault-ls's own), client, server (vault-ls's own: inotify on Linux) or off."),
        ]
    }()
}
