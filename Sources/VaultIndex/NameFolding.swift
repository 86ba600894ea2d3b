/// Case folding for names and paths, with an ASCII fast path (Swift's
/// `lowercased()` costs several times more, even on ASCII).
enum NameFolding {
    static func fold(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var hasUpper = false
            for b in bytes {
                if b >= 0x80 { return String(decoding: bytes, as: UTF8.self).lowercased() }
                if b >= 0x41 && b <= 0x5A { hasUpper = true }
            }
            guard hasUpper else { return String(decoding: bytes, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                for (index, b) in bytes.enumerated() { output[index] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }
                return bytes.count
            }
        }
    }
}

extension String {
    /// Whether the string holds a `/`, scanning contiguous UTF-8.
    var containsSlash: Bool {
        var text = self
        return text.withUTF8 { $0.contains(UInt8(ascii: "/")) }
    }
}

/// A folded name as the name table keys it, with its hash computed once (on
/// the threads that prepare notes) rather than on every lookup.
struct NameKey: Hashable, Sendable {
    let text: String
    private let hash: Int

    init(_ text: String) {
        self.text = text
        var text = text
        hash = text.withUTF8 { bytes -> Int in
            // ASCII names, nearly all of them, hash their bytes (FNV-1a); others
            // use Swift's string hash, which treats canonically equal strings alike.
            var value: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes {
                if b >= 0x80 { return String(decoding: bytes, as: UTF8.self).hashValue }
                value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3
            }
            return Int(truncatingIfNeeded: value)
        }
    }

    static func == (a: NameKey, b: NameKey) -> Bool { a.hash == b.hash && a.text == b.text }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
