import TestSupport
import Testing

@testable import VaultIndex

/// Names compare folded without being folded first: equality and hashing must
/// agree with comparing folded copies, for every kind of name.
@Suite struct NameKeyTests {
    static let equalPairs: [(String, String)] = [
        ("Memory theory 11", "memory theory 11"),
        ("MEMORY THEORY 11", "Memory Theory 11"),
        ("École", "école"),
        ("Cafe\u{301}", "café"),  // canonically equivalent
        ("\u{212A}elvin", "kelvin"),  // KELVIN SIGN folds to ASCII k
        ("", ""),
    ]

    static let differentPairs: [(String, String)] = [
        ("Memory theory 11", "Memory theory 12"),
        ("note", "notes"),
        ("École", "ecole"),
        ("a/b", "a\\b"),
        ("Straße", "strasse"),
        ("[", "{"),  // differ by 0x20 but are not letters
    ]

    @Test(arguments: equalPairs)
    func equalNamesAreEqualAndHashAlike(_ a: String, _ b: String) {
        #expect(NameKey(a) == NameKey(b))
        #expect(NameKey(a).hashValue == NameKey(b).hashValue)
        #expect(NameKey(a) == NameKey(b).folded)
        #expect(NameKey(a).folded.text == NameFolding.fold(b))
    }

    @Test(arguments: differentPairs)
    func differentNamesDiffer(_ a: String, _ b: String) {
        #expect(NameKey(a) != NameKey(b))
        #expect(NameFolding.equal(a, b) == false)
    }

    @Test(arguments: ["Note", "Some Note.md", "note.MD", "Café.md", "\u{212A}elvin", ".md", "x.mdx", "a.md.md"])
    func aBareNameKeyIsTheNameWithoutItsExtension(_ target: String) {
        let key = NameKey(bareName: target)
        let expected = NameKey(VaultPath.droppingMarkdownExtension(target))
        #expect(key == expected)
        #expect(key?.hash == expected.hash)
        #expect(key?.text == VaultPath.droppingMarkdownExtension(target))
    }

    @Test func aPathHasNoBareNameKey() {
        #expect(NameKey(bareName: "Folder/Note") == nil)
        #expect(NameKey(bareName: "Folder/Note.md") == nil)
        #expect(NameKey(bareName: "/Note") == nil)
    }

    @Test func aFoldedNameIsTheSameString() {
        let name = "already folded name over fifteen bytes"
        #expect(NameFolding.fold(name) == name)
        var table: [NameKey: Int] = [NameKey("Some Note").folded: 1]
        table[NameKey("SOME NOTE")] = 2
        #expect(table.count == 1)
        #expect(table.keys.first?.text == "some note")
    }

    /// The open-addressing table against a dictionary, through random adds and
    /// removals: removals move later buckets back, which is easy to get wrong.
    @Test func theNameTableAgreesWithADictionary() {
        var random = SplitMix(seed: 7)
        var table = NameTable()
        var reference: [String: Int] = [:]  // folded name -> slot
        let names = (0..<600).map { "Note \($0 % 300) " + ($0 < 300 ? "a" : "B") }
        for _ in 0..<6_000 {
            let name = names[Int(random.next() % UInt64(names.count))]
            let folded = NameFolding.fold(name)
            if random.next() % 3 == 0 {
                table.update(NameKey(name)) { $0.links.removeAll() }
                reference[folded] = nil
            } else {
                let slot = table.slot(adding: NameKey(name))
                table.entries[slot].links.append(LinkRef(file: FileID(slot), index: 0))
                if let known = reference[folded] { #expect(known == slot) }
                reference[folded] = slot
            }
        }
        for name in names {
            #expect(table.slot(of: NameKey(name)) == reference[NameFolding.fold(name)])
        }
        var listed = 0
        table.forEach { key, entry in
            listed += 1
            #expect(reference[key.text] != nil && !entry.isEmpty)
        }
        #expect(listed == reference.count)
    }
}
