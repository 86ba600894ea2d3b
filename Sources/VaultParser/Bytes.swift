/// ASCII byte constants and classes used by the byte-scanning parser.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21  // !
    static let quote: UInt8 = 0x22  // "
    static let hash: UInt8 = 0x23  // #
    static let dollar: UInt8 = 0x24  // $
    static let percent: UInt8 = 0x25  // %
    static let apostrophe: UInt8 = 0x27  // '
    static let openParen: UInt8 = 0x28  // (
    static let closeParen: UInt8 = 0x29  // )
    static let star: UInt8 = 0x2A  // *
    static let plus: UInt8 = 0x2B  // +
    static let comma: UInt8 = 0x2C  // ,
    static let dash: UInt8 = 0x2D  // -
    static let dot: UInt8 = 0x2E  // .
    static let slash: UInt8 = 0x2F  // /
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A  // :
    static let lessThan: UInt8 = 0x3C  // <
    static let equals: UInt8 = 0x3D  // =
    static let greaterThan: UInt8 = 0x3E  // >
    static let openBracket: UInt8 = 0x5B  // [
    static let backslash: UInt8 = 0x5C  // \
    static let closeBracket: UInt8 = 0x5D  // ]
    static let caret: UInt8 = 0x5E  // ^
    static let underscore: UInt8 = 0x5F  // _
    static let backtick: UInt8 = 0x60  // `
    static let pipe: UInt8 = 0x7C  // |
    static let tilde: UInt8 = 0x7E  // ~

    @inline(__always) static func isSpaceOrTab(_ b: UInt8) -> Bool { b == space || b == tab }

    /// Space, tab, line breaks, vertical tab and form feed.
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b == space || (b >= tab && b <= carriageReturn)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// ASCII punctuation, the characters a backslash can escape in CommonMark.
    @inline(__always) static func isPunctuation(_ b: UInt8) -> Bool {
        (b >= 0x21 && b <= 0x2F) || (b >= 0x3A && b <= 0x40) || (b >= 0x5B && b <= 0x60)
            || (b >= 0x7B && b <= 0x7E)
    }
}

extension String {
    /// Makes a string from a slice of UTF-8 bytes, repairing invalid sequences.
    @inline(__always)
    init(utf8Slice bytes: UnsafeBufferPointer<UInt8>, _ range: ByteRange) {
        self = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

/// Word-at-a-time scans: eight bytes per step where text is plain.
enum WordScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always) private static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self)
    }

    /// The offset of the first `byte` at or after `start`, or `end`.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        let pattern = ones &* UInt64(byte)
        while i + 8 <= end {
            let x = load(bytes, i) ^ pattern
            if (x &- ones) & ~x & highs != 0 { break }  // Some byte of the word is `byte`.
            i += 8
        }
        while i < end && bytes[i] != byte { i += 1 }
        return i
    }

    /// The offset of the first line break (`\n` or `\r`) at or after `start`, or `end`.
    @inline(__always)
    static func firstLineBreak(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i + 8 <= end {
            let x = load(bytes, i)
            if hasByte(x, ASCII.newline) || hasByte(x, ASCII.carriageReturn) { break }
            i += 8
        }
        while i < end && bytes[i] != ASCII.newline && bytes[i] != ASCII.carriageReturn { i += 1 }
        return i
    }

    /// Where the line after a line break at `breakStart` starts: `\r\n` is one
    /// break, and so are a lone `\n` and a lone `\r` (LSP counts all three).
    @inline(__always)
    static func afterLineBreak(in bytes: UnsafeBufferPointer<UInt8>, at breakStart: Int, end: Int) -> Int {
        if bytes[breakStart] == ASCII.carriageReturn && breakStart + 1 < end && bytes[breakStart + 1] == ASCII.newline {
            return breakStart + 2
        }
        return breakStart + 1
    }

    /// Whether some byte of a word is ASCII strictly between `low` and `high`
    /// (both at most 128): Bit Twiddling Hacks' `hasbetween`.
    @inline(__always) private static func hasBetween(_ x: UInt64, _ low: UInt64, _ high: UInt64) -> Bool {
        let low7 = x & ~highs
        return ((ones &* (127 + high)) &- low7) & ~x & (low7 &+ (ones &* (127 - low))) & highs != 0
    }

    /// Whether some byte of a word equals `byte`.
    @inline(__always) private static func hasByte(_ x: UInt64, _ byte: UInt8) -> Bool {
        let y = x ^ (ones &* UInt64(byte))
        return (y &- ones) & ~y & highs != 0
    }

    /// The offset of the first byte at or after `start` that can start
    /// something inline (`! # $ <`, `[ \ ^` and backtick), or the start of the
    /// last few bytes before `end`; whole words without one are skipped.
    @inline(__always)
    static func firstInlineSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i + 8 <= end {
            let x = load(bytes, i)
            // ! " # $ (0x21-0x24), [ \ ] ^ _ ` (0x5B-0x60) and <: `"`, `]` and `_` cost a second look.
            if hasBetween(x, 0x20, 0x25) || hasBetween(x, 0x5A, 0x61) || hasByte(x, 0x3C) { break }
            i += 8
        }
        return i
    }

    /// Whether every byte of a range is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            if load(bytes, i) & highs != 0 { return false }
            i += 8
        }
        while i < range.upperBound {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}
