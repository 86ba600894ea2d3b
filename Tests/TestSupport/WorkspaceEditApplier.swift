import Foundation
import VaultProtocol

/// Applies a WorkspaceEdit to files on disk as an editor would: text edits
/// (all against the text before the edit) and file renames, in order.
public enum WorkspaceEditApplier {
    public enum Unit {
        case utf8
        case utf16
    }

    public static func apply(_ edit: JSON, unit: Unit = .utf16) throws {
        if let changes = edit["changes"]?.objectValue {
            for (uri, edits) in changes { try applyEdits(edits.arrayValue ?? [], to: path(uri), unit: unit) }
        }
        for change in edit["documentChanges"]?.arrayValue ?? [] {
            if change["kind"] == "rename" {
                let from = path(change["oldUri"]!.stringValue!)
                let to = path(change["newUri"]!.stringValue!)
                try FileManager.default.createDirectory(
                    atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: from, toPath: to)
            } else if let uri = change["textDocument"]?["uri"]?.stringValue {
                try applyEdits(change["edits"]?.arrayValue ?? [], to: path(uri), unit: unit)
            }
        }
    }

    static func path(_ uri: String) -> String { URL(string: uri)!.path }

    static func applyEdits(_ edits: [JSON], to path: String, unit: Unit) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var bytes = Array(text.utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func offset(_ position: JSON) -> Int {
            let line = position["line"]!.intValue!
            let character = position["character"]!.intValue!
            var offset = lines[..<line].reduce(0) { $0 + $1.utf8.count + 1 }
            let lineText = lines[line]
            switch unit {
            case .utf8: offset += character
            case .utf16:
                let index = String.Index(utf16Offset: character, in: lineText)
                offset += lineText.utf8.distance(from: lineText.startIndex, to: index)
            }
            return offset
        }
        let ranges = edits.map { (offset($0["range"]!["start"]!), offset($0["range"]!["end"]!), $0["newText"]!.stringValue!) }
        for (start, end, newText) in ranges.sorted(by: { $0.0 > $1.0 }) {
            bytes.replaceSubrange(start..<end, with: Array(newText.utf8))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
