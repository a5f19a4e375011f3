public import Foundation
public import ChorusModel

/// One decoded page of a social API response: the items plus what a connector needs to
/// page on and to remember between runs.
public struct SocialPage: Sendable {
    public var items: [Item]
    /// For each item (same order), the instant the platform orders it by: Bluesky's sort time,
    /// Reddit's `created_utc`, HN's `created_at_i`, else the publication time.
    public var sortTimes: [Date?]
    /// The platform's continuation token: Bluesky `cursor`, Reddit `after`, X `meta.next_token`.
    public var nextCursor: String?
    /// X `meta.newest_id`.
    public var newestID: String?
    /// HN `nbPages`.
    public var pageCount: Int?
    /// Entries skipped (deleted posts, unknown kinds), for logs.
    public var warnings: [String]
    /// Dates present but not understood (written as null).
    public var unparsedDates: Int
    /// Lines of a JSON Lines document skipped because they could not be used.
    public var skippedLines = 0

    public init(
        items: [Item] = [], sortTimes: [Date?] = [], nextCursor: String? = nil, newestID: String? = nil,
        pageCount: Int? = nil, warnings: [String] = [], unparsedDates: Int = 0
    ) {
        self.items = items
        self.sortTimes = sortTimes
        self.nextCursor = nextCursor
        self.newestID = newestID
        self.pageCount = pageCount
        self.warnings = warnings
        self.unparsedDates = unparsedDates
    }

    /// Appends an item with its sort time.
    mutating func append(_ item: Item, sortTime: Date?) {
        items.append(item)
        sortTimes.append(sortTime)
    }
}
