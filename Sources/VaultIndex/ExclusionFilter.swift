/// Obsidian's "Excluded files" (`userIgnoreFilters` in `.obsidian/app.json`):
/// path prefixes, or regular expressions written `/like this/`.
///
/// Excluded notes stay in the vault (links to them resolve); vault-ls reports
/// no problems inside them and ranks them last.
public struct ExclusionFilter: Sendable {
    private let prefixes: [String]
    /// Compiled once. Regex is an immutable value that is safe to match from
    /// several threads, but it does not declare Sendable.
    private nonisolated(unsafe) let patterns: [Regex<AnyRegexOutput>]
    /// Filters that could not be used, with the reason, for a log line.
    public let rejected: [String]

    public init(_ filters: [String] = []) {
        var prefixes: [String] = []
        var patterns: [Regex<AnyRegexOutput>] = []
        var rejected: [String] = []
        for filter in filters where !filter.isEmpty {
            if filter.count >= 2 && filter.hasPrefix("/") && filter.hasSuffix("/") {
                let pattern = String(filter.dropFirst().dropLast())
                if let regex = try? Regex(pattern) {
                    _ = "".contains(regex)  // Compiled here, before threads share it.
                    patterns.append(regex)
                } else {
                    rejected.append("\(filter): not a valid regular expression")
                }
            } else {
                prefixes.append(filter.hasPrefix("/") ? String(filter.dropFirst()) : filter)
            }
        }
        self.prefixes = prefixes
        self.patterns = patterns
        self.rejected = rejected
    }

    public var isEmpty: Bool { prefixes.isEmpty && patterns.isEmpty }

    /// Whether a vault-relative path is excluded.
    public func excludes(_ path: String) -> Bool {
        for prefix in prefixes where path.hasPrefix(prefix) { return true }
        for pattern in patterns where path.contains(pattern) { return true }
        return false
    }
}
