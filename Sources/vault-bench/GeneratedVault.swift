import Foundation
import TestSupport

/// A generated vault for benchmarks: notes of ~3 KB with frontmatter, headings,
/// ~11 links each (some to headings, some with display text, some dangling),
/// code blocks and lists, spread over folders. The same count gives the same vault.
enum GeneratedVault {
    static let words = [
        "theory", "model", "signal", "network", "graph", "energy", "entropy", "field", "vector", "system",
        "learning", "memory", "process", "pattern", "language", "structure", "function", "space", "order", "chaos",
        "symmetry", "gradient", "manifold", "kernel", "spectrum", "measure", "algebra", "topology", "flow", "state",
    ]
    static let folders = ["", "Areas/", "Areas/Science/", "Projects/", "Projects/2024/", "Reference/", "Journal/",
        "Archive/", "Ideas/", "People/"]

    /// The title of note `index`: two or three vocabulary words and a number.
    static func title(_ index: Int) -> String {
        let a = words[index % words.count].capitalized
        let b = words[(index / words.count) % words.count]
        return "\(a) \(b) \(index)"
    }

    static func path(_ index: Int) -> String { folders[index % folders.count] + title(index) + ".md" }

    /// Writes `count` notes under `root`; returns the total bytes written.
    @discardableResult
    static func write(to root: String, notes count: Int) throws -> Int {
        var random = SplitMix(seed: 2024)
        var total = 0
        for folder in folders {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for index in 0..<count {
            let text = note(index, count: count, random: &random)
            total += text.utf8.count
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path(index)))
        }
        return total
    }

    static func note(_ index: Int, count: Int, random: inout SplitMix) -> String {
        func word() -> String { words[Int(random.next() % UInt64(words.count))] }
        func sentence(_ length: Int) -> String { (0..<length).map { _ in word() }.joined(separator: " ") }
        // Links favour a few popular notes, as real vaults do.
        func target() -> Int {
            random.next() % 4 == 0 ? Int(random.next() % 50) : Int(random.next() % UInt64(count))
        }
        func link() -> String {
            switch random.next() % 10 {
            case 0: return "[[\(title(target()))#Section 1]]"
            case 1: return "[[\(title(target()))|\(word())]]"
            case 2: return "[[Missing \(word()) \(random.next() % 100)]]"
            case 3: return "[\(word())](\(title(target()).replacingOccurrences(of: " ", with: "%20")).md)"
            default: return "[[\(title(target()))]]"
            }
        }
        var text = "---\ntags: [\(word()), area/\(word())]\n"
        if index % 5 == 0 { text += "aliases:\n  - \(word().capitalized) \(index)\n" }
        text += "---\n# \(title(index))\n\n\(sentence(40)) \(link()) \(sentence(30)).\n\n"
        for section in 1...3 {
            text += "## Section \(section)\n\n\(sentence(35)) \(link()) \(sentence(20)) \(link()) #\(word()).\n\n"
            text += "- \(sentence(8)) \(link())\n- \(sentence(10))\n  - \(sentence(6)) \(link())\n\n"
            if section == 2 {
                text += "```python\n# [[Not a link]]\ndef \(word())(x):\n    return x  # \(sentence(6))\n```\n\n"
            }
        }
        text += "\(sentence(30)) ^block-\(index)\n"
        return text
    }
}
