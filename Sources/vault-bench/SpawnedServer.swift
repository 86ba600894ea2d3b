import Foundation
import TestSupport

/// The built `vault-ls`, started as an editor starts it, with a scripted client on its pipes.
struct SpawnedServer {
    let process: Process
    let client: LSPClient

    init() {
        process = Process()
        process.executableURL = URL(fileURLWithPath: builtExecutable("vault-ls"))
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try! process.run()
        let writing = input.fileHandleForWriting
        client = LSPClient(
            input: output.fileHandleForReading.fileDescriptor, output: writing.fileDescriptor,
            closeOutput: { try? writing.close() })
    }

    /// `shutdown`, `exit`, and the process's end.
    func stop() {
        client.request("shutdown")
        client.notify("exit")
        process.waitUntilExit()
    }
}
