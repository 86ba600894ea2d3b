#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import Synchronization

/// Watches a vault's folder for files created, written, moved or deleted
/// outside the editor (a `git pull`, a sync tool, Obsidian itself), and
/// reports them in batches, one per burst of events.
///
/// On Linux it uses inotify: one watch per folder, hidden folders (`.obsidian`,
/// `.git`, `.trash`) skipped, new folders watched as they appear. Lost events
/// (the kernel's queue overflowed, a watch vanished) are reported as a
/// rescan, never dropped. Where inotify is missing or runs out of instances or
/// watches, the folder is walked every few seconds instead and modification
/// times compared.
public final class FolderWatcher: Sendable {
    /// What changed during one burst of events.
    public struct Changes: Sendable {
        /// Vault-relative paths of files and folders created, written, moved or
        /// deleted: each is to be read again, or found gone.
        public var paths: Set<String> = []
        /// Why events were lost, when they were: the whole vault is then to be
        /// compared with the disk.
        public var rescanReason: String?

        public init(paths: Set<String> = [], rescanReason: String? = nil) {
            self.paths = paths
            self.rescanReason = rescanReason
        }

        var isEmpty: Bool { paths.isEmpty && rescanReason == nil }
    }

    /// Events are gathered for this long after the first of a burst, so that a
    /// `git checkout` rewriting a thousand notes gives a few batches, not a thousand.
    public static let burstMilliseconds: Int32 = 100
    /// How often the fallback walks the folder.
    public static let pollingMilliseconds: Int32 = 2000

    public let root: String
    private let stopSignal: (read: Int32, write: Int32)
    private let stopped = Atomic<Bool>(false)
    /// Signalled once changes are seen (the watches are in place, or the
    /// fallback's first walk is done), or watching has given up.
    private let watching = DispatchSemaphore(value: 0)

    /// Starts watching `root` on a thread of its own. `report` and `log` are
    /// called on that thread. `polling` asks for the portable fallback where
    /// inotify would serve (tests use it, to test the fallback on Linux).
    public init(
        root: String, polling: Bool = false, report: @escaping @Sendable (Changes) -> Void,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.root = root
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        stopSignal = (fds[0], fds[1])
        let loop = WatchLoop(root: root, stopSignal: fds[0], polling: polling, report: report, log: log)
        WorkerThread.start { [watching] in loop.run(whenWatching: { watching.signal() }) }
    }

    /// Waits until changes are seen (at most `seconds`): a load that starts
    /// after it misses nothing that changes while it reads.
    public func waitUntilWatching(seconds: Double = 10) {
        if watching.wait(timeout: .now() + seconds) == .success { watching.signal() }
    }

    /// Stops watching (the thread ends at its next wake-up, which this causes).
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        var byte: UInt8 = 1
        _ = write(stopSignal.write, &byte, 1)
        close(stopSignal.write)
    }

    deinit { stop() }
}

/// The watching thread's state: only that thread touches it.
private final class WatchLoop: @unchecked Sendable {
    let root: String
    let stopSignal: Int32
    let polling: Bool
    let report: @Sendable (FolderWatcher.Changes) -> Void
    let log: @Sendable (String) -> Void

    init(
        root: String, stopSignal: Int32, polling: Bool, report: @escaping @Sendable (FolderWatcher.Changes) -> Void,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.root = root
        self.stopSignal = stopSignal
        self.polling = polling
        self.report = report
        self.log = log
    }

    func run(whenWatching: @escaping () -> Void) {
        defer { close(stopSignal) }
        var signalled = false
        let signal = {
            if !signalled { whenWatching() }
            signalled = true
        }
        defer { signal() }  // Watching gave up: nobody waits for it.
        #if os(Linux)
            if polling {
                pollModificationTimes(announcing: "watching \(root) by walking it every \(seconds) s (as asked)", whenWatching: signal)
                return
            }
            let inotify = InotifyWatch(root: root)
            switch inotify.start() {
            case .success:
                log("watching \(root) with inotify (\(inotify.folderCount) folders)")
                signal()
                if inotify.run(stopSignal: stopSignal, report: report) == .stopped { return }
                // Whatever happened between losing the watches and the first walk is found by a rescan.
                report(FolderWatcher.Changes(rescanReason: "inotify could not watch every folder"))
                pollModificationTimes(
                    announcing: "watching \(root) by walking it every \(seconds) s: \(inotify.failure ?? "inotify stopped")",
                    whenWatching: signal)
            case .failure(let reason):
                pollModificationTimes(
                    announcing: "watching \(root) by walking it every \(seconds) s: cannot use inotify (\(reason))",
                    whenWatching: signal)
            }
        #else
            pollModificationTimes(announcing: "watching \(root) by walking it every \(seconds) s (no inotify here)", whenWatching: signal)
        #endif
    }

