import Foundation
import TestSupport
import Testing
import VaultFeatures
import VaultFiles
import VaultIndex
import VaultParser

@Suite struct VaultLoaderTests {
    @Test func skipsHiddenFoldersAndListsAttachments() throws {
        let folder = TemporaryFolder()
        folder.write("Note.md", "[[Other]] ![[pic.png]]")
        folder.write("Sub/Other.md", "")
        folder.write("assets/pic.png", "")
        for hidden in [".obsidian/workspace.md", ".git/x.md", ".trash/Old.md", ".hidden/y.md", "Sub/.secret.md"] {
            folder.write(hidden, "[[Missing]]")
        }
        let loaded = try VaultLoader.load(root: folder.path)
        #expect(loaded.vault.notePaths == ["Note.md", "Sub/Other.md"])
        #expect(loaded.vault.attachmentPaths == ["assets/pic.png"])
        #expect(Diagnostics.problems(of: loaded.vault).isEmpty)
        #expect(loaded.remarks.isEmpty)
    }

    @Test func honoursObsidianIgnoreFilters() throws {
        let folder = TemporaryFolder()
        folder.write(".obsidian/app.json", #"{"userIgnoreFilters": ["Archive/", "/^Temp.*/"], "useMarkdownLinks": false}"#)
        folder.write("Archive/Old.md", "[[Nowhere]]")
        folder.write("Temporary.md", "[[Nowhere]]")
        folder.write("Live.md", "[[Old]] [[Temporary]] [[Nowhere]]")
        let loaded = try VaultLoader.load(root: folder.path)
        #expect(loaded.vault.noteCount == 3)
        #expect(Diagnostics.problems(of: loaded.vault).map(\.path) == ["Live.md"])
    }

    @Test func oddFilesGetARemarkAndNeverStopTheRest() throws {
        let folder = TemporaryFolder()
        folder.write("Good.md", "[[Bad UTF8]]")
        folder.write("Bad UTF8.md", bytes: Array("before ".utf8) + [0xC3, 0x28, 0xFF] + Array(" [[Good]]".utf8))
        folder.write("Binary.md", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A])
        folder.write(".obsidian/app.json", "{ not json")
        try FileManager.default.createDirectory(atPath: folder.path + "/Loop", withIntermediateDirectories: true)
        folder.symlink("Loop/again", to: "..")
        folder.symlink("Broken.md", to: "nowhere.md")
        let loaded = try VaultLoader.load(root: folder.path)
        // Every `.md` file is a note, a binary one included.
        #expect(loaded.vault.notePaths == ["Bad UTF8.md", "Binary.md", "Good.md"])
        #expect(destinations(loaded.vault, from: "Bad UTF8.md") == ["Good.md"])
        let remarks = loaded.remarks.map(\.description)
        #expect(remarks.count == 5)
        #expect(remarks.contains { $0.hasPrefix(".obsidian/app.json: not valid JSON") })
        #expect(remarks.contains("Bad UTF8.md: not valid UTF-8: invalid bytes read as U+FFFD"))
        #expect(remarks.contains("Binary.md: not valid UTF-8: invalid bytes read as U+FFFD"))
        #expect(remarks.contains("Broken.md: skipped: it vanished before it could be read"))
        #expect(remarks.contains("Loop/again: skipped: a symbolic link to the vault itself"))
    }

    @Test func emptyAndNonASCIINotesLoadWithoutRemarks() throws {
        let folder = TemporaryFolder()
        folder.write("Empty.md", "")
        folder.write("Café.md", "naïve 🌱 [[Empty]] ∑")
        let loaded = try VaultLoader.load(root: folder.path)
        #expect(loaded.remarks.isEmpty)
        #expect(loaded.vault.notePaths == ["Café.md", "Empty.md"])
        #expect(destinations(loaded.vault, from: "Café.md") == ["Empty.md"])
        #expect(loaded.vault.record(at: "Café.md")?.note.text == "naïve 🌱 [[Empty]] ∑")
    }

    /// A file whose size the file system does not report (0 in /proc) is read
    /// to its end, also relative to an open folder as vaults are read.
    @Test func aFileLongerThanItsReportedSizeIsReadWhole() throws {
        #if os(Linux)
            let proc = open("/proc", O_RDONLY | O_DIRECTORY)
            defer { close(proc) }
            for outcome in [NoteFile.read("/proc/self/status"), NoteFile.read("self/status", inFolder: proc)] {
                guard case .note(let note, _) = outcome else {
                    Issue.record("not read: \(outcome)")
                    continue
                }
                #expect(note.text.hasPrefix("Name:"))
            }
        #endif
    }

    @Test func aMissingVaultIsAnError() {
        #expect(throws: VaultLoader.LoadError.self) { try VaultLoader.load(root: "/nonexistent/vault") }
        #expect(throws: VaultLoader.LoadError.self) { try VaultLoader.load(root: fixturesFolder + "/README.md") }
    }

    @Test func aFIFONamedLikeANoteIsSkippedWithoutBlocking() {
        // Opening a FIFO for reading blocks until a writer comes; the watcher
        // reads new files on the server's loop, which would then stop for good.
        let vault = TemporaryFolder()
        #expect(mkfifo(vault.path + "/pipe.md", 0o644) == 0)
        guard case .skipped(let reason) = NoteFile.read(vault.path + "/pipe.md") else {
            Issue.record("a FIFO was read as a note")
            return
        }
        #expect(reason.contains("not a regular file"), "\(reason)")
    }

