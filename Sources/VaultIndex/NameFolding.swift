/// Case folding for names and paths, with an ASCII fast path (Swift's
/// `lowercased()` costs several times more, even on ASCII).
enum NameFolding {
    static func fold(_ text: String) -> String {
        var text = text
        let folded: String? = text.withUTF8 { bytes in
            var hasUpper = false
            for b in bytes {
                if b >= 0x80 { return String(decoding: bytes, as: UTF8.self).lowercased() }
                if isUpper(b) { hasUpper = true }
            }
            guard hasUpper else { return nil }  // Already folded: the same string, no copy.
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                for index in 0..<bytes.count { output[index] = lower(bytes[index]) }
                return bytes.count
            }
        }
        return folded ?? text
    }

    /// Whether two names fold to the same text, without folding ASCII ones.
    static func equal(_ a: String, _ b: String) -> Bool {
        // Read in place (a `withUTF8` copy would retain both strings: a cache
        // miss on each stored name, on the hottest path of indexing).
        let asciiAnswer = a.utf8.withContiguousStorageIfAvailable { x -> Bool? in
            let inner = b.utf8.withContiguousStorageIfAvailable { y -> Bool? in equalASCII(x, y) }
            return inner ?? nil
        }
        return (asciiAnswer ?? nil) ?? (fold(a) == fold(b))
    }

    /// Whether two ASCII names are equal ignoring case; nil when either is not ASCII.
    private static func equalASCII(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard x.count == y.count else { return isASCII(x) && isASCII(y) ? false : nil }
        for index in x.indices {
            let p = x[index]
            let q = y[index]
            if (p | q) >= 0x80 { return nil }
            // A difference between ASCII letters after an ASCII prefix is final:
            // whatever follows cannot make the folded texts equal.
            if p != q && lower(p) != lower(q) { return false }
        }
        return true
    }

    /// The hash of a name's folded text, consistent with ``equal(_:_:)``: ASCII
    /// names, nearly all of them, hash their lower-cased bytes (FNV-1a); others
    /// fold first, and use Swift's string hash unless they fold to ASCII.
    static func hash(_ text: String) -> Int {
        let scanned = text.utf8.withContiguousStorageIfAvailable { scan($0) }
        if let scanned, scanned.isASCII { return scanned.hash }
        let folded = fold(text)
        return folded.utf8.allSatisfy { $0 < 0x80 } ? hash(folded) : folded.hashValue
    }

    /// One pass over a name's bytes: the FNV-1a hash of the lower-cased bytes
    /// (the name's hash when they are all ASCII), and whether a `/` is among them.
    fileprivate static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: Int, isASCII: Bool, hasSlash: Bool) {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        var hasSlash = false
        for b in bytes {
            high |= b
            hasSlash = hasSlash || b == UInt8(ascii: "/")
            value = (value ^ UInt64(lower(b))) &* 0x0000_0100_0000_01B3
        }
        return (Int(truncatingIfNeeded: value), high < 0x80, hasSlash)
    }

    private static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }

    private static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }
}

extension String {
    /// Whether the string holds a `/`, scanning its UTF-8 in place.
    var containsSlash: Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b == UInt8(ascii: "/") { return true }
            return false
        }
        return found ?? utf8.contains(UInt8(ascii: "/"))
    }
}

/// A name as the vault's tables compare it: ignoring case (and Unicode
/// normalisation), with its hash computed once where the key is made (for
/// links, on the threads that prepare notes) rather than on every lookup.
///
/// The text keeps the spelling the key was made from: a key made from a
/// link's target shares the target's storage instead of allocating a folded
/// copy. Keys the vault stores are made from folded text (see ``folded``).
struct NameKey: Hashable, Sendable {
    let text: String
    /// The hash of the folded text.
    let hash: Int

    init(_ text: String) {
        self.text = text
        hash = NameFolding.hash(text)
    }

    private init(text: String, hash: Int) {
        self.text = text
        self.hash = hash
    }

    /// The key of a wikilink target that is a bare name (no `/`), `.md`
    /// dropped, from one pass over its bytes; nil when the target is a path.
    init?(bareName target: String) {
        let scanned = target.utf8.withContiguousStorageIfAvailable { bytes -> (hash: Int, isASCII: Bool, hasSlash: Bool) in
            let length = VaultPath.hasMarkdownExtension(bytes) ? bytes.count - 3 : bytes.count
            return NameFolding.scan(UnsafeBufferPointer(rebasing: bytes[..<length]))
        }
        let name = VaultPath.droppingMarkdownExtension(target)  // The same string when there is no `.md`.
        guard let scanned else {  // Not contiguous: the general way.
            if name.containsSlash { return nil }
            self.init(name)
            return
        }
        if scanned.hasSlash { return nil }
        if scanned.isASCII {
            self.init(text: name, hash: scanned.hash)
        } else {
            self.init(name)  // Non-ASCII names fold before hashing.
        }
    }

    /// The same key with folded text, to be stored (the same string when it is already folded).
    var folded: NameKey { NameKey(text: NameFolding.fold(text), hash: hash) }

    static func == (a: NameKey, b: NameKey) -> Bool { a.hash == b.hash && NameFolding.equal(a.text, b.text) }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