    private var seconds: Int32 { FolderWatcher.pollingMilliseconds / 1000 }

    /// Sleeps until the stop signal or `milliseconds`; returns whether to stop.
    private func waitForStop(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: stopSignal, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready != 0
        }
    }

    // MARK: The portable fallback

    private struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
    }

    /// Every file's modification time and size, walked as the loader walks.
    private func stamps() -> [String: Stamp] {
        let listing = FolderWalk.list(root: root)
        var stamps: [String: Stamp] = [:]
        var info = stat()
        for path in listing.notes + listing.attachments where stat(root + "/" + path, &info) == 0 {
            #if canImport(Darwin)
                let time = info.st_mtimespec
            #else
                let time = info.st_mtim
            #endif
            stamps[path] = Stamp(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec), size: Int(info.st_size))
        }
        return stamps
    }

    /// Walks the folder every few seconds and reports the files whose time or
    /// size changed, appeared or disappeared; logs `announcement` once the
    /// first walk is done, from which changes are seen.
    private func pollModificationTimes(announcing announcement: String, whenWatching: () -> Void) {
        var known = stamps()
        log(announcement)
        whenWatching()
        while !waitForStop(milliseconds: FolderWatcher.pollingMilliseconds) {
            let now = stamps()
            var changes = FolderWatcher.Changes()
            for (path, stamp) in now where known[path] != stamp { changes.paths.insert(path) }
            for path in known.keys where now[path] == nil { changes.paths.insert(path) }
            known = now
            if !changes.isEmpty { report(changes) }
        }
    }
}

