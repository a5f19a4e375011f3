public import ChorusModel

/// The items of one document, with what the parser had to forgive.
public struct ParseResult: Sendable {
    public var items: [Item]
    /// The format that was detected (or forced).
    public var platform: Platform
    public var feed: FeedRef?
    /// True when libxml2's recover mode had to skip broken markup, or lines of a JSON Lines
    /// document could not be used; the items are what could be kept.
    public var recovered: Bool
    /// Human-readable notes ("line 12: bare '&' in text"), for logs.
    public var warnings: [String]
    /// Dates present in the document that could not be parsed (written as null).
    public var unparsedDates: Int
    /// Entries in which broken markup was repaired or skipped (a truncated last entry included).
    public var damagedItems: Int
    /// True when the document ended with elements open: it was cut short.
    public var truncated: Bool

    public init(items: [Item], platform: Platform, feed: FeedRef? = nil, recovered: Bool = false, warnings: [String] = [], unparsedDates: Int = 0,
                damagedItems: Int = 0, truncated: Bool = false) {
        self.damagedItems = damagedItems
        self.truncated = truncated
        self.items = items
        self.platform = platform
        self.feed = feed
        self.recovered = recovered
        self.warnings = warnings
        self.unparsedDates = unparsedDates
    }
}
