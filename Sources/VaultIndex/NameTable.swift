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
/// Entries live in an array by slot, so that the indexing loop reads and
/// appends to one in place. Names find their slot in an open-addressing table
/// keyed by the hash each ``NameKey`` already carries: a lookup costs a few
/// dozen instructions, where a dictionary would hash the hash again, and each
/// bucket holds enough of the hash to pass over other names without reading them.
struct NameTable: Sendable {
    /// Per bucket: the hash's upper 32 bits, then the slot + 1 (0: empty).
    private var buckets: [UInt64] = Array(repeating: 0, count: 8)
    /// By slot; nil for a slot whose entry emptied, waiting in ``freeSlots``.
    private var keys: [NameKey?] = []
    /// By slot.
    var entries: [NameEntry] = []
    private var freeSlots: [Int32] = []
    private var count = 0

    mutating func reserveCapacity(_ names: Int) {
        keys.reserveCapacity(names)
        entries.reserveCapacity(names)
        if names * 2 > buckets.count { rehash(bucketCount: Self.bucketCount(for: names)) }
    }

    func slot(of key: NameKey) -> Int? {
        var bucket = home(key.hash)
        let fingerprint = Self.fingerprint(key.hash)
        while true {
            let value = buckets[bucket]
            if value == 0 { return nil }
            if value >> 32 == fingerprint {
                let slot = Int(value & 0xFFFF_FFFF) - 1
                if keys[slot]!.hash == key.hash && NameFolding.equal(keys[slot]!.text, key.text) { return slot }
            }
            bucket = (bucket + 1) & (buckets.count - 1)
        }
    }

    /// The slot of a name, added (under its folded spelling) when it is new.
    mutating func slot(adding key: NameKey) -> Int {
        if let slot = slot(of: key) { return slot }
        if (count + 1) * 2 > buckets.count { rehash(bucketCount: buckets.count * 2) }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = Int(free)
            keys[slot] = key.folded
        } else {
            slot = entries.count
            keys.append(key.folded)
            entries.append(NameEntry())
        }
        insert(slot: slot, hash: key.hash)
        count += 1
        return slot
    }

    subscript(key: NameKey) -> NameEntry? { slot(of: key).map { entries[$0] } }

    /// Changes the entry of a name in place, dropping the name when nothing is left in it.
    mutating func update(_ key: NameKey, _ change: (inout NameEntry) -> Void) {
        guard let slot = slot(of: key) else { return }
        change(&entries[slot])
        if entries[slot].isEmpty { remove(slot: slot) }
    }

    /// Calls `body` with each name (folded) and its entry.
    func forEach(_ body: (NameKey, NameEntry) -> Void) {
        for slot in keys.indices {
            if let key = keys[slot] { body(key, entries[slot]) }
        }
    }

    // MARK: Buckets

    private func home(_ hash: Int) -> Int {
        // Fibonacci hashing spreads the hash's bits over the bucket index.
        let mixed = UInt64(bitPattern: Int64(hash)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & (buckets.count - 1)
    }

    private static func fingerprint(_ hash: Int) -> UInt64 { UInt64(bitPattern: Int64(hash)) >> 32 }

    private static func bucketCount(for names: Int) -> Int {
        var count = 8
        while count < names * 2 { count *= 2 }
        return count
    }

    private mutating func insert(slot: Int, hash: Int) {
        var bucket = home(hash)
        while buckets[bucket] != 0 { bucket = (bucket + 1) & (buckets.count - 1) }
        buckets[bucket] = Self.fingerprint(hash) << 32 | UInt64(slot + 1)
    }

    private mutating func rehash(bucketCount: Int) {
        buckets = Array(repeating: 0, count: bucketCount)
        for slot in keys.indices {
            if let key = keys[slot] { insert(slot: slot, hash: key.hash) }
        }
    }

    /// Empties a slot and closes the gap its bucket leaves, moving later
    /// buckets of the same run back (no tombstones, so lookups stay short).
    private mutating func remove(slot: Int) {
        let mask = buckets.count - 1
        var gap = home(keys[slot]!.hash)
        while Int(buckets[gap] & 0xFFFF_FFFF) - 1 != slot { gap = (gap + 1) & mask }
        buckets[gap] = 0
        var bucket = (gap + 1) & mask
        while buckets[bucket] != 0 {
            let moved = Int(buckets[bucket] & 0xFFFF_FFFF) - 1
            let wanted = home(keys[moved]!.hash)
            // Move back unless its home lies cyclically in (gap, bucket].
            if (bucket - wanted) & mask >= (bucket - gap) & mask {
                buckets[gap] = buckets[bucket]
                buckets[bucket] = 0
                gap = bucket
            }
            bucket = (bucket + 1) & mask
        }
        keys[slot] = nil
        entries[slot] = NameEntry()
        freeSlots.append(Int32(slot))
        count -= 1
    }
}
