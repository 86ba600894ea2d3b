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
