#if canImport(Glibc)
    import Glibc
#endif
import Dispatch
import FoundationEssentials
import Synchronization
import VaultIndex
import VaultParser

/// Loads a vault folder from disk: walks it, reads and parses every note in
/// parallel, and builds the ``VaultIndex/Vault``.
public enum VaultLoader {
    /// A file or folder that was skipped or repaired, with the reason.
    public struct Remark: Sendable, Equatable, CustomStringConvertible {
        /// Vault-relative path.
        public let path: String
        public let message: String
        public var description: String { "\(path): \(message)" }
    }

    public struct Loaded: Sendable {
        public let vault: Vault
        /// What `.obsidian/app.json` says (defaults when it is missing or broken).
        public let settings: ObsidianSettings
        /// Odd files, in path order: each was skipped or repaired, and the rest loaded.
        public let remarks: [Remark]
    }

    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Loads the vault whose root folder is `root`.
    public static func load(root: String) throws(LoadError) -> Loaded {
        var info = stat()
        guard stat(root, &info) == 0 else {
            let reason = errno == ENOENT || errno == ENOTDIR ? "the folder does not exist" : NoteFile.describe(errno)
            throw LoadError(description: "cannot open the vault '\(root)': \(reason)")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw LoadError(description: "the vault '\(root)' is not a folder")
        }
        var remarks: [Remark] = []
        let settings = ObsidianSettings.read(vaultRoot: root)
        if let problem = settings.problem { remarks.append(Remark(path: ".obsidian/app.json", message: problem)) }
        let exclusion = ExclusionFilter(settings.userIgnoreFilters)
        for rejected in exclusion.rejected {
            remarks.append(Remark(path: ".obsidian/app.json", message: "ignore filter \(rejected)"))
        }

        let listing = FolderWalk.list(root: root)
        remarks += listing.remarks
        // Worker threads read, parse and prepare notes; this thread files each
        // note into the index as soon as it is ready, in listing order. The
        // workers start first, so that reading overlaps registering file names.
        let reading = ParallelReading(root: root, paths: listing.notes, exclusion: exclusion)
        var builder = Vault.Builder(notePaths: listing.notes, attachments: listing.attachments, exclusion: exclusion)
        reading.publish(builder.fileNames)
        for index in listing.notes.indices {
            switch reading.take(index) {
            case .note(let note, let remark):
                builder.add(note, at: index)
                if let remark { remarks.append(Remark(path: listing.notes[index], message: remark)) }
            case .skipped(let reason):
                builder.skip(at: index)
                remarks.append(Remark(path: listing.notes[index], message: "skipped: \(reason)"))
            }
        }
        let vault = builder.finish()
        return Loaded(vault: vault, settings: settings, remarks: remarks.sorted { $0.path < $1.path })
    }

    enum Outcome {
        case note(Vault.PreparedNote, remark: String?)
        case skipped(reason: String)
    }
}

/// Reads, parses and prepares notes on every core, claiming a few files at a
/// time; ``take(_:)`` hands each one over as soon as it is ready.
///
/// There is one worker fewer than cores: the thread that takes notes reads
/// some too, whenever the note it needs is not ready, instead of sleeping
/// (one more thread than cores only takes turns, and costs a sixth of the
/// load's time in switching).
final class ParallelReading: @unchecked Sendable {
    private let root: String
    private let paths: [String]
    private let exclusion: ExclusionFilter
    private let slots: UnsafeMutableBufferPointer<VaultLoader.Outcome?>
    /// One flag per note: its slot is filled.
    private let ready: UnsafeMutablePointer<Atomic<Bool>>
    private let count: Int
    /// The first note no thread has claimed yet.
    private let next = Atomic<Int>(0)
    /// The note the taking thread sleeps until, or -1; workers wake it only then.
    private let awaited = Atomic<Int>(-1)
    private let wakeUp = DispatchSemaphore(value: 0)
    /// Notes are claimed in batches: one thread reads a batch in order.
    private static let batch = 8
    /// Workers stay at most this many notes ahead of the thread that indexes
    /// them. Waiting notes cost little more than the vault keeps of them
    /// anyway, and a wide window keeps the workers busy while the indexing
    /// thread registers the listing's file names.
    private static let window = 4096
    /// How many notes were taken; the oldest untaken note may always be read.
    private let taken = Atomic<Int>(0)
    /// The vault's file names, once the indexing thread has registered them.
    private let fileNames = Mutex<Vault.FileNames?>(nil)
    /// The vault's root folder, open for `openat` (-1 if it could not be opened: paths are then absolute).
    private let rootFolder: Int32
    /// The taking thread's own parsing lists and copy of the file names.
    private let takerBuffers = Note.ParsingBuffers()
    private var takerNames: Vault.FileNames?

