#if canImport(Glibc)
    import Glibc
#endif
import VaultIndex

/// Lists a vault's files with `readdir`, skipping hidden folders (`.obsidian`,
/// `.git`, `.trash` among them) and hidden files, and following symbolic links
/// to folders as Obsidian does (docs/vault-syntax.md, "The vault").
enum FolderWalk {
    struct Listing {
        /// Only the paths at or under a folder of the vault.
        func restricted(to folder: String) -> Listing {
            let prefix = folder + "/"
            func keeps(_ path: String) -> Bool { path == folder || path.hasPrefix(prefix) }
            return Listing(
                notes: notes.filter(keeps), attachments: attachments.filter(keeps), folders: folders.filter(keeps),
                remarks: remarks.filter { keeps($0.path) })
        }

        /// Vault-relative paths of notes (`.md`), in path order.
        var notes: [String] = []
        /// Vault-relative paths of every other file, in path order.
        var attachments: [String] = []
        /// Vault-relative paths of the folders walked (not the root), for watching them.
        var folders: [String] = []
        var remarks: [VaultLoader.Remark] = []
    }

    /// A folder's identity, to never walk one folder twice (bind mounts can
    /// make loops that no path shows).
    private struct FolderID: Hashable {
        let device: UInt64
        let inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// A symbolic link to a folder, found in a folder being walked.
    private struct FolderLink {
        /// Vault-relative path of the link.
        let path: String
        /// Where it leads, with every link resolved.
        let target: String
    }

    /// Lists the vault at `root`, or only its folder `start`; paths in the
    /// listing are vault-relative.
    ///
    /// A symbolic link to a folder is walked, under its own name, only when its
    /// real target lies outside the vault and outside every target already
    /// walked; a link to the vault, into it or above it is left out, whatever
    /// order the folder listing gives. Links are decided after the folders
    /// holding them are read, shortest target first, so that the outcome does
    /// not depend on the listing's order.
    static func list(root: String, under start: String = "") -> Listing {
        var listing = Listing()
        let vault = realPath(root) ?? root
        var walkedTargets: [String] = []
        var seen: Set<FolderID> = []
        var info = stat()
        if stat(root, &info) == 0 { seen.insert(FolderID(info)) }
        var pending: [String] = []  // Vault-relative folders still to read.
        var links: [FolderLink] = []
        if !start.isEmpty, lstat(root + "/" + start, &info) == 0, fileKind(info) == UInt8(DT_LNK) {
            // The folder asked for is itself a link (one just made in the vault): the same rules.
            links.append(FolderLink(path: start, target: realPath(root + "/" + start) ?? start))
        } else {
            pending.append(start)
        }
        while !pending.isEmpty || !links.isEmpty {
            while let folder = pending.popLast() {
                read(folder, root: root, into: &listing, folders: &pending, links: &links, seen: &seen)
            }
            if !start.isEmpty && !links.isEmpty {
                // Whether a link under one folder is followed depends on the links
                // elsewhere in the vault (a target already brought in is not
                // brought in twice): the whole vault's walk decides, as a load would.
                return list(root: root).restricted(to: start)
            }
            links.sort { ($0.target.utf8.count, $0.path) < ($1.target.utf8.count, $1.path) }
            for link in links {
                if let reason = reasonToIgnore(link.target, vault: vault, walked: walkedTargets) {
                    listing.remarks.append(.init(path: link.path, message: "skipped: a symbolic link to \(reason)"))
                    continue
                }
                guard stat(root + "/" + link.path, &info) == 0, seen.insert(FolderID(info)).inserted else {
                    listing.remarks.append(.init(path: link.path, message: "skipped: a folder already walked"))
                    continue
                }
                walkedTargets.append(link.target)
                pending.append(link.path)
                listing.folders.append(link.path)
            }
            links.removeAll()
        }
        listing.notes.sort()
        listing.attachments.sort()
        return listing
    }

    /// Reads one folder: files into the listing, real subfolders into
    /// `folders`, symbolic links to folders into `links` (decided later).
    private static func read(
        _ folder: String, root: String, into listing: inout Listing, folders: inout [String], links: inout [FolderLink],
        seen: inout Set<FolderID>
    ) {
        let absolute = folder.isEmpty ? root : root + "/" + folder
        guard let handle = opendir(absolute) else {
            listing.remarks.append(
                .init(path: folder.isEmpty ? "." : folder, message: "skipped folder: \(NoteFile.describe(errno))"))
            return
        }
        defer { closedir(handle) }
        var info = stat()
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = folder.isEmpty ? name : folder + "/" + name
            // Made only when asked: most entries are files that need no `stat`.
            var entryPath: String { absolute + "/" + name }
            var kind = entry.pointee.d_type
            if kind == UInt8(DT_UNKNOWN) {
                guard lstat(entryPath, &info) == 0 else { continue }
                kind = fileKind(info)
            }
            if kind == UInt8(DT_LNK) {
                // A broken link is reported, not fatal.
                guard stat(entryPath, &info) == 0 else {
                    listing.remarks.append(.init(path: path, message: "skipped: \(NoteFile.describe(errno))"))
                    continue
                }
                if fileKind(info) == UInt8(DT_DIR) {
                    let linkPath = entryPath
                    links.append(FolderLink(path: path, target: realPath(linkPath) ?? linkPath))
                    continue
                }
                kind = fileKind(info)
            }
            if kind == UInt8(DT_DIR) {
                guard stat(entryPath, &info) == 0 else { continue }
                guard seen.insert(FolderID(info)).inserted else {
                    listing.remarks.append(.init(path: path, message: "skipped: a folder already walked"))
                    continue
                }
                folders.append(path)
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

    /// Why a symbolic link to the folder `target` is not walked, or nil to walk it.
    private static func reasonToIgnore(_ target: String, vault: String, walked: [String]) -> String? {
        if target == vault { return "the vault itself" }
        if isInside(target, vault) { return "a folder inside the vault (\(String(target.utf8.dropFirst(vault.utf8.count + 1))!))" }
        if isInside(vault, target) { return "a folder above the vault (\(target))" }
        for other in walked where other == target || isInside(target, other) || isInside(other, target) {
            return "a folder that another symbolic link already brings into the vault (\(target))"
        }
        return nil
    }

    /// Whether `path` lies strictly inside `folder` (both absolute, links resolved).
    private static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    private static func fileKind(_ info: stat) -> UInt8 {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFREG: return UInt8(DT_REG)
        case S_IFLNK: return UInt8(DT_LNK)
        default: return 0
        }
    }

    /// The absolute path with every symbolic link resolved, or nil when it cannot be.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
