import Foundation
import TestSupport
import Testing
import VaultFiles
import VaultIndex
import VaultParser
import VaultProtocol

/// Random renames of notes, headings, blocks and folders on generated vaults,
/// made the way editors make them, with the running server: after each one,
/// every link resolves to the same note, heading and block as before, and the
/// server's index equals a fresh load of the files on disk.
@Suite struct RenamePropertyTests {
    static let client: JSON = [
        "workspace": ["workspaceEdit": ["documentChanges": true, "resourceOperations": ["create", "rename", "delete"]]],
    ]

    @Test(arguments: 0..<32 as Range<UInt64>) func randomRenamesKeepEveryLink(seed: UInt64) throws {
        var random = SplitMix(seed: seed &+ 0x5EED)
        let folder = TemporaryFolder()
        GeneratedNotes.write(into: folder, random: &random)
        let server = DirectServer(root: folder.path, capabilities: Self.client)
        var run = Run(folder: folder, server: server)
        let before = linkTargets(try VaultLoader.load(root: folder.path).vault)
        #expect(indexSnapshot(server.vault) == indexSnapshot(try VaultLoader.load(root: folder.path).vault))
        for step in 0..<10 {
            let done = try run.randomRename(&random)
            let fresh = try VaultLoader.load(root: folder.path).vault
            let context = "seed \(seed), step \(step): \(done)"
            let after = linkTargets(fresh, naming: run.originalPath)
            #expect(after == before, "every link kept its target, \(context): \(difference(before, after))")
            let live = indexSnapshot(server.vault)
            let loaded = indexSnapshot(fresh)
            #expect(live == loaded, "the server's index is a fresh load's, \(context): \(difference(loaded, live))")
            if after != before || live != loaded { break }
        }
    }

    /// Moving a folder as an editor does, with the watched-file events for the
    /// edited notes at every place in the sequence, or none.
    @Test(arguments: Run.MoveEvents.allCases) func aFolderMoveKeepsItsNotesInTheIndex(events: Run.MoveEvents) throws {
        let folder = TemporaryFolder()
        folder.write("Plugins/Core plugins.md", "[[Plugins/Daily notes]] [d](Daily%20notes.md)\n")
        folder.write("Plugins/Daily notes.md", "# Daily notes\n[[Core plugins]]\n")
        folder.write("Home.md", "[[Core plugins]] [[Daily notes#Daily notes]]\n")
        let server = DirectServer(root: folder.path, capabilities: Self.client)
        var run = Run(folder: folder, server: server)
        try run.moveInFileTree(from: "Plugins", to: "Plugins & more", events: events)
        #expect(folder.read("Plugins & more/Core plugins.md") == "[[Plugins & more/Daily notes]] [d](Daily%20notes.md)\n")
        let fresh = try VaultLoader.load(root: folder.path).vault
        #expect(indexSnapshot(server.vault) == indexSnapshot(fresh), "\(difference(indexSnapshot(fresh), indexSnapshot(server.vault)))")
        let definition = server.request("textDocument/definition", [
            "textDocument": ["uri": .string(LSPClient.fileURI(folder.path + "/Home.md"))], "position": ["line": 0, "character": 3],
        ])?["result"]?.arrayValue?.first?["uri"]?.stringValue.flatMap { URL(string: $0)?.path }
        #expect(definition == folder.path + "/Plugins & more/Core plugins.md")
    }
}

/// The lines only one side has, a few of each: `-` expected, `+` found.
func difference(_ expected: [String], _ found: [String]) -> String {
    let missing = Set(expected).subtracting(found).sorted().prefix(8).map { "- " + $0 }
    let extra = Set(found).subtracting(expected).sorted().prefix(8).map { "+ " + $0 }
    return (missing + extra).joined(separator: "\n")
}

/// Notes with shared names, folders, title headings, headings with
/// punctuation, block ids, and links of every form between them.
enum GeneratedNotes {
    static let names = ["Apple", "Birch", "Cedar", "Daisy", "Elm pieces", "Fern & co", "Grove (old)", "Hazel's", "Iris", "Juniper"]
    static let folders = ["", "Alpha", "Beta", "Alpha/Deep", "Gamma & more"]
    static let headingTails = ["", ": `run()`", " (v1.2)", ", notes", " #1", " 50%"]

    struct Planned {
        let path: String
        let title: Bool
        let headings: [String]
        let blocks: [String]
    }

