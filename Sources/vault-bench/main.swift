import Foundation
import VaultFiles
import VaultIndex

/// Benchmarks for vault-ls, printing numbers (never asserting them).
///
///     vault-bench generate DIR [NOTES]   write the generated vault
///     vault-bench index [DIR] [ROUNDS]   load time and peak memory against grep, medians
///     vault-bench server [DIR] [EDITS]   first diagnostics and per-edit latency through the protocol
///     vault-bench watch [DIR] [IDLE]     notes written on disk to diagnostics, and idle CPU with the watcher on
///     vault-bench pathological [LINKS]   notes that were quadratic, and a huge note edited in the server
let arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "generate":
    guard arguments.count >= 2 else { fail("usage: vault-bench generate DIR [NOTES]") }
    let bytes = try GeneratedVault.write(to: arguments[1], notes: arguments.count > 2 ? Int(arguments[2])! : 10_000)
    print("wrote \(bytes) bytes")
case "index":
    IndexBenchmark.run(folder: arguments.count > 1 ? arguments[1] : nil, rounds: arguments.count > 2 ? Int(arguments[2])! : 9)
case "server":
    ServerBenchmark.run(folder: arguments.count > 1 ? arguments[1] : nil, edits: arguments.count > 2 ? Int(arguments[2])! : 500)
case "watch":
    WatchBenchmark.run(folder: arguments.count > 1 ? arguments[1] : nil, idleSeconds: arguments.count > 2 ? Int(arguments[2])! : 10)
case "pathological":
    PathologicalBenchmark.run(links: arguments.count > 1 ? Int(arguments[1])! : 3_000_000)
default:
    fail("usage: vault-bench generate DIR [NOTES] | index [DIR] [ROUNDS] | server [DIR] [EDITS] | watch [DIR] [IDLE] | pathological [LINKS]")
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
