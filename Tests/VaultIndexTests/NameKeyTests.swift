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

    @Test func aFoldedNameIsTheSameString() {
        let name = "already folded name over fifteen bytes"
        #expect(NameFolding.fold(name) == name)
        var table: [NameKey: Int] = [NameKey("Some Note").folded: 1]
        table[NameKey("SOME NOTE")] = 2
        #expect(table.count == 1)
        #expect(table.keys.first?.text == "some note")
    }
}
