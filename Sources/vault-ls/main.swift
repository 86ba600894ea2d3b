#if canImport(Glibc)
    import Glibc
#endif

/// `vault-ls`: with no arguments (or `--stdio`) a language server on stdio;
/// `vault-ls check [VAULT]` lists dangling links.
let version = "0.1.0"

let usage = """
    vault-ls \(version): a language server for Obsidian-style Markdown vaults

    Usage:
      vault-ls [--stdio]                              serve the Language Server Protocol on stdin/stdout
      vault-ls check [VAULT] [--format text|json]     list the dangling links of a vault (default: .)
      vault-ls --help | --version

    check exits with 0 when no problem is a warning or worse, 1 when one is,
    and 2 for a usage error or a vault that cannot be read.
    """

signal(SIGPIPE, SIG_IGN)
var arguments = Array(CommandLine.arguments.dropFirst())

switch arguments.first {
case "--help", "-h", "help":
    print(usage)
    exit(0)
case "--version":
    print("vault-ls \(version)")
    exit(0)
case "check":
    exit(CheckCommand.run(Array(arguments.dropFirst())))
case nil, "--stdio":
    // LSP clients may add `--clientProcessId=N` (or `--clientProcessId N`); the server needs nothing else.
    let rest = arguments.dropFirst().filter { !$0.hasPrefix("--clientProcessId") && Int($0) == nil }
    guard rest.isEmpty else { Diagnostic.fail("unexpected arguments for the server: \(rest.joined(separator: " "))\n\n\(usage)") }
    exit(ServeCommand.run())
default:
    Diagnostic.fail("unknown command '\(arguments[0])'\n\n\(usage)")
}

/// Messages to stderr, prefixed with the program name.
enum Diagnostic {
    static func warn(_ message: String) {
        var line = "vault-ls: " + message + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    static func fail(_ message: String) -> Never {
        warn(message)
        exit(2)
    }
}
