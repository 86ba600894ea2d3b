#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import VaultParser

/// Reads one note from disk, deciding what to do with odd files.
public enum NoteFile {
    /// Notes larger than this are skipped: no real note comes near it.
    public static let sizeLimit = 256 << 20

    public enum Outcome: Sendable {
        /// The note, and a remark when it needed repair (invalid UTF-8).
        case note(Note, remark: String?)
        /// The file could not be used; the reason says why.
        case skipped(reason: String)
    }

    /// Reads and parses the note at an absolute path, or at a path relative to
    /// an open folder (a vault's root: the kernel then walks only the path
    /// inside the vault, not the folders above it, for each note).
    public static func read(
        _ path: String, inFolder folder: Int32 = AT_FDCWD, buffers: Note.ParsingBuffers = Note.ParsingBuffers()
    ) -> Outcome {
        // Non-blocking: a FIFO named `.md` would otherwise block the open until
        // something writes to it (the check below then skips it). Reads of a
        // regular file are not affected.
        let fd = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return errno == ENOENT || errno == ENOTDIR ? .skipped(reason: describe(errno)) : unreadable(describe(errno)) }
        defer { close(fd) }
        let size: Int
        switch regularFileSize(fd) {
        case .failure(let reason): return reason.keepsTheName ? unreadable(reason.message) : .skipped(reason: reason.message)
        case .success(let value): size = value
        }
        // The bytes go straight into the string's storage: no second buffer, no
        // copy. Every byte is text: a NUL (sync tools pad notes with them) is a
        // character like any other.
        var failure: Int32 = 0
        var isValid = true
        var count = 0
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            (count, failure) = readFully(fd, into: buffer)
            if failure != 0 { return 0 }
            isValid = (try? UTF8Span(validating: UnsafeBufferPointer(rebasing: buffer[..<count]).span)) != nil
            return count  // Invalid sequences become U+FFFD as the string is made.
        }
        if failure != 0 { return unreadable(describe(failure)) }
        // A file that grew since fstat is read again from the start, whole.
        var probe: UInt8 = 0
        if count == size, Glibc.read(fd, &probe, 1) > 0 { return readGrowing(path, inFolder: folder) }
        return .note(Note(text: text, reusing: buffers), remark: isValid ? nil : invalidUTF8Remark)
    }

    private static let invalidUTF8Remark = "not valid UTF-8: invalid bytes read as U+FFFD"

    /// A note whose text cannot be read still is a note (Obsidian lists every
    /// `.md` file): its name stays a link target, with no text, and the log says why.
    private static func unreadable(_ reason: String) -> Outcome {
        .note(Note(text: ""), remark: "its text could not be read (\(reason)): kept as a note with no text")
    }

    /// The slow path for a file being written while it is read (or whose
    /// size the file system does not know, as in /proc).
    private static func readGrowing(_ path: String, inFolder folder: Int32) -> Outcome {
        switch readBytes(path, inFolder: folder) {
        case .failure(let reason):
            return reason.keepsTheName ? unreadable(reason.message) : .skipped(reason: reason.message)
        case .success(let bytes):
            if let text = String(validating: bytes, as: UTF8.self) { return .note(Note(text: text), remark: nil) }
            return .note(Note(bytes: bytes), remark: invalidUTF8Remark)
        }
    }

    /// The size of an open regular file, or why it cannot be read as a note.
    private static func regularFileSize(_ fd: Int32) -> Result<Int, ReadError> {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ReadError(message: describe(errno), keepsTheName: true)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(ReadError(message: "not a regular file")) }
        let size = Int(info.st_size)
        guard size <= sizeLimit else {
            return .failure(
                ReadError(message: "\(size >> 20) MiB is over the \(sizeLimit >> 20) MiB limit for a note", keepsTheName: true))
        }
        return .success(size)
    }

    /// Reads until the buffer is full or the file ends: the bytes read, and `errno` when reading failed.
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>) -> (count: Int, errno: Int32) {
        var count = 0
        while count < buffer.count {
            let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 {
                if errno == EINTR { continue }
                return (count, errno)
            }
            if n == 0 { break }
            count += n
        }
        return (count, 0)
    }

    public struct ReadError: Error, Sendable {
        public let message: String
        /// The file is there but its bytes cannot be had (too large, no
        /// permission, a read error): a note of that name still exists.
        public var keepsTheName = false
    }

    /// The whole file, read with `read(2)`; `path` is absolute or relative to `folder`.
    public static func readBytes(_ path: String, inFolder folder: Int32 = AT_FDCWD) -> Result<[UInt8], ReadError> {
        let fd = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(ReadError(message: describe(errno), keepsTheName: errno != ENOENT && errno != ENOTDIR)) }
        defer { close(fd) }
        let size: Int
        switch regularFileSize(fd) {
        case .failure(let reason): return .failure(reason)
        case .success(let value): size = value
        }
        // Read into uninitialised capacity; a file that grew since fstat is read in more rounds.
        var result: [UInt8] = []
        var capacity = size + 1
        while true {
            var failure: Int32 = 0
            let previous = result
            result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                let start = previous.count
                if start > 0 { _ = buffer.initialize(fromContentsOf: previous) }
                let read = readFully(fd, into: UnsafeMutableBufferPointer(rebasing: buffer[start...]))
                failure = read.errno
                initialized = start + read.count
            }
            if failure != 0 { return .failure(ReadError(message: describe(failure), keepsTheName: true)) }
            if result.count < capacity { return .success(result) }
            capacity *= 2
        }
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "it vanished before it could be read"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "too many symbolic links (a link loop)"
        default: return String(cString: strerror(code))
        }
    }
}
