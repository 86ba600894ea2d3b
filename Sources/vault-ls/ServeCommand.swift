/// Serving LSP on stdio.
enum ServeCommand {
    static func run() -> Int32 {
        Diagnostic.warn("the language server is not built yet; use 'vault-ls check'")
        return 2
    }
}
