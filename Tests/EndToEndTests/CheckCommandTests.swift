import Foundation
import TestSupport
import Testing

/// `vault-ls check`, run as a user runs it.
@Suite struct CheckCommandTests {
    @Test func seedVaultListsEveryDanglingLink() throws {
        let vault = TemporaryFolder.seedVault()
        let result = try VaultLS.run(["check"], in: vault.path)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // 48 links in the four notes, none of which has a note yet.
        #expect(lines.count == 49)
        #expect(lines.last == "48 problems (48 warning) in 4 notes, 0 attachments, 48 links")
        #expect(lines.first == "000_d924134c34514500.md:1:312: warning: No note or attachment named 'Singularities' [unresolved-link]")
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("[unresolved-link]") })
        #expect(result.stderr.isEmpty)
    }

    /// README's quick start: `vault-ls check demo` from the checkout.
    @Test func demoVaultListsItsToDoList() throws {
        let result = try VaultLS.run(["check", "demo"], in: repositoryFolder)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.last == "57 problems (57 warning) in 7 notes, 0 attachments, 75 links")
        #expect(lines.first == "demo/Chaos and Complexity.md:1:312: warning: No note or attachment named 'Singularities' [unresolved-link]")
        // Only names with no note yet: every link the written notes make to a
        // heading or block of another note resolves.
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("[unresolved-link]") })
        #expect(lines.contains("demo/Projects/Research plan.md:15:15: warning: No note or attachment named 'Experiment log' [unresolved-link]"))
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonReport() throws {
        let vault = TemporaryFolder.seedVault()
        vault.write("Phase Transitions.md", "# Phase transitions\n")
        vault.write("Notes/Criticality.md", "")
        let result = try VaultLS.run(["check", vault.path, "--format", "json"])
        #expect(result.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(report["notes"] as? Int == 6)
        #expect(report["attachments"] as? Int == 0)
        #expect(report["links"] as? Int == 48)
        let problems = report["problems"] as! [[String: Any]]
        // Phase Transitions is linked 4 times and Criticality twice: those resolve now.
        #expect(problems.count == 42)
        let first = problems[0]
        #expect(first["path"] as? String == "000_d924134c34514500.md")
        #expect(first["line"] as? Int == 1)
        #expect(first["column"] as? Int == 312)
        #expect(first["endLine"] as? Int == 1)
        #expect(first["endColumn"] as? Int == 329)
        #expect(first["severity"] as? String == "warning")
        #expect(first["code"] as? String == "unresolved-link")
        #expect(first["target"] as? String == "Singularities")
        #expect(first["message"] as? String == "No note or attachment named 'Singularities'")
        #expect(!problems.contains { ($0["target"] as? String)?.hasPrefix("Phase Transitions") == true })
    }

    @Test func columnsCountCharacters() throws {
        let vault = TemporaryFolder()
        vault.write("Emoji.md", "🚀 日本 [[Missing|shown]]\n")
        let result = try VaultLS.run(["check", "--format=json"], in: vault.path)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let problem = (report["problems"] as! [[String: Any]])[0]
        #expect(problem["column"] as? Int == 6)
        #expect(problem["endColumn"] as? Int == 23)
        #expect(problem["target"] as? String == "Missing|shown")
    }

    @Test func cleanAndInformationOnlyVaultsExitZero() throws {
        let vault = TemporaryFolder()
        vault.write("A.md", "[[B]] [[Twin]]")
        vault.write("B.md", "[[A]]")
        vault.write("x/Twin.md", "")
        vault.write("y/Twin.md", "")
        let result = try VaultLS.run(["check", vault.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("information: 'Twin' matches 2 files (x/Twin.md, y/Twin.md); it opens x/Twin.md [ambiguous-link]"))
        #expect(result.stdout.hasSuffix("1 problem (1 information) in 4 notes, 0 attachments, 3 links\n"))
    }

    @Test func textPathsAreRelativeToWhereTheUserIs() throws {
        let vault = TemporaryFolder()
        vault.write("Sub/A.md", "[[Nope]]")
        let result = try VaultLS.run(["check", vault.path + "/"])
        #expect(result.stdout.hasPrefix(vault.path + "/Sub/A.md:1:1: warning: "))
    }

    /// `check --format json` on a corpus: its note count, status and problems as `path:line code target`.
    func checkCorpus(_ name: String) throws -> (notes: Int?, status: Int32, problems: [String]) {
        let result = try VaultLS.run(["check", "--format", "json", fixturesFolder + "/" + name])
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let problems = (report["problems"] as! [[String: Any]]).map {
            "\($0["path"]!):\($0["line"]!) \($0["code"]!) \($0["target"]!)"
        }
        return (report["notes"] as? Int, result.status, problems)
    }

    @Test func obsidianTasksDocsReportsOnlyItsOneDanglingLink() throws {
        let report = try checkCorpus("obsidian-tasks-docs")
        #expect(report.notes == 118)
        // A template's placeholder image, which the vault does not have.
        #expect(report.problems == ["_meta/templates/image embed.md:4 unresolved-link ../images/insert-filename-here.png"])
        #expect(report.status == 1)
    }

    @Test func dndSRDReportsOnlyItsOneDanglingLink() throws {
        let report = try checkCorpus("dnd-srd")
        #expect(report.notes == 1028)
        // `new/Nightmare.md` exists nowhere: the SRD has no Nightmare note.
        #expect(report.problems == ["Monsters/Spirit Naga.md:40 unresolved-link new/Nightmare.md"])
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["check", "--format", "xml"], ["check", "a", "b"], ["check", "--bogus"], ["frobnicate"]] {
            let result = try VaultLS.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix("vault-ls: "), "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        let missing = try VaultLS.run(["check", "/nonexistent/vault"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "vault-ls: cannot open the vault '/nonexistent/vault': the folder does not exist\n")
    }

    @Test func helpAndVersion() throws {
        let help = try VaultLS.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("vault-ls check [VAULT]"))
        let checkHelp = try VaultLS.run(["check", "--help"])
        #expect(checkHelp.status == 0 && checkHelp.stdout.contains("--format text|json"))
        let version = try VaultLS.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("vault-ls 0."))
    }

    @Test func everyMarkdownFileIsANoteWhateverItsBytes() throws {
        let vault = TemporaryFolder()
        vault.write("Good.md", "[[Blob]] [[Padded#Real heading]] [[Broken]] [[Padded#^kept]]")
        try Data([0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: vault.path + "/Blob.md"))
        // A sync tool padded this note with NUL bytes: its text still counts.
        var padded = Data("# Real heading\nA paragraph ^kept\n".utf8)
        padded.append(Data(repeating: 0, count: 4096))
        try padded.write(to: URL(fileURLWithPath: vault.path + "/Padded.md"))
        try Data([0x61, 0x20, 0xFF, 0x20, 0x62]).write(to: URL(fileURLWithPath: vault.path + "/Broken.md"))
        let result = try VaultLS.run(["check", vault.path])
        #expect(result.status == 0, "no link dangles: \(result.stdout)")
        #expect(result.stdout.hasSuffix("no problems in 4 notes, 0 attachments, 4 links\n"), "\(result.stdout)")
        #expect(result.stderr == "vault-ls: Broken.md: not valid UTF-8: invalid bytes read as U+FFFD\n")
    }

    @Test func symbolicLinksFollowObsidiansRules() throws {
        let base = TemporaryFolder()
        base.write("vault/Home.md", "[[Shared]] [[Beside]]")
        base.write("outside/Shared.md", "[[Home]]")
        base.write("Beside.md", "")
        base.symlink("vault/up", to: "..")
        base.symlink("vault/ext", to: "../outside")
        let result = try VaultLS.run(["check", base.path + "/vault"])
        // The folder above is not walked: `[[Beside]]` dangles, `[[Shared]]` is found through `ext`.
        #expect(result.stdout.hasSuffix("1 problem (1 warning) in 2 notes, 0 attachments, 3 links\n"), "\(result.stdout)")
        #expect(result.stderr == "vault-ls: up: skipped: a symbolic link to a folder above the vault (\(base.path))\n")
    }

    @Test func aNoteWhoseTextCannotBeReadKeepsItsName() throws {
        let vault = TemporaryFolder()
        vault.write("Good.md", "[[Huge]]")
        vault.write("Huge.md", "")
        // Over the size limit for a note, without writing the bytes (a sparse file).
        #expect(truncate(vault.path + "/Huge.md", 300 << 20) == 0)
        let result = try VaultLS.run(["check", vault.path])
        #expect(result.status == 0, "the link to the unreadable note resolves: \(result.stdout)")
        #expect(result.stderr == "vault-ls: Huge.md: its text could not be read (300 MiB is over the 256 MiB limit for a note): kept as a note with no text\n")
    }
}

@Suite struct ServerArgumentTests {
    @Test func clientArgumentsAreAccepted() throws {
        // VS Code's client adds `--stdio`; some add `--clientProcessId`. With stdin at its end, the server exits 0.
        let result = try VaultLS.run(["--stdio", "--clientProcessId=4242"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let wrong = try VaultLS.run(["--stdio", "--bogus"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("vault-ls: unexpected arguments for the server: --bogus"))
    }
}