    static func write(into folder: TemporaryFolder, random: inout SplitMix) {
        var notes: [Planned] = []
        for (index, name) in names.enumerated() {
            let place = folders[Int(random.next() % UInt64(folders.count))]
            let headings = (0..<(1 + Int(random.next() % 3))).map { "Part \(index)-\($0)" + headingTails[Int(random.next() % UInt64(headingTails.count))] }
            var blocks = (0..<Int(random.next() % 3)).map { "b\(index)x\($0)" }
            // Some ids end the first heading's line instead.
            if random.next() % 3 == 0 { blocks.append("h\(index)") }
            notes.append(Planned(path: VaultPath.join(place, name + ".md"), title: random.next() % 3 != 0, headings: headings, blocks: blocks))
        }
        // A name two notes share.
        let shared = notes[Int(random.next() % UInt64(notes.count))]
        let otherFolder = folders.first { $0 != VaultPath.folder(shared.path) }!
        notes.append(Planned(path: VaultPath.join(otherFolder, VaultPath.fileName(shared.path)), title: false, headings: ["Twin part"], blocks: []))
        let sharedNames = Set(Dictionary(grouping: notes, by: { VaultPath.noteName($0.path).lowercased() }).filter { $0.value.count > 1 }.keys)

        for note in notes {
            var lines: [String] = []
            var links: [String] = []
            for _ in 0..<(2 + Int(random.next() % 5)) {
                let target = notes[Int(random.next() % UInt64(notes.count))]
                links.append(link(to: target, from: note, sharedNames: sharedNames, random: &random))
            }
            if random.next() % 4 == 0 { lines += ["---", "up: \"\(link(to: notes[0], from: note, sharedNames: sharedNames, plain: true, random: &random))\"", "---"] }
            if note.title { lines.append("# " + VaultPath.noteName(note.path)) }
            lines.append("Intro text of the note.")
            var pending = links
            let headingBlock = note.blocks.last.flatMap { $0.hasPrefix("h") ? $0 : nil }
            let paragraphBlocks = note.blocks.filter { !$0.hasPrefix("h") }
            for (index, heading) in note.headings.enumerated() {
                lines += ["", "## " + heading + (index == 0 ? headingBlock.map { " ^" + $0 } ?? "" : ""), "Text " + pending.prefix(2).joined(separator: " ")]
                pending = Array(pending.dropFirst(2))
                if index < paragraphBlocks.count { lines[lines.count - 1] += (random.next() % 2 == 0 ? " ^" : "^") + paragraphBlocks[index] }
            }
            if !pending.isEmpty { lines += ["", "- " + pending.joined(separator: " ")] }
            folder.write(note.path, lines.joined(separator: "\n") + "\n")
        }
    }

    /// A link of a random form to `target`, written in `source`.
    static func link(to target: Planned, from source: Planned, sharedNames: Set<String>, plain: Bool = false, random: inout SplitMix) -> String {
        let name = VaultPath.noteName(target.path)
        let wikiTarget = sharedNames.contains(name.lowercased()) ? VaultPath.droppingMarkdownExtension(target.path) : name
        var subpath = ""
        switch random.next() % 6 {
        case 0 where !target.headings.isEmpty:
            let heading = target.headings[Int(random.next() % UInt64(target.headings.count))]
            subpath = "#" + (random.next() % 2 == 0 ? HeadingMatching.linkText(heading) : HeadingMatching.key(heading))
        case 1 where !target.blocks.isEmpty: subpath = "#^" + target.blocks[Int(random.next() % UInt64(target.blocks.count))]
        case 2 where target.title: subpath = "#" + name
        default: break
        }
        if plain { return "[[\(wikiTarget)\(subpath)]]" }
        switch random.next() % 5 {
        case 0: return "[[\(wikiTarget)\(subpath)|shown]]"
        case 1: return "![[\(wikiTarget)\(subpath)]]"
        case 2:
            let relative = relativePath(from: VaultPath.folder(source.path), to: target.path)
            let fragment = subpath.isEmpty ? "" : "#" + PercentDecoding.encode(String(subpath.dropFirst()))
            return "[x](\(PercentDecoding.encode(relative))\(fragment))"
        case 3 where subpath.isEmpty: return "[y](<\(relativePath(from: VaultPath.folder(source.path), to: target.path))>)"
        default: return "[[\(wikiTarget)\(subpath)]]"
        }
    }

