import Foundation
import ChorusModel
import ChorusParse

/// The newest position a newest-first source has delivered: the greatest sort time (whole
/// milliseconds) and the native ids of the items at exactly that time. An item is new when
/// it sorts after the mark, or at the same millisecond with an id not in `keys`.
struct Watermark: Equatable {
    var millis: Int64
    var keys: Set<String>

    /// The mark an earlier version stored as `<prefix>time` (epoch milliseconds) and
    /// `<prefix>keys` (ids joined by spaces).
    init?(cursor: [String: String], prefix: String) {
        guard let text = cursor[prefix + "time"], let millis = Int64(text) else { return nil }
        self.millis = millis
        keys = Set((cursor[prefix + "keys"] ?? "").split(separator: " ").map(String.init))
    }

    init(millis: Int64, keys: Set<String>) {
        self.millis = millis
        self.keys = keys
    }


    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The item's identity within its source.
    static func key(_ item: Item) -> String { item.nativeID ?? item.id }

    /// True when the item was delivered before (at or below the mark).
    func covers(_ item: Item, sortTime: Date?) -> Bool {
        guard let sortTime else { return keys.contains(Self.key(item)) }
        let m = Self.millis(sortTime)
        return m < millis || (m == millis && keys.contains(Self.key(item)))
    }

    /// True when the item sorts strictly before the mark: everything after it is older still.
    func isBelow(sortTime: Date?) -> Bool {
        guard let sortTime else { return false }
        return Self.millis(sortTime) < millis
    }

    /// The mark of the newest items of a page, nil for an empty page or one without times.
    static func top(of page: SocialPage) -> Watermark? {
        var best: Watermark?
        for (item, time) in zip(page.items, page.sortTimes) {
            guard let time else { continue }
            let m = millis(time)
            if let current = best, m == current.millis {
                best?.keys.insert(key(item))
            } else if best.map({ m > $0.millis }) ?? true {
                best = Watermark(millis: m, keys: [key(item)])
            }
        }
        return best
    }

    /// The later of two marks (ids merged when they are at the same time).
    static func latest(_ a: Watermark?, _ b: Watermark?) -> Watermark? {
        guard let a else { return b }
        guard let b else { return a }
        if a.millis != b.millis { return a.millis > b.millis ? a : b }
        return Watermark(millis: a.millis, keys: a.keys.union(b.keys))
    }
}

extension Watermark: Codable {
    private enum CodingKeys: String, CodingKey { case millis, keys }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        millis = try c.decode(Int64.self, forKey: .millis)
        keys = Set(try c.decode([String].self, forKey: .keys))
    }

    /// The ids sorted, so equal marks encode to equal cursors.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(millis, forKey: .millis)
        try c.encode(keys.sorted(), forKey: .keys)
    }
}