#if os(Linux)
    /// One inotify instance watching every folder of a vault.
    private final class InotifyWatch {
        enum Ending { case stopped, failed }

        let root: String
        private var descriptor: Int32 = -1
        /// The vault-relative folder of each watch ("" for the root).
        private var folders: [Int32: String] = [:]
        /// Why watching failed, when it did.
        private(set) var failure: String?

        var folderCount: Int { folders.count }

        init(root: String) { self.root = root }

        private static let mask = UInt32(
            IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

        func start() -> Result<Void, WatchError> {
            descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard descriptor >= 0 else {
                let reason = errno == EMFILE
                    ? "the limit of inotify instances is reached (fs.inotify.max_user_instances)"
                    : NoteFile.describe(errno)
                return .failure(WatchError(reason))
            }
            guard watchFolders(under: "") else {
                close(descriptor)
                return .failure(WatchError(failure ?? "cannot watch the folder"))
            }
            return .success(())
        }

        struct WatchError: Error, CustomStringConvertible {
            let description: String
            init(_ description: String) { self.description = description }
        }

        /// Watches a folder and every folder under it; false when the system refuses a watch.
        private func watchFolders(under relative: String) -> Bool {
            // The vault's own walk decides, with the vault's rules for symbolic
            // links (one to a folder of the vault is not watched under its name).
            let listing = FolderWalk.list(root: root, under: relative)
            var info = stat()
            let isLink = !relative.isEmpty && lstat(root + "/" + relative, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
            // A followed link is listed among the folders; a real folder is not.
            for folder in (isLink ? [] : [relative]) + listing.folders {
                let watch = inotify_add_watch(descriptor, folder.isEmpty ? root : root + "/" + folder, Self.mask)
                if watch >= 0 {
                    // The kernel gives a folder reached twice its first watch again: keep its first name.
                    if folders[watch] == nil { folders[watch] = folder }
                } else if errno == ENOSPC {
                    failure = "the limit of inotify watches is reached (fs.inotify.max_user_watches)"
                    return false
                } else if errno != ENOENT && errno != ENOTDIR {
                    failure = "cannot watch \(folder.isEmpty ? "." : folder): \(NoteFile.describe(errno))"
                    return false
                }  // A folder gone since the walk: its deletion is reported by its parent.
            }
            return true
        }

        /// Stops watching a folder and every folder under it (deleted, or moved away).
        private func forgetFolders(under relative: String) {
            let prefix = relative + "/"
            for (watch, folder) in folders where folder == relative || folder.hasPrefix(prefix) {
                folders[watch] = nil
                inotify_rm_watch(descriptor, watch)
            }
        }

        /// Reads events until stopped, reporting each burst once it has lasted
        /// `burstMilliseconds`.
        func run(stopSignal: Int32, report: @Sendable (FolderWatcher.Changes) -> Void) -> Ending {
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var changes = FolderWatcher.Changes()
            var burstEnd: UInt64?
            while true {
                var waits = [
                    pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: stopSignal, events: Int16(POLLIN), revents: 0),
                ]
                let timeout = burstEnd.map { Int32(clamping: ($0 &- min($0, Self.now())) / 1_000_000) } ?? -1
                let ready = poll(&waits, 2, timeout)
                if ready < 0 && errno != EINTR { failure = NoteFile.describe(errno); return .failed }
                if waits[1].revents != 0 { return .stopped }
                if waits[0].revents != 0 {
                    while true {
                        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                        if count < 0 && errno == EINTR { continue }
                        guard count > 0 else { break }
                        buffer.withUnsafeBytes { take(events: UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &changes) }
                        if failure != nil { return .failed }
                    }
                    if burstEnd == nil && !changes.isEmpty {
                        burstEnd = Self.now() + UInt64(FolderWatcher.burstMilliseconds) * 1_000_000
                    }
                }
                if let end = burstEnd, Self.now() >= end {
                    report(changes)
                    changes = FolderWatcher.Changes()
                    burstEnd = nil
                }
            }
        }

        private static func now() -> UInt64 {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
        }

        /// Turns a buffer of `inotify_event`s into changed paths.
        private func take(events: UnsafeRawBufferPointer, into changes: inout FolderWatcher.Changes) {
            let headerSize = MemoryLayout<inotify_event>.size
            var offset = 0
            while offset + headerSize <= events.count {
                let event = events.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                let nameBytes = events[(offset + headerSize)..<min(events.count, offset + headerSize + Int(event.len))]
                offset += headerSize + Int(event.len)
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                take(event, name: name, into: &changes)
            }
        }

        private func take(_ event: inotify_event, name: String, into changes: inout FolderWatcher.Changes) {
            let mask = event.mask
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                changes.rescanReason = "the kernel's queue of file events overflowed"
                // Folders created meanwhile need watches too (a folder already watched keeps its watch).
                _ = watchFolders(under: "")
                return
            }
            guard let folder = folders[event.wd] else { return }  // A watch removed on purpose.
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[event.wd] = nil
                if folder.isEmpty {
                    // The vault's folder itself was replaced or removed: no watch
                    // can follow that path, so it is walked from now on.
                    failure = "the watch on the vault's folder ended (moved, deleted or replaced)"
                    return
                }
                var info = stat()
                if stat(folder.isEmpty ? root : root + "/" + folder, &info) == 0 {
                    // The folder is still there, but its watch is gone: events may have been missed.
                    changes.rescanReason = "the watch on \(folder.isEmpty ? "the vault's folder" : folder) was lost"
                    _ = watchFolders(under: folder)
                } else if !folder.isEmpty {
                    changes.paths.insert(folder)
                }
                return
            }
            if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                // The watches follow a moved folder, not its path: the vault's path is walked from now on.
                if folder.isEmpty { failure = "the vault's folder was moved or deleted" }
                return  // A folder inside is reported by its parent.
            }
            guard !name.isEmpty, !name.hasPrefix(".") else { return }  // Hidden files and folders are not the vault's.
            let path = folder.isEmpty ? name : folder + "/" + name
            var info = stat()
            if mask & UInt32(IN_ISDIR) == 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                lstat(root + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
                stat(root + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR
            {
                // A symbolic link to a folder: watched when the vault's rules follow it.
                if !watchFolders(under: path) { return }
            } else if mask & UInt32(IN_ISDIR) != 0 {
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    // Files written into it before its watch existed are found when the folder is read.
                    if !watchFolders(under: path) { return }
                } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                    forgetFolders(under: path)
                }
            }
            changes.paths.insert(path)
        }
    }
#endif
