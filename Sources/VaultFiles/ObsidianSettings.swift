import FoundationEssentials

/// The parts of `.obsidian/app.json` vault-ls follows.
public struct ObsidianSettings: Sendable, Decodable {
    /// "Excluded files": path prefixes or `/regex/`.
    public var userIgnoreFilters: [String] = []
    /// `shortest`, `relative` or `absolute`: how Obsidian writes new links.
    public var newLinkFormat: String?
    /// Whether new links are markdown links rather than wikilinks.
    public var useMarkdownLinks: Bool?
    public var attachmentFolderPath: String?
    public var newFileFolderPath: String?
    /// `root`, `current` or `folder`: where Obsidian creates new notes.
    public var newFileLocation: String?
    /// Why the file could not be read, when it exists but is broken.
    public var problem: String?

    private enum CodingKeys: String, CodingKey {
        case userIgnoreFilters, newLinkFormat, useMarkdownLinks, attachmentFolderPath, newFileFolderPath, newFileLocation
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userIgnoreFilters = (try? container.decodeIfPresent([String].self, forKey: .userIgnoreFilters)) ?? []
        newLinkFormat = try? container.decodeIfPresent(String.self, forKey: .newLinkFormat)
        useMarkdownLinks = try? container.decodeIfPresent(Bool.self, forKey: .useMarkdownLinks)
        attachmentFolderPath = try? container.decodeIfPresent(String.self, forKey: .attachmentFolderPath)
        newFileFolderPath = try? container.decodeIfPresent(String.self, forKey: .newFileFolderPath)
        newFileLocation = try? container.decodeIfPresent(String.self, forKey: .newFileLocation)
    }

    /// Reads the settings of the vault at `vaultRoot`; a missing file gives the defaults.
    public static func read(vaultRoot: String) -> ObsidianSettings {
        guard case .success(let bytes) = NoteFile.readBytes(vaultRoot + "/.obsidian/app.json") else {
            return ObsidianSettings()
        }
        do {
            return try JSONDecoder().decode(ObsidianSettings.self, from: Data(bytes))
        } catch {
            var settings = ObsidianSettings()
            settings.problem = "not valid JSON, ignored (\(error))"
            return settings
        }
    }
}
