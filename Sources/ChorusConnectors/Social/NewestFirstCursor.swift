import ChorusModel

/// What ``NewestFirstPager`` keeps between polls: the watermark of the last completed drain,
/// and while a drain is unfinished, where it stopped and the mark it will commit.
/// Stored as `newest_first`; earlier versions stored `newest_time`/`newest_keys`, `drain_cursor`,
/// `drain_time`/`drain_keys` and `drain_info_lower`/`drain_info_upper` strings.
struct NewestFirstCursor: CursorRecord, Equatable {
    static let cursorKey = "newest_first"

    /// An unfinished drain.
    struct Drain: Codable, Equatable {
        /// The platform's continuation token of the next page ("" when none was given).
        var token: String
        /// The mark the drain commits when it completes.
        var target: Watermark?
        /// The time window kept for the whole drain (HN's bounds), epoch seconds.
        var window: DrainWindow?
    }

    /// The newest position delivered by a completed drain.
    var newest: Watermark?
    var drain: Drain?

    init(newest: Watermark? = nil, drain: Drain? = nil) {
        self.newest = newest
        self.drain = drain
    }

    static func legacyKeys(_ key: String) -> Bool { key.hasPrefix("newest_") || key.hasPrefix("drain_") }

    init?(legacy: [String: String]) {
        newest = Watermark(cursor: legacy, prefix: "newest_")
        if let token = legacy["drain_cursor"] {
            var window: DrainWindow?
            if let lower = legacy["drain_info_lower"].flatMap({ Int64($0) }), let upper = legacy["drain_info_upper"].flatMap({ Int64($0) }) {
                window = DrainWindow(lower: lower, upper: upper)
            }
            drain = Drain(token: token, target: Watermark(cursor: legacy, prefix: "drain_"), window: window)
        }
        if newest == nil && drain == nil { return nil }
    }
}

/// A time window an API filters a drain by (Hacker News `created_at_i`), epoch seconds, fixed
/// when the drain starts so page numbers stay stable while new items arrive.
public struct DrainWindow: Sendable, Codable, Equatable {
    var lower: Int64
    var upper: Int64
}