    @Test func aFileThatVanishedIsSkipped() {
        guard case .skipped(let reason) = NoteFile.read("/nonexistent/Note.md") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(reason == "it vanished before it could be read")
    }

    @Test func aFiftyMegabyteNoteLoads() throws {
        let folder = TemporaryFolder()
        let paragraph = "Some text with a [[Link]] and #tag and `code [[not]]` here.\n\n"
        let count = 50_000_000 / paragraph.utf8.count
        folder.write("Huge.md", String(repeating: paragraph, count: count))
        folder.write("Link.md", "")
        let loaded = try VaultLoader.load(root: folder.path)
        let huge = loaded.vault.record(at: "Huge.md")!
        #expect(huge.note.links.count == count)
        #expect(huge.note.tags.count == count)
        #expect(loaded.vault.backlinkCount(to: loaded.vault.id(of: "Link.md")!) == count)
    }
}


/// Symbolic links to folders, as Obsidian treats them (docs/vault-syntax.md,
/// "The vault"): each test runs with the links made before
/// the real folders and after them, so that the folder listing's order varies.
@Suite struct SymbolicLinkTests {
    /// Makes the links before the real folders, or after them.
    func make(_ base: TemporaryFolder, links: [(String, String)], linksFirst: Bool, folders: [String], files: () -> Void) throws {
        if linksFirst {
            for folder in folders {
                try FileManager.default.createDirectory(atPath: base.path + "/" + folder, withIntermediateDirectories: true)
            }
            for (path, destination) in links { base.symlink(path, to: destination) }
            files()
        } else {
            files()
            for (path, destination) in links { base.symlink(path, to: destination) }
        }
    }

    @Test(arguments: [true, false]) func aFolderOutsideTheVaultIsWalkedUnderTheLinksName(linksFirst: Bool) throws {
        let base = TemporaryFolder()
        try make(base, links: [("vault/ext", "../outside"), ("vault/ext2", "../outside/deep")], linksFirst: linksFirst,
            folders: ["vault", "outside/deep"]) {
            base.write("vault/Home.md", "[[Shared]] [[Deeper]]")
            base.write("outside/Shared.md", "[[Home]]")
            base.write("outside/deep/Deeper.md", "")
        }
        let loaded = try VaultLoader.load(root: base.path + "/vault")
        #expect(loaded.vault.notePaths == ["Home.md", "ext/Shared.md", "ext/deep/Deeper.md"])
        #expect(destinations(loaded.vault, from: "ext/Shared.md") == ["Home.md"])
        #expect(problemLines(loaded.vault) == [])
        #expect(loaded.remarks.map(\.description) == [
            "ext2: skipped: a symbolic link to a folder that another symbolic link already brings into the vault (\(base.path)/outside/deep)",
        ])
    }

    @Test(arguments: [true, false]) func linksToTheVaultInsideItOrAboveItAreIgnored(linksFirst: Bool) throws {
        let base = TemporaryFolder()
        let links = [
            ("vault/self", "."), ("vault/Notes/again", ".."), ("vault/alias", "Notes"), ("vault/up", ".."),
            ("vault/root", "/"), ("vault/Notes/loop", "../Notes"),
        ]
        try make(base, links: links, linksFirst: linksFirst, folders: ["vault/Notes"]) {
            base.write("vault/Notes/Inner.md", "[[Home]]")
            base.write("vault/Home.md", "[[Inner]] [[Notes/Inner]]")
            base.write("Beside.md", "")
        }
        let loaded = try VaultLoader.load(root: base.path + "/vault")
        // The real folder keeps its own path; nothing beside or above the vault comes in.
        #expect(loaded.vault.notePaths == ["Home.md", "Notes/Inner.md"])
        #expect(problemLines(loaded.vault) == [])
        #expect(loaded.remarks.map(\.description) == [
            "Notes/again: skipped: a symbolic link to the vault itself",
            "Notes/loop: skipped: a symbolic link to a folder inside the vault (Notes)",
            "alias: skipped: a symbolic link to a folder inside the vault (Notes)",
            "root: skipped: a symbolic link to a folder above the vault (/)",
            "self: skipped: a symbolic link to the vault itself",
            "up: skipped: a symbolic link to a folder above the vault (\(base.path))",
        ])
    }

    @Test(arguments: [true, false]) func aLoopOutsideTheVaultIsNeverWalked(linksFirst: Bool) throws {
        let base = TemporaryFolder()
        let links = [("vault/ext", "../outside"), ("outside/sub/back", ".."), ("outside/sub/vault", "../../vault")]
        try make(base, links: links, linksFirst: linksFirst, folders: ["outside/sub", "vault"]) {
            base.write("outside/sub/Far.md", "")
            base.write("vault/Home.md", "[[Far]]")
        }
        let loaded = try VaultLoader.load(root: base.path + "/vault")
        #expect(loaded.vault.notePaths == ["Home.md", "ext/sub/Far.md"])
        #expect(loaded.remarks.map(\.description) == [
            "ext/sub/back: skipped: a symbolic link to a folder that another symbolic link already brings into the vault (\(base.path)/outside)",
            "ext/sub/vault: skipped: a symbolic link to the vault itself",
        ])
    }
}
