import Foundation

/// Runs the built `vault-ls` binary, which `swift test` builds beside the test bundle.
enum VaultLS {
    static let executable: String = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The test bundle may sit inside `name.xctest/`; the binary is in the build folder.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("vault-ls").path) {
            guard folder.path != "/" else { fatalError("vault-ls was not built next to the tests") }
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("vault-ls").path
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `vault-ls` with arguments in a folder and waits for it to exit.
    static func run(_ arguments: [String], in folder: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

let sharedFolder: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return components.joined(separator: "/") + "/../shared"
}()

/// A temporary folder, removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("vault-ls-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relativePath: String, _ text: String) {
        let url = URL(fileURLWithPath: path + "/" + relativePath)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
    }

    /// The four seed notes, as `.md` notes named after their files.
    static func seedVault() -> TemporaryFolder {
        let folder = TemporaryFolder()
        let seeds = sharedFolder + "/seeds"
        for name in try! FileManager.default.contentsOfDirectory(atPath: seeds) where name.hasSuffix(".txt") {
            let text = try! String(contentsOfFile: seeds + "/" + name, encoding: .utf8)
            folder.write(String(name.dropLast(4)) + ".md", text)
        }
        return folder
    }
}
