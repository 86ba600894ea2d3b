#if canImport(Glibc)
    import Glibc
#endif
import VaultFeatures
import VaultFiles
import VaultIndex
import VaultParser
import VaultProtocol

/// `vault-ls check [VAULT] [--format text|json]`: every dangling link, compiler style or as JSON.
enum CheckCommand {
    enum Format {
        case text
        case json
    }

    static func run(_ arguments: [String]) -> Int32 {
        var format = Format.text
        var root: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--help", "-h":
                print(usage)
                return 0
            case "--format":
                index += 1
                guard index < arguments.count else { Diagnostic.fail("--format needs a value: text or json") }
                format = parseFormat(arguments[index])
            case _ where argument.hasPrefix("--format="):
                format = parseFormat(String(argument.dropFirst("--format=".count)))
            case _ where argument.hasPrefix("-") && argument.count > 1:
                Diagnostic.fail("check: unknown option '\(argument)'")
            default:
                guard root == nil else { Diagnostic.fail("check: one vault at a time ('\(root!)' and '\(argument)')") }
                root = argument
            }
            index += 1
        }
        let vaultArgument = root ?? "."
        let loaded: VaultLoader.Loaded
        do {
            loaded = try VaultLoader.load(root: vaultArgument)
        } catch {
            Diagnostic.fail(error.description)
        }
        for remark in loaded.remarks { Diagnostic.warn(remark.description) }

        let vault = loaded.vault
        let problems = Diagnostics.problems(of: vault)
        var output = ""
        switch format {
        case .text: output = textReport(problems, vault: vault, root: vaultArgument)
        case .json: output = jsonReport(problems, vault: vault)
        }
        output.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        let status: Int32 = problems.contains { $0.code.defaultSeverity <= .warning } ? 1 : 0
        // The process ends here, with the vault still in memory: freeing every
        // note one by one just before exiting would cost more than the report.
        withExtendedLifetime(loaded) { exit(status) }
    }

    private static func parseFormat(_ value: String) -> Format {
        switch value {
        case "text": return .text
        case "json": return .json
        default: Diagnostic.fail("--format must be text or json, not '\(value)'")
        }
    }

    /// A problem's place, 1-based, columns counted in Unicode characters.
    private struct Place {
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
    }

    /// Computes places note by note, with one line index per note.
    private static func places(_ problems: [Problem], vault: Vault) -> [Place] {
        var result: [Place] = []
        result.reserveCapacity(problems.count)
        var currentPath: String?
        var lines: LineIndex?
        for problem in problems {
            if problem.path != currentPath {
                currentPath = problem.path
                lines = LineIndex(vault.record(at: problem.path)!.note.text)
            }
            let start = lines!.position(of: problem.range.lowerBound, in: .scalar)
            let end = lines!.position(of: problem.range.upperBound, in: .scalar)
            result.append(Place(line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1))
        }
        return result
    }

    private static func linkCount(_ vault: Vault) -> Int {
        vault.notePaths.reduce(0) { total, path in
            total + vault.record(at: path)!.note.links.count { !$0.isExternal }
        }
    }

    static func textReport(_ problems: [Problem], vault: Vault, root: String) -> String {
        // Paths as the user can open them from where they ran the command.
        let prefix = root == "." || root == "./" ? "" : (root.hasSuffix("/") ? root : root + "/")
        var output = ""
        var counts: [Severity: Int] = [:]
        for (problem, place) in zip(problems, places(problems, vault: vault)) {
            let severity = problem.code.defaultSeverity
            counts[severity, default: 0] += 1
            output += "\(prefix)\(problem.path):\(place.line):\(place.column): \(severity.name): \(problem.message) [\(problem.code.rawValue)]\n"
        }
        let breakdown = Severity.allCases.compactMap { severity in
            counts[severity].map { "\($0) \(severity.name)" }
        }
        let summary = problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s") (\(breakdown.joined(separator: ", ")))"
        output += "\(summary) in \(vault.noteCount) notes, \(vault.attachmentCount) attachments, \(linkCount(vault)) links\n"
        return output
    }

    static func jsonReport(_ problems: [Problem], vault: Vault) -> String {
        var output = "{\"notes\": \(vault.noteCount), \"attachments\": \(vault.attachmentCount), \"links\": \(linkCount(vault)), \"problems\": ["
        for (index, (problem, place)) in zip(problems, places(problems, vault: vault)).enumerated() {
            output += index == 0 ? "\n  " : ",\n  "
            output += "{\"path\": \(jsonString(problem.path)), \"line\": \(place.line), \"column\": \(place.column)"
            output += ", \"endLine\": \(place.endLine), \"endColumn\": \(place.endColumn)"
            output += ", \"severity\": \"\(problem.code.defaultSeverity.name)\", \"code\": \"\(problem.code.rawValue)\""
            output += ", \"target\": \(jsonString(problem.target)), \"message\": \(jsonString(problem.message))}"
        }
        output += problems.isEmpty ? "]}\n" : "\n]}\n"
        return output
    }

    static func jsonString(_ text: String) -> String {
        JSONWriter.string(.string(text))
    }
}
