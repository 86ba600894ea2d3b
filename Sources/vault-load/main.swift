#if canImport(Glibc)
    import Glibc
#endif
import Dispatch
import VaultFiles

/// `vault-load VAULT`: one load of a vault, timed, in a process that links no
/// more than vault-ls does (no full Foundation), so that `vault-bench index`
/// measures the product's time and memory, not the benchmark's.
guard CommandLine.arguments.count == 2 else {
    print("usage: vault-load VAULT")
    exit(2)
}
let start = DispatchTime.now()
let loaded = try VaultLoader.load(root: CommandLine.arguments[1])
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
print("\(seconds) \(loaded.vault.noteCount)")
