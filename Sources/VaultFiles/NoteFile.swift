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

    /// Reads and parses the note at an absolute path.
    public static func read(_ path: String) -> Outcome {
        switch readBytes(path) {
        case .failure(let reason):
            return .skipped(reason: reason.message)
        case .success(let bytes):
            // A NUL byte in the first few KiB means a binary file, whatever its name.
            let hasNUL = bytes.withUnsafeBytes { $0.isEmpty ? false : memchr($0.baseAddress!, 0, min($0.count, 8192)) != nil }
            if hasNUL { return .skipped(reason: "binary content, not a Markdown note") }
            if let text = String(validating: bytes, as: UTF8.self) {
                return .note(Note(text: text), remark: nil)
            }
            return .note(Note(bytes: bytes), remark: "not valid UTF-8: invalid bytes read as U+FFFD")
        }
    }

    public struct ReadError: Error, Sendable {
        public let message: String
    }

    /// The whole file, read with `read(2)`.
    public static func readBytes(_ path: String) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadError(message: describe(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ReadError(message: describe(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(ReadError(message: "not a regular file")) }
        let size = Int(info.st_size)
        guard size <= sizeLimit else {
            return .failure(ReadError(message: "\(size >> 20) MiB is over the \(sizeLimit >> 20) MiB limit for a note"))
        }
        // Read into uninitialised capacity; a file that grew since fstat is read in more rounds.
        var result: [UInt8] = []
        var capacity = size + 1
        while true {
            var failure: Int32 = 0
            var complete = false
            let previous = result
            result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                let start = previous.count
                if start > 0 { _ = buffer.initialize(fromContentsOf: previous) }
                var count = start
                while count < buffer.count {
                    let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if n == 0 {
                        complete = true
                        break
                    }
                    count += n
                }
                initialized = count
            }
            if failure != 0 { return .failure(ReadError(message: describe(failure))) }
            if complete { return .success(result) }
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