    init(root: String, paths: [String], exclusion: ExclusionFilter) {
        self.root = root
        self.paths = paths
        self.exclusion = exclusion
        rootFolder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        count = paths.count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
        ready = .allocate(capacity: count)
        for index in 0..<count { (ready + index).initialize(to: Atomic(false)) }
        MallocArena.growInLargeSteps()
        let batch = Self.batch
        let workerCount = max(1, min(System.coreCount - 1, (count + batch - 1) / batch))
        // Threads of their own, not Dispatch's pool: the loading thread waits on
        // them, and two vaults loading at once must not starve each other.
        for _ in 0..<workerCount {
            WorkerThread.start { [self] in
                let buffers = Note.ParsingBuffers()
                var names: Vault.FileNames?
                while true {
                    let start = next.add(batch, ordering: .relaxed).oldValue
                    if start >= count { break }
                    for index in start..<min(start + batch, count) {
                        while index >= taken.load(ordering: .acquiring) + Self.window { usleep(100) }
                        read(index, buffers: buffers, names: &names)
                    }
                }
            }
        }
    }

    deinit {
        if rootFolder >= 0 { close(rootFolder) }
        slots.deinitialize()
        slots.deallocate()
        ready.deinitialize(count: count)
        ready.deallocate()
    }

    /// Reads, parses and prepares one note into its slot; `names` is the
    /// calling thread's copy of the file names, fetched once they are published.
    private func read(_ index: Int, buffers: Note.ParsingBuffers, names: inout Vault.FileNames?) {
        let path = paths[index]
        let outcome = rootFolder >= 0
            ? NoteFile.read(path, inFolder: rootFolder, buffers: buffers) : NoteFile.read(root + "/" + path, buffers: buffers)
        // Notes read before the names are published leave their names to the
        // indexing thread: better than waiting.
        if names == nil { names = fileNames.withLock { $0 } }
        slots[index] = Self.prepare(outcome, path: path, exclusion: exclusion, fileNames: names)
        ready[index].store(true, ordering: .sequentiallyConsistent)
        if awaited.load(ordering: .sequentiallyConsistent) == index { wakeUp.signal() }
    }

    /// The note at an index, waiting for it if needed; each index is taken once.
    func take(_ index: Int) -> VaultLoader.Outcome {
        while !ready[index].load(ordering: .acquiring) {
            // Read an unclaimed batch meanwhile, if one is left within the window.
            var start = next.load(ordering: .relaxed)
            while start < min(count, index + Self.window) {
                let claim = next.compareExchange(
                    expected: start, desired: start + Self.batch, ordering: .relaxed)
                if claim.exchanged { break }
                start = claim.original
            }
            if start < min(count, index + Self.window) {
                for claimed in start..<min(start + Self.batch, count) {
                    read(claimed, buffers: takerBuffers, names: &takerNames)
                }
                continue
            }
            // Nothing left to read: sleep until the end of the note's batch is
            // read, one wake-up per batch (a batch's notes are read in order).
            let last = min((index / Self.batch + 1) * Self.batch, count) - 1
            awaited.store(last, ordering: .sequentiallyConsistent)
            if !ready[last].load(ordering: .sequentiallyConsistent) { wakeUp.wait() }
            awaited.store(-1, ordering: .relaxed)
            // A wake-up meant for an earlier wait may end this one early: check again.
        }
        let outcome = slots[index]!
        slots[index] = nil
        taken.store(index + 1, ordering: .releasing)
        return outcome
    }

    /// Hands the workers the vault's file names (once).
    func publish(_ names: Vault.FileNames) {
        fileNames.withLock { $0 = names }
    }

    private static func prepare(
        _ read: NoteFile.Outcome, path: String, exclusion: ExclusionFilter, fileNames: Vault.FileNames?
    ) -> VaultLoader.Outcome {
        switch read {
        case .note(let note, let remark):
            return .note(Vault.prepare(path: path, note: note, exclusion: exclusion, fileNames: fileNames), remark: remark)
        case .skipped(let reason):
            return .skipped(reason: reason)
        }
    }
}

/// Detached POSIX threads, each running one closure. Nothing joins them:
/// whoever needs their work waits for the work itself, and a closure keeps
/// what it uses alive until it returns (the last release may then happen on
/// its own thread, where joining itself would fail and leak the thread).
enum WorkerThread {
    static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { argument in
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        precondition(created == 0, "cannot start a thread: \(created)")
        pthread_detach(thread)
    }

    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}

enum System {
    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension VaultLoader {
    /// The vault-relative paths of the files under a folder of the vault ("" for all of it; hidden ones skipped).
    public static func files(under folder: String, root: String) -> [String] {
        let listing = FolderWalk.list(root: root, under: folder)
        return listing.notes + listing.attachments
    }
}
