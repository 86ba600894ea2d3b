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
            throw LoadError(description: "cannot open the vault '\(root)': \(NoteFile.describe(errno))")
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
        let outcomes = readInParallel(root: root, paths: listing.notes, exclusion: exclusion)
        var notes: [Vault.PreparedNote] = []
        notes.reserveCapacity(listing.notes.count)
        for (path, outcome) in zip(listing.notes, outcomes) {
            switch outcome {
            case .note(let note, let remark):
                notes.append(note)
                if let remark { remarks.append(Remark(path: path, message: remark)) }
            case .skipped(let reason):
                remarks.append(Remark(path: path, message: "skipped: \(reason)"))
            }
        }
        let vault = Vault(prepared: notes, attachments: listing.attachments, exclusion: exclusion)
        return Loaded(vault: vault, remarks: remarks.sorted { $0.path < $1.path })
    }

    enum Outcome {
        case note(Vault.PreparedNote, remark: String?)
        case skipped(reason: String)
    }

    /// Reads, parses and prepares notes on every core, claiming a few files at a time.
    static func readInParallel(root: String, paths: [String], exclusion: ExclusionFilter) -> [Outcome] {
        let results = UnsafeMutableBufferPointer<Outcome?>.allocate(capacity: paths.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let next = Atomic<Int>(0)
        let batch = 8
        let workers = max(1, min(System.coreCount, (paths.count + batch - 1) / batch))
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let start = next.add(batch, ordering: .relaxed).oldValue
                if start >= paths.count { break }
                for index in start..<min(start + batch, paths.count) {
                    switch NoteFile.read(root + "/" + paths[index]) {
                    case .note(let note, let remark):
                        let prepared = Vault.prepare(path: paths[index], note: note, exclusion: exclusion)
                        slots[index] = .note(prepared, remark: remark)
                    case .skipped(let reason):
                        slots[index] = .skipped(reason: reason)
                    }
                }
            }
        }
        return results.map { $0! }
    }
}

enum System {
    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension VaultLoader {
    /// The vault-relative paths of the files under a folder of the vault (hidden ones skipped).
    public static func files(under folder: String, root: String) -> [String] {
        let listing = FolderWalk.list(root: root + "/" + folder)
        return (listing.notes + listing.attachments).map { folder + "/" + $0 }
    }
}
