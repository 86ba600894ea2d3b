/// Everything filed under one folded name, so that one lookup serves a link.
struct NameEntry: Sendable {
    /// Files with that name (notes without `.md`, attachments with their extension).
    var files: [FileID] = []
    /// Notes that declare it as an alias.
    var aliasOwners: [FileID] = []
    /// Links whose target ends in that name: those whose resolution can change
    /// when a file or alias of that name comes or goes.
    var links: [LinkRef] = []

    var isEmpty: Bool { files.isEmpty && aliasOwners.isEmpty && links.isEmpty }
}

/// The vault's names, each with its ``NameEntry``.
///
/// Entries live in an array, found through a dictionary of slot numbers: the
/// indexing loop reads and appends to an entry in place, where a dictionary
/// of entries would copy the entry (three lists) to read one of them.
struct NameTable: Sendable {
    private var slots: [NameKey: Int32] = [:]
    /// By slot; a slot whose entry emptied waits in ``freeSlots`` for reuse.
    var entries: [NameEntry] = []
    private var freeSlots: [Int32] = []

    mutating func reserveCapacity(_ count: Int) {
        slots.reserveCapacity(count)
        entries.reserveCapacity(count)
    }

    func slot(of key: NameKey) -> Int? { slots[key].map { Int($0) } }

    /// The slot of a name, added (under its folded spelling) when it is new.
    mutating func slot(adding key: NameKey) -> Int {
        if let slot = slots[key] { return Int(slot) }
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = Int32(entries.count)
            entries.append(NameEntry())
        }
        slots[key.folded] = slot
        return Int(slot)
    }

    subscript(key: NameKey) -> NameEntry? { slot(of: key).map { entries[$0] } }

    /// Changes the entry of a name in place, dropping the name when nothing is left in it.
    mutating func update(_ key: NameKey, _ change: (inout NameEntry) -> Void) {
        guard let slot = slots[key] else { return }
        change(&entries[Int(slot)])
        if entries[Int(slot)].isEmpty {
            slots[key] = nil
            freeSlots.append(slot)
        }
    }

    /// Calls `body` with each name (folded) and its entry.
    func forEach(_ body: (NameKey, NameEntry) -> Void) {
        for (key, slot) in slots { body(key, entries[Int(slot)]) }
    }
}
