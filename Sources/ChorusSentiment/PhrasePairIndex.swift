/// The phrase matcher's index of the phrases of two or more tokens by their first and second
/// token: an open-addressing hash table keyed by (the first token's phrase list, the second
/// token's id) whose slot holds the range of `SentimentModel.phraseListItems` to try there.
///
/// It stands in for a binary search over each first token's second tokens (about a third of
/// phrase matching: a common first word such as "not" starts hundreds of pairs). Most tokens
/// that start a phrase are followed by a word no phrase goes on with, so a 16 KB bit filter
/// answers those before the table (large, so each probe of it was a cache miss). It is built
/// from `SentimentModel.pairs` whenever a model is built or read from its compiled copy, so
/// that file's format does not change.
struct PhrasePairIndex: Sendable {
    /// One key and its range; `list` is −1 in an empty slot.
    struct Slot: Sendable {
        var list: Int32
        var second: Int32
        var start: Int32
        var count: Int32
    }

    private var slots: [Slot]
    /// 2^17 bits, one set for every key at the top 17 bits of its mixed key: a clear bit means
    /// no key; a set one may be another key's, and the table is probed.
    private var filter: [UInt64]
    /// 64 minus the table's size in bits: the home slot is the top bits of the mixed key.
    private var shift: UInt64
    private(set) var count = 0

    /// An index with no keys.
    init() {
        slots = [Self.empty]
        filter = Array(repeating: 0, count: Self.filterWords)
        shift = 64
    }

    /// Indexes each first token's pairs: `ranges[list]` is the range of `pairs` of phrase list
    /// `list`. The table has at least twice as many slots as keys.
    init(pairs: [SentimentModel.Pair], ranges: [(start: Int32, count: Int32)]) {
        var bits = 3
        while (1 << bits) < 2 * pairs.count { bits += 1 }
        slots = Array(repeating: Self.empty, count: 1 << bits)
        filter = Array(repeating: 0, count: Self.filterWords)
        shift = UInt64(64 - bits)
        for (list, r) in ranges.enumerated() {
            for p in pairs[Int(r.start)..<Int(r.start + r.count)] {
                insert(Slot(list: Int32(list), second: p.second, start: p.start, count: p.count))
            }
        }
    }

    private static let empty = Slot(list: -1, second: -1, start: 0, count: 0)
    /// 2^17 filter bits in 64-bit words.
    private static let filterWords = 1 << 11

    /// The key mixed (Fibonacci hashing of both ids packed into one word): its top bits give the
    /// home slot and the filter bit.
    @inline(__always)
    static func mixed(list: Int32, second: Int32) -> UInt64 {
        let key = UInt64(UInt32(bitPattern: list)) << 32 | UInt64(UInt32(bitPattern: second))
        return key &* 0x9E37_79B9_7F4A_7C15
    }

    /// The slot a key is tried at first, in a table of 2^(64 − `shift`) slots.
    @inline(__always)
    static func home(list: Int32, second: Int32, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: mixed(list: list, second: second) >> shift)
    }

    /// The home slot of a key in this table (tests use it to show that keys collided).
    func home(list: Int32, second: Int32) -> Int { Self.home(list: list, second: second, shift: shift) }

    private mutating func insert(_ slot: Slot) {
        let m = Self.mixed(list: slot.list, second: slot.second)
        filter[Int(truncatingIfNeeded: m >> 53)] |= 1 << ((m >> 47) & 63)
        let mask = slots.count - 1
        var i = Self.home(list: slot.list, second: slot.second, shift: shift) & mask
        while slots[i].list >= 0 {
            if slots[i].list == slot.list && slots[i].second == slot.second { slots[i] = slot; return }
            i = (i + 1) & mask
        }
        slots[i] = slot
        count += 1
    }

    /// The range of phrases of list `list` going on with token `second`, or nil when none does
    /// (`second` may be −1, an unknown word, or −2, no next token).
    @inline(__always)
    func find(list: Int32, second: Int32) -> (start: Int32, count: Int32)? {
        let m = Self.mixed(list: list, second: second)
        let word = filter.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: m >> 53)] }
        guard word & (1 << ((m >> 47) & 63)) != 0 else { return nil }
        return slots.withUnsafeBufferPointer { s in
            let mask = s.count - 1
            var i = Self.home(list: list, second: second, shift: shift) & mask
            while true {
                let slot = s[i]
                if slot.list == list && slot.second == second { return (slot.start, slot.count) }
                if slot.list < 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }
}
