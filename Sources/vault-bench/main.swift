import VaultParser
import Foundation
let path = CommandLine.arguments[1]
let data = FileManager.default.contents(atPath: path)!
let note = Note(bytes: data)
for h in note.headings { print("H\(h.level) \(h.text) parent=\(h.parent.map(String.init) ?? "-")") }
for l in note.links { print("L \(l.kind) embed=\(l.isEmbed) target=\(l.target) sub=\(String(describing: l.subpath)) display=\(l.display ?? "-") ext=\(l.isExternal) loc=\(l.location)") }
for t in note.tags { print("T \(t.name) fm=\(t.inFrontmatter)") }
for b in note.blockIDs { print("B \(b.id)") }
for a in note.aliases { print("A \(a.text)") }
