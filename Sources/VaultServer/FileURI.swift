/// `file://` URIs as editors send them, and the absolute paths they name.
enum FileURI {
    /// The absolute path of a `file:` URI (percent-decoded), or nil for another scheme.
    static func path(_ uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = uri.dropFirst("file://".count)
        // `file://host/path`: only an empty host or `localhost` names this machine.
        if !rest.hasPrefix("/") {
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            guard rest[..<slash] == "localhost" else { return nil }
            rest = rest[slash...]
        }
        // A folder's URI may end in `/` (`file:///vault/Folder/`); its path does not, so that paths under it join with one `/`.
        while rest.count > 1 && rest.hasSuffix("/") { rest = rest.dropLast() }
        return percentDecode(String(rest))
    }

    /// The `file:` URI of an absolute path, percent-encoding what URIs cannot hold as written.
    static func uri(_ path: String) -> String {
        // Written byte by byte into the string's storage: an escape takes three bytes at most.
        let prefix = "file://".utf8
        return String(unsafeUninitializedCapacity: prefix.count + 3 * path.utf8.count) { output in
            var count = 0
            for b in prefix {
                output[count] = b
                count += 1
            }
            for b in path.utf8 {
                if isUnreserved(b) || b == UInt8(ascii: "/") {
                    output[count] = b
                    count += 1
                } else {
                    output[count] = UInt8(ascii: "%")
                    output[count + 1] = hexDigits[Int(b >> 4)]
                    output[count + 2] = hexDigits[Int(b & 0xF)]
                    count += 3
                }
            }
            return count
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func percentDecode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                output.append(value)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
