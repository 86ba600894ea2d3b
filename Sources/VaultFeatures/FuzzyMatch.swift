/// Fuzzy matching for completion and symbol search: what the user typed must
/// appear in order in the candidate; prefix and word-start matches rank first.
public struct FuzzyMatch: Sendable {
    /// The query, folded the same way as candidates.
    private let query: [UInt8]

    public init(_ query: String) {
        self.query = Array(query.lowercased().utf8)
    }

    public var isEmpty: Bool { query.isEmpty }

    /// A score (higher is better), or nil when the candidate does not match.
    /// `candidate` must already be lower-cased.
    public func score(_ candidate: String) -> Int? {
        guard !query.isEmpty else { return 0 }
        var candidate = candidate
        return candidate.withUTF8 { bytes -> Int? in
            if bytes.count >= query.count {
                var isPrefix = true
                for index in 0..<query.count where bytes[index] != query[index] {
                    isPrefix = false
                    break
                }
                if isPrefix { return 3000 - bytes.count }  // A prefix: shorter candidates first.
            }
            // A subsequence, with a bonus for each query byte that starts a word.
            var position = 0
            var score = 1000
            var previousMatch = -2
            for wanted in query {
                while position < bytes.count && bytes[position] != wanted { position += 1 }
                guard position < bytes.count else { return nil }
                let startsWord = position == 0 || Self.isSeparator(bytes[position - 1])
                if startsWord { score += 40 }
                if position == previousMatch + 1 { score += 10 }  // Consecutive.
                previousMatch = position
                position += 1
            }
            // A match that is a word-start prefix of a later word ranks above scattered ones.
            return score - bytes.count
        }
    }

    private static func isSeparator(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x2F || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x28
    }
}