    static func relativePath(from folder: String, to path: String) -> String {
        var from = folder.split(separator: "/").map(String.init)
        var to = path.split(separator: "/").map(String.init)
        while !from.isEmpty, to.count > 1, from[0] == to[0] {
            from.removeFirst()
            to.removeFirst()
        }
        return (Array(repeating: "..", count: from.count) + to).joined(separator: "/")
    }
}

/// One generated vault being renamed, on disk and through the server.
struct Run {
    let folder: TemporaryFolder
    let server: DirectServer
    /// What each path was first called.
    private var originals: [String: String] = [:]
    private var counter = 0

    init(folder: TemporaryFolder, server: DirectServer) {
        self.folder = folder
        self.server = server
    }

    func originalPath(_ path: String) -> String { originals[path] ?? path }

    /// Where the editor's watched-file events for the notes a file-tree move
    /// edited come, or that they never come.
    enum MoveEvents: CaseIterable, Sendable {
        case beforeTheDiskMove
        case afterTheDiskMove
        case afterDidRenameFiles
        case none
        case asAFileWatcherSeesTheMove
    }

    private mutating func moved(_ old: String, to new: String) {
        for (path, original) in originals where path == old || path.hasPrefix(old + "/") {
            originals[path] = nil
            originals[new + path.dropFirst(old.count)] = original
        }
        let vault = try! VaultLoader.load(root: folder.path).vault
        for path in vault.notePaths + vault.attachmentPaths where (path == new || path.hasPrefix(new + "/")) {
            if originals[path] == nil { originals[path] = old + path.dropFirst(new.count) }
        }
    }

    private func uri(_ path: String) -> JSON { .string(LSPClient.fileURI(folder.path + "/" + path)) }

    private func changed(_ paths: [String], type: Int = 2) {
        guard !paths.isEmpty else { return }
        server.notify("workspace/didChangeWatchedFiles", ["changes": .array(paths.map { ["uri": uri($0), "type": .int(type)] })])
    }

    /// The vault paths an edit changes the text of.
    private func editedPaths(_ edit: JSON) -> [String] {
        (edit["documentChanges"]?.arrayValue ?? []).compactMap { change in
            change["textDocument"]?["uri"]?.stringValue.map { String(URL(string: $0)!.path.dropFirst(folder.path.count + 1)) }
        }
    }

