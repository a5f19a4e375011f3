/// Every item id a report has counted, with the revision counted and what that revision added
/// to the aggregates (its ``Contribution``), so a later revision can take it back out. Open
/// addressing over a dense entry array: 32 bytes per item plus 4-8 bytes of index, about
/// 40 MB for a million items (see docs/report.md for the measured peak).
struct RevisionTable {
    /// What one counted revision added: its bucket, its profile (source, groups, tags), label
    /// and compound.
    struct Contribution {
        /// ``excluded`` when a filter left it out, ``undated`` when it has no time.
        var bucket: Int32
        var profile: Int32
        /// In units of 1e-4.
        var compound: Int16
        var label: UInt8

        static let excluded = Int32.min
        static let undated = Int32.max
    }

    struct Entry {
        var key: ItemKey
        var revision: Int32
        var contribution: Contribution
    }

    private(set) var entries: [Entry] = []
    /// Entry index + 1 per slot, 0 for an empty slot; the count is a power of two kept at least
    /// twice the number of entries.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var mask = 1023

    var count: Int { entries.count }

    /// The entry index of `key`, or nil.
    func find(_ key: ItemKey) -> Int? {
        var s = Int(truncatingIfNeeded: key.mixed >> 16) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { return nil }
            if entries[e - 1].key == key { return e - 1 }
            s = (s + 1) & mask
        }
    }

    /// Adds a key that ``find(_:)`` did not find.
    mutating func insert(_ entry: Entry) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append(entry)
        place(entry.key, index: entries.count)
    }

    /// Replaces the revision and contribution of the entry at `index`.
    mutating func update(_ index: Int, revision: Int32, contribution: Contribution) {
        entries[index].revision = revision
        entries[index].contribution = contribution
    }

    private mutating func place(_ key: ItemKey, index: Int) {
        var s = Int(truncatingIfNeeded: key.mixed >> 16) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(truncatingIfNeeded: index)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (i, e) in entries.enumerated() { place(e.key, index: i + 1) }
    }
}
