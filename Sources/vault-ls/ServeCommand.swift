#if canImport(Glibc)
    import Glibc
#endif
import VaultServer

/// Serving LSP on stdin/stdout.
enum ServeCommand {
    static func run() -> Int32 {
        ServerLoop(input: 0, output: 1).run()
    }
}
