#if canImport(Glibc)
    import Glibc
#endif
import VaultIndex

/// Lists a vault's files with `readdir`, skipping hidden folders (`.obsidian`,
/// `.git`, `.trash` among them) and hidden files, and symlink loops.
enum FolderWalk {
    struct Listing {
        /// Vault-relative paths of notes (`.md`), in path order.
        var notes: [String] = []
        /// Vault-relative paths of every other file, in path order.
        var attachments: [String] = []
        /// Vault-relative paths of the folders walked (not the root), for watching them.
        var folders: [String] = []
        var remarks: [VaultLoader.Remark] = []
    }

    /// A folder's identity, to notice a symbolic link leading back to a folder already walked.
    private struct FolderID: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    static func list(root: String) -> Listing {
        var listing = Listing()
        var seen: Set<FolderID> = []
        var info = stat()
        if stat(root, &info) == 0 { seen.insert(FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))) }
        var pending: [String] = [""]  // Vault-relative folders still to read.
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let handle = opendir(absolute) else {
                listing.remarks.append(
                    .init(path: folder.isEmpty ? "." : folder, message: "skipped folder: \(NoteFile.describe(errno))"))
                continue
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let path = folder.isEmpty ? name : folder + "/" + name
                var kind = entry.pointee.d_type
                if kind == UInt8(DT_LNK) || kind == UInt8(DT_UNKNOWN) {
                    // Follow symbolic links; a broken one is reported, not fatal.
                    guard stat(absolute + "/" + name, &info) == 0 else {
                        listing.remarks.append(.init(path: path, message: "skipped: \(NoteFile.describe(errno))"))
                        continue
                    }
                    kind = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                }
                if kind == UInt8(DT_DIR) {
                    guard stat(absolute + "/" + name, &info) == 0 else { continue }
                    let id = FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    guard seen.insert(id).inserted else {
                        listing.remarks.append(.init(path: path, message: "skipped: a symbolic link loop (folder already walked)"))
                        continue
                    }
                    pending.append(path)
                    listing.folders.append(path)
                } else if kind == UInt8(DT_REG) {
                    if VaultPath.isNote(path) {
                        listing.notes.append(path)
                    } else {
                        listing.attachments.append(path)
                    }
                } else {
                    listing.remarks.append(.init(path: path, message: "skipped: not a regular file or folder"))
                }
            }
        }
        listing.notes.sort()
        listing.attachments.sort()
        return listing
    }
}
