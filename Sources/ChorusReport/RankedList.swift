/// The best few items by one score (highest first; ties go to the earlier item, then the
/// smaller id, so the list does not depend on the order files are read in). A candidate's
/// display fields are decoded only after ``accepts(_:)`` says it would get in.
struct RankedList {
    /// How an item ranks.
    struct Rank: Comparable {
        var score: Int64
        var time: Int64
        var key: ItemKey

        /// True when `a` ranks before (better than) `b`.
        static func < (a: Rank, b: Rank) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.time != b.time { return a.time < b.time }
            if a.key.hi != b.key.hi { return a.key.hi < b.key.hi }
            return a.key.lo < b.key.lo
        }
    }

    let capacity: Int
    private(set) var entries: [(rank: Rank, item: ReportItem)] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The items, best first.
    var items: [ReportItem] { entries.map(\.item) }

    /// True when an item of this rank would enter the list.
    func accepts(_ rank: Rank) -> Bool {
        entries.count < capacity || entries.last.map { rank < $0.rank } ?? true
    }

    /// Inserts an item that ``accepts(_:)``, dropping the last one when full.
    mutating func insert(_ rank: Rank, _ item: ReportItem) {
        let at = entries.firstIndex { rank < $0.rank } ?? entries.count
        entries.insert((rank, item), at: at)
        if entries.count > capacity { entries.removeLast() }
    }

    /// Takes out the item with `key` (an earlier revision of an item being replaced).
    mutating func remove(_ key: ItemKey) {
        entries.removeAll { $0.rank.key == key }
    }
}
