/// Every item id a report has counted, with the revision counted and what that revision added
/// to the aggregates (its ``Contribution``), so a later revision can take it back out. Open
/// addressing over entries kept in fixed blocks: 32 bytes per item plus 8-16 bytes of index, about
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

    /// One counted id.
    struct Entry {
        var key: ItemKey
        var revision: Int32
        var contribution: Contribution
    }

    /// The entries in blocks of ``blockSize``: growing never copies (or holds twice) what is
    /// already stored, which a single array would at every doubling.
    private var blocks: [[Entry]] = []
    private static let blockBits = 16
    private static let blockSize = 1 << blockBits
    /// Entry index + 1 per slot, 0 for an empty slot; the count is a power of two kept at least
    /// twice the number of entries.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var mask = 1023
    private(set) var count = 0

    /// The entry at `index`.
    subscript(index: Int) -> Entry {
        blocks[index >> Self.blockBits][index & (Self.blockSize - 1)]
    }

    /// The entry index of `key`, or nil.
    func find(_ key: ItemKey) -> Int? {
        var s = Int(truncatingIfNeeded: key.mixed >> 16) & mask
        while true {
            let e = Int(slots[s])
            if e == 0 { return nil }
            if self[e - 1].key == key { return e - 1 }
            s = (s + 1) & mask
        }
    }

    /// Adds a key that ``find(_:)`` did not find.
    mutating func insert(_ entry: Entry) {
        if (count + 1) * 2 > slots.count { grow() }
        if count & (Self.blockSize - 1) == 0 {
            blocks.append([])
            blocks[blocks.count - 1].reserveCapacity(Self.blockSize)
        }
        blocks[blocks.count - 1].append(entry)
        count += 1
        place(entry.key, index: count)
    }

    /// Replaces the revision and contribution of the entry at `index`.
    mutating func update(_ index: Int, revision: Int32, contribution: Contribution) {
        blocks[index >> Self.blockBits][index & (Self.blockSize - 1)].revision = revision
        blocks[index >> Self.blockBits][index & (Self.blockSize - 1)].contribution = contribution
    }

    private mutating func place(_ key: ItemKey, index: Int) {
        var s = Int(truncatingIfNeeded: key.mixed >> 16) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(truncatingIfNeeded: index)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        var index = 0
        for block in blocks {
            for e in block {
                index += 1
                place(e.key, index: index)
            }
        }
    }
}
