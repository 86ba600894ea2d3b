import Foundation
import TestSupport
import VaultProtocol
import VaultServer

/// The server running in this process on a thread of its own, talked to
/// through pipes with real frames.
final class InProcessServer: @unchecked Sendable {
    let client: LSPClient
    private let statusLock = NSCondition()
    private var status: Int32?

    init() {
        var toServer: [Int32] = [0, 0]
        var fromServer: [Int32] = [0, 0]
        pipe(&toServer)
        pipe(&fromServer)
        let serverInput = toServer[0]
        let serverOutput = fromServer[1]
        client = LSPClient(input: fromServer[0], output: toServer[1])
        let thread = Thread { [self] in
            let exitStatus = ServerLoop(input: serverInput, output: serverOutput, logsToStandardError: false).run()
            close(serverOutput)  // The client sees the end of output. (Only this thread closes it.)
            statusLock.lock()
            status = exitStatus
            statusLock.broadcast()
            statusLock.unlock()
        }
        thread.start()
    }

    /// The status the server loop ended with, or nil if it is still running after `timeout`.
    func exitStatus(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        statusLock.lock()
        defer { statusLock.unlock() }
        while status == nil { if !statusLock.wait(until: deadline) { break } }
        return status
    }

    deinit { client.closeOutput() }
}

/// A server initialised on a vault folder, with its first diagnostics awaited.
func startedServer(
    _ vault: TemporaryFolder, capabilities: JSON = .object([:]), initializationOptions: JSON? = nil
) -> InProcessServer {
    let server = InProcessServer()
    server.client.initialize(root: vault.path, capabilities: capabilities, initializationOptions: initializationOptions)
    // Indexing ends with a log line; waiting for it keeps tests independent of timing.
    _ = server.client.waitFor { $0["params"]?["message"]?.stringValue?.hasPrefix("indexed") == true }
    return server
}
