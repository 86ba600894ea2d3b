import VaultIndex
import VaultParser

/// How serious a problem is, in the order editors rank them.
public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case error = 1
    case warning = 2
    case information = 3
    case hint = 4

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    /// The word used in settings and in `check` output.
    public var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .information: "information"
        case .hint: "hint"
        }
    }
}

/// A link that does not point where it should.
public struct Problem: Sendable, Equatable {
    /// The stable name of a kind of problem, as shown to users.
    public enum Code: String, Sendable, CaseIterable {
        case unresolvedLink = "unresolved-link"
        case unresolvedHeading = "unresolved-heading"
        case unresolvedBlock = "unresolved-block"
        case ambiguousLink = "ambiguous-link"
        case aliasLink = "alias-link"

        /// Dangling links warn; an ambiguous name informs; an alias-only link hints.
        public var defaultSeverity: Severity {
            switch self {
            case .unresolvedLink, .unresolvedHeading, .unresolvedBlock: .warning
            case .ambiguousLink: .information
            case .aliasLink: .hint
            }
        }
    }

    /// The note holding the link.
    public let path: String
    /// The link's index in the note.
    public let linkIndex: Int
    public let code: Code
    /// What to underline: the whole link, or its `#subpath` for a missing heading or block.
    public let range: ByteRange
    /// The link as written between its brackets (or parentheses).
    public let target: String
    public let message: String
    /// Paths worth showing next to the problem: the candidates of an ambiguous link.
    public let relatedPaths: [String]
}

/// Finds the dangling links of notes.
public enum Diagnostics {
    /// The problems of one note, in text order; none for an excluded note.
    ///
    /// - Parameters:
    ///   - including: which kinds of problem to report (the others are not even built).
    ///   - limit: stop after this many problems (the search stops too: a note
    ///     of millions of dangling links costs no more than its first few).
    public static func problems(
        inNoteAt path: String, of vault: Vault, including: (Problem.Code) -> Bool = { _ in true }, limit: Int = .max
    ) -> [Problem] {
        guard let id = vault.id(of: path), let record = vault.record(id), !record.isExcluded else { return [] }
        var problems: [Problem] = []
        // One lookup per note linked with headings: a table of contents of a
        // note's own headings looked each up among all of them.
        var headingLookups: [FileID: HeadingLookup] = [:]
        let text = record.note.text
        for (index, link) in record.note.links.enumerated() {
            if problems.count >= limit { break }
            func report(_ code: Code, _ message: String, range: ByteRange? = nil, related: [String] = []) {
                guard including(code) else { return }
                let inner = text.utf8Slice(link.innerRange)
                problems.append(
                    Problem(
                        path: path, linkIndex: index, code: code, range: range ?? link.range, target: inner,
                        message: message, relatedPaths: related))
            }
            switch record.resolutions[index] {
            case .external:
                continue
            case .unresolved:
                let what = link.target.contains("/") ? "at" : "named"
                report(.unresolvedLink, "No note or attachment \(what) '\(link.target)'")
            case .sameNote:
                checkSubpath(of: link, in: record, id: id, noteName: VaultPath.noteName(path), report: report)
            case .file(let target, let match):
                switch match {
                case .unique:
                    break
                case .ambiguous(let candidates):
                    let paths = candidates.map { vault.path(of: $0) }
                    report(
                        .ambiguousLink,
                        "'\(link.target)' matches \(paths.count) files (\(paths.joined(separator: ", "))); it opens \(paths[0])",
                        related: paths)
                case .alias:
                    let name = VaultPath.noteName(vault.path(of: target))
                    report(
                        .aliasLink,
                        "'\(link.target)' is an alias of '\(name)', which Obsidian does not resolve: write [[\(name)|\(link.target)]]"
                    )
                }
                // An attachment's `#...` is a page or a display hint, never a heading.
                // (The record is fetched only for a subpath: copying it costs a retain per list.)
                if link.subpath != nil, let targetRecord = vault.record(target) {
                    checkSubpath(
                        of: link, in: targetRecord, id: target, noteName: VaultPath.noteName(vault.path(of: target)),
                        report: report)
                }
            }
        }
        return problems

        typealias Code = Problem.Code

        func checkSubpath(
            of link: Link, in record: Vault.NoteRecord, id: FileID, noteName: String,
            report: (Code, String, ByteRange?, [String]) -> Void
        ) {
            switch link.subpath {
            case .heading(let headingPath):
                let lookup = headingLookups[id] ?? HeadingLookup(record)
                headingLookups[id] = lookup
                if lookup.index(headingPath, allowingSlug: link.kind == .markdown) == nil {
                    let heading = headingPath.joined(separator: "#")
                    report(.unresolvedHeading, "No heading '\(heading)' in '\(noteName)'", link.subpathRange, [])
                }
            case .block(let id):
                if vault.blockIndex(id, in: record) == nil {
                    report(.unresolvedBlock, "No block '^\(id)' in '\(noteName)'", link.subpathRange, [])
                }
            case nil:
                break
            }
        }
    }

    /// The problems of every note, by path then text order.
    public static func problems(of vault: Vault) -> [Problem] {
        vault.notePaths.flatMap { problems(inNoteAt: $0, of: vault) }
    }
}

extension String {
    /// The text of a UTF-8 byte range of this string.
    public func utf8Slice(_ range: ByteRange) -> String {
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(self[start..<end])
    }
}