    /// A file or folder moved in the editor's file tree: `willRenameFiles`,
    /// the edit applied, the move on disk, `didRenameFiles`, and the events.
    mutating func moveInFileTree(from old: String, to new: String, events: MoveEvents) throws {
        let files: JSON = ["files": [["oldUri": uri(old), "newUri": uri(new)]]]
        let edit = server.request("workspace/willRenameFiles", files)?["result"] ?? .null
        if edit != .null { try WorkspaceEditApplier.apply(edit) }
        let edited = edit == .null ? [] : editedPaths(edit)
        if events == .beforeTheDiskMove { changed(edited) }
        try FileManager.default.createDirectory(
            atPath: (folder.path + "/" + new as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: folder.path + "/" + old, toPath: folder.path + "/" + new)
        if events == .afterTheDiskMove { changed(edited) }
        if events == .asAFileWatcherSeesTheMove {
            changed([old], type: 3)
            changed([new], type: 1)
        }
        server.notify("workspace/didRenameFiles", files)
        if events == .afterDidRenameFiles { changed(edited) }
        moved(old, to: new)
    }

    /// One random rename; returns what it did.
    mutating func randomRename(_ random: inout SplitMix) throws -> String {
        counter += 1
        let vault = server.vault
        let notes = vault.notePaths
        let note = notes[Int(random.next() % UInt64(notes.count))]
        let record = vault.record(at: note)!.note
        switch random.next() % 6 {
        case 0, 1:
            // A note, from a link to it or from plain text in it.
            let id = vault.id(of: note)!
            let backlinks = vault.backlinks(to: id).filter { vault.link($0).location == .body }
            let newName = ["Kiwi \(counter)", "Lime & \(counter)", "Beta/Mango \(counter)", "Alpha/Deep/Nut (\(counter))", GeneratedNotes.names[Int(random.next() % 10)]][Int(random.next() % 5)]
            let at: (String, Int)
            if let ref = backlinks.first, random.next() % 2 == 0 {
                let link = vault.link(ref)
                at = (vault.path(of: ref.file), link.targetRange.lowerBound + 1)
            } else {
                at = (note, Array(record.text.utf8).firstRange(of: Array("Intro".utf8))!.lowerBound + 2)
            }
            let edit = rename(at: at, to: newName)
            guard let edit else { return "renaming \(note) to \(newName): refused" }
            let moves = (edit["documentChanges"]?.arrayValue ?? []).filter { $0["kind"] == "rename" }
            let edited = editedPaths(edit)
            try WorkspaceEditApplier.apply(edit)
            for move in moves {
                let from = String(URL(string: move["oldUri"]!.stringValue!)!.path.dropFirst(folder.path.count + 1))
                let to = String(URL(string: move["newUri"]!.stringValue!)!.path.dropFirst(folder.path.count + 1))
                // The editor moved the file itself: its watcher reports it, in either order.
                if random.next() % 2 == 0 {
                    changed([from], type: 3)
                    changed([to], type: 1)
                } else {
                    changed([to], type: 1)
                    changed([from], type: 3)
                }
                moved(from, to: to)
            }
            let renamedPaths = Set(moves.compactMap { $0["oldUri"]?.stringValue })
            changed(edited.filter { !renamedPaths.contains(LSPClient.fileURI(folder.path + "/" + $0)) })
            return "renamed the note \(note) to \(newName) from \(at.0)"
        case 2 where !record.headings.isEmpty:
            let index = Int(random.next() % UInt64(record.headings.count))
            let newText = "Topic \(counter)" + GeneratedNotes.headingTails[Int(random.next() % UInt64(GeneratedNotes.headingTails.count))]
                .replacingOccurrences(of: "#", with: "n")
            let edit = rename(at: (note, record.headings[index].textRange.lowerBound + 1), to: newText)
            guard let edit else { return "renaming a heading of \(note): refused" }
            try WorkspaceEditApplier.apply(edit)
            changed(editedPaths(edit))
            return "renamed the heading '\(record.headings[index].text)' of \(note) to '\(newText)'"
        case 3 where !record.blockIDs.isEmpty:
            let block = record.blockIDs[Int(random.next() % UInt64(record.blockIDs.count))]
            let edit = rename(at: (note, block.range.lowerBound + 2), to: "id\(counter)")
            guard let edit else { return "renaming a block of \(note): refused" }
            try WorkspaceEditApplier.apply(edit)
            changed(editedPaths(edit))
            return "renamed the block ^\(block.id) of \(note) to ^id\(counter)"
        case 4:
            // A note moved in the file tree.
            let target = ["", "Beta", "Omega"][Int(random.next() % 3)]
            let new = VaultPath.join(target, "Moved \(counter).md")
            let events = Run.MoveEvents.allCases[Int(random.next() % UInt64(Run.MoveEvents.allCases.count))]
            try moveInFileTree(from: note, to: new, events: events)
            return "moved \(note) to \(new) in the file tree, events \(events)"
        default:
            // A folder moved in the file tree, beside itself or into another folder.
            let folders = Set(notes.map(VaultPath.folder).filter { !$0.isEmpty })
            guard let old = folders.sorted().dropFirst(Int(random.next() % UInt64(max(1, folders.count)))).first else {
                return "no folder to move"
            }
            var into = ["", "Beta", "Zeta"][Int(random.next() % 3)]
            if into == old || into.hasPrefix(old + "/") { into = "" }
            let new = VaultPath.join(into, "Folder \(counter) & co")
            let events = Run.MoveEvents.allCases[Int(random.next() % UInt64(Run.MoveEvents.allCases.count))]
            try moveInFileTree(from: old, to: new, events: events)
            return "moved the folder \(old) to \(new) in the file tree, events \(events)"
        }
    }

    /// `textDocument/rename` at a byte offset of a note on disk: the edit, or nil when refused.
    private func rename(at place: (path: String, offset: Int), to newName: String) -> JSON? {
        let text = folder.read(place.path)!
        let before = String(decoding: Array(text.utf8)[..<place.offset], as: UTF8.self)
        let line = before.split(separator: "\n", omittingEmptySubsequences: false)
        let position: JSON = ["line": .int(line.count - 1), "character": .int(line.last!.utf16.count)]
        return server.request("textDocument/rename", [
            "textDocument": ["uri": uri(place.path)], "position": position, "newName": .string(newName),
        ])?["result"]
    }
}
