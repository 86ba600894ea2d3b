import Foundation

/// The checkout the tests were built from.
public let repositoryFolder: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)  // Tests/TestSupport/TemporaryFolder.swift
    return components.joined(separator: "/")
}()

/// The vaults the tests read (seed notes, real vaults): they travel with the
/// repository and no target builds them in.
public let fixturesFolder = repositoryFolder + "/Tests/Fixtures"

/// A temporary folder, removed when the test ends.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init() {
        let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path
        path = base + "/vault-ls-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func write(_ relativePath: String, _ text: String) { write(relativePath, bytes: Array(text.utf8)) }

    public func write(_ relativePath: String, bytes: [UInt8]) {
        let url = URL(fileURLWithPath: path + "/" + relativePath)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: url)
    }

    public func read(_ relativePath: String) -> String? {
        try? String(contentsOfFile: path + "/" + relativePath, encoding: .utf8)
    }

    public func symlink(_ relativePath: String, to destination: String) {
        try! FileManager.default.createSymbolicLink(atPath: path + "/" + relativePath, withDestinationPath: destination)
    }

    /// The four seed notes, in a vault of their own.
    public static func seedVault() -> TemporaryFolder {
        let folder = TemporaryFolder()
        let seeds = fixturesFolder + "/seeds"
        for name in try! FileManager.default.contentsOfDirectory(atPath: seeds) where name.hasSuffix(".md") {
            let text = try! String(contentsOfFile: seeds + "/" + name, encoding: .utf8)
            folder.write(name, text)
        }
        return folder
    }
}

/// A program built in the same build folder as the running tests or benchmark
/// (`swift build` and `swift test` put every product there).
public func builtExecutable(_ name: String) -> String {
    var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    // A test bundle may sit inside `name.xctest/`: look upwards.
    while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent(name).path) {
        guard folder.path != "/" else { fatalError("\(name) was not built next to \(CommandLine.arguments[0])") }
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent(name).path
}
