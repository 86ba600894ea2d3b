import Foundation
import TestSupport
import Testing
import VaultFiles

/// The server's own watcher: which changes on disk it reports, and how.
/// Serialized: each watcher holds one of the few inotify instances a user may have.
@Suite(.serialized) struct FolderWatcherTests {
    @Test func filesInNewFoldersAreReported() throws {
        let vault = TemporaryFolder()
        let watch = try Watch(vault)
        vault.write("Sub/New/First.md", "one")
        #expect(watch.waitFor("Sub, created with a note inside") { $0.contains("Sub") })
        // A note written later inside the new folder: its folder got a watch of its own.
        vault.write("Sub/New/Second.md", "two")
        #expect(watch.waitFor("Sub/New/Second.md, written in a folder created after watching began") {
            $0.contains("Sub/New/Second.md")
        })
    }

    @Test func hiddenFilesAndFoldersAreNotReported() throws {
        let vault = TemporaryFolder()
        vault.write(".obsidian/app.json", "{}")
        vault.write(".git/HEAD", "ref")
        let watch = try Watch(vault)
        vault.write(".obsidian/workspace.json", "{}")
        vault.write(".git/index", "x")
        vault.write(".trash/Old.md", "x")
        vault.write(".Note.md.swp", "x")
        vault.write("Visible.md", "x")
        #expect(watch.waitFor("Visible.md") { $0.contains("Visible.md") })
        #expect(watch.paths == ["Visible.md"])
    }

    @Test func foldersMovedAndDeletedAreReportedAndFollowed() throws {
        let vault = TemporaryFolder()
        vault.write("Old/Note.md", "x")
        vault.write("Gone/Note.md", "x")
        let watch = try Watch(vault)
        try FileManager.default.moveItem(atPath: vault.path + "/Old", toPath: vault.path + "/New")
        try FileManager.default.removeItem(atPath: vault.path + "/Gone")
        #expect(watch.waitFor("Old and New, the folder moved, and Gone, the folder deleted") {
            $0.isSuperset(of: ["Old", "New", "Gone"])
        })
        // Notes written in the moved folder are reported under its new path.
        vault.write("New/Later.md", "x")
        #expect(watch.waitFor("New/Later.md, written in the moved folder") { $0.contains("New/Later.md") })
    }

    @Test func aThousandNotesWrittenAtOnceAreAllReported() throws {
        let vault = TemporaryFolder()
        vault.write("Burst/Existing.md", "x")
        let watch = try Watch(vault)
        let names = Set((0..<1000).map { "Burst/Note \($0).md" })
        for name in names { vault.write(name, "x") }
        #expect(watch.waitFor("1,000 notes written at once") { $0.isSuperset(of: names) })
    }

    @Test func aLinkMadeToAFolderOutsideIsWatchedUnderItsName() throws {
        let vault = TemporaryFolder()
        let outside = TemporaryFolder()
        let watch = try Watch(vault)
        vault.symlink("ext", to: outside.path)
        #expect(watch.waitFor("ext, a link to a folder outside the vault") { $0.contains("ext") })
        outside.write("Two.md", "x")
        #expect(watch.waitFor("ext/Two.md, written in the linked folder after the link was made") {
            $0.contains("ext/Two.md")
        })
    }

    @Test func aVaultFolderReplacedIsWalkedFromThenOn() throws {
        let vault = TemporaryFolder()
        vault.write("Old.md", "x")
        let watch = try Watch(vault)
        // What a sync tool or `git worktree` swap does: the folder is moved away, another takes its path.
        try FileManager.default.moveItem(atPath: vault.path, toPath: vault.path + ".old")
        defer { try? FileManager.default.removeItem(atPath: vault.path + ".old") }
        vault.write("New.md", "x")
        // Whatever came before the watcher walks the new folder is found by a rescan...
        let deadline = Date().addingTimeInterval(10)
        while watch.rescanReasons.isEmpty && Date() < deadline { usleep(20_000) }
        #expect(!watch.rescanReasons.isEmpty, "waited 10 s for a rescan once the vault's folder was replaced")
        // ...and what comes after is seen in the new folder.
        usleep(200_000)
        vault.write("Later.md", "x")
        #expect(watch.waitFor("Later.md, written in the folder that replaced the vault's") { $0.contains("Later.md") })
    }

    /// The fallback where inotify is missing or exhausted: walking the folder and comparing times and sizes.
    @Test func pollingReportsNotesCreatedChangedAndDeleted() throws {
        let vault = TemporaryFolder()
        vault.write("Changed.md", "x")
        vault.write("Deleted.md", "x")
        vault.write(".obsidian/app.json", "{}")
        let watch = try Watch(vault, polling: true)
        vault.write("Sub/Created.md", "x")
        vault.write("Changed.md", "longer")
        vault.write(".obsidian/app.json", "{\"changed\": true}")
        try FileManager.default.removeItem(atPath: vault.path + "/Deleted.md")
        #expect(watch.waitFor("a note created, one changed and one deleted") {
            $0.isSuperset(of: ["Sub/Created.md", "Changed.md", "Deleted.md"])
        })
        #expect(watch.paths == ["Sub/Created.md", "Changed.md", "Deleted.md"])
    }
}

/// What a watcher reported so far.
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reported: Set<String> = []
    private var reasons: [String] = []

    func add(_ changes: FolderWatcher.Changes) {
        lock.withLock {
            reported.formUnion(changes.paths)
            if let reason = changes.rescanReason { reasons.append(reason) }
        }
    }
    var paths: Set<String> { lock.withLock { reported } }
    var rescanReasons: [String] { lock.withLock { reasons } }
}

/// A watcher on a vault, collecting what it reports.
private final class Watch {
    private let reports = Reports()
    private let watcher: FolderWatcher

    init(_ vault: TemporaryFolder, polling: Bool = false) throws {
        let started = DispatchSemaphore(value: 0)
        watcher = FolderWatcher(
            root: vault.path, polling: polling,
            report: { [reports] changes in reports.add(changes) },
            log: { line in if line.hasPrefix("watching") { started.signal() } })
        // Changes made before the watches are in place would not be seen.
        try #require(started.wait(timeout: .now() + 10) == .success, "waited 10 s for the watcher to start")
    }

    deinit { watcher.stop() }

    var paths: Set<String> { reports.paths }
    var rescanReasons: [String] { reports.rescanReasons }

    /// Whether the paths reported so far satisfy `condition` within 10 s.
    func waitFor(_ what: String, _ condition: (Set<String>) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition(paths) { return true }
            usleep(20_000)
        }
        Issue.record("waited 10 s for the watcher to report \(what); it reported \(paths.sorted().prefix(20))")
        return condition(paths)
    }
}
