/// The fields of one NDJSON line that a report uses, as read by ``ReportRecordReader``: numbers
/// decoded, strings left as byte ranges into the line (decoded only for items kept for
/// display). One record is reused for every line, so its arrays keep their storage.
struct ReportRecord {
    var id: JSONStringRange?
    var source: JSONStringRange?
    var platform: JSONStringRange?
    var url: JSONStringRange?
    var title: JSONStringRange?
    var text: JSONStringRange?
    var publishedAt: Int64?
    var updatedAt: Int64?
    /// `kind` is `article` (a news item, not a reaction).
    var isArticle = false
    var keywords: [JSONStringRange] = []
    var revision = 0
    var label = ReportLabel.notScored
    /// `sentiment.compound` in units of 1e-4 (Chorus writes four decimals, so this is exact).
    var compound: Int16 = 0
    var tags: [JSONStringRange] = []
    /// The raw `sentiment.rules` array (brackets included), read only for displayed items.
    var rules: Range<Int>?
    var metrics = ReportMetrics()

    /// The instant the item is placed at: its publication, else its last update. Not the fetch
    /// time: an undated feed entry fetched today would otherwise land far from its story.
    var time: Int64? { publishedAt ?? updatedAt }

    /// Clears every field for the next line, keeping array storage.
    mutating func reset() {
        id = nil; source = nil; platform = nil; url = nil; title = nil; text = nil
        publishedAt = nil; updatedAt = nil; isArticle = false
        keywords.removeAll(keepingCapacity: true)
        revision = 0
        label = .notScored
        compound = 0
        tags.removeAll(keepingCapacity: true)
        rules = nil
        metrics = ReportMetrics()
    }
}

/// Engagement counts of an item (`metrics` in NDJSON); nil where the platform gave none.
public struct ReportMetrics: Sendable, Equatable, Codable {
    public var likes: Int64?
    public var reposts: Int64?
    public var replies: Int64?
    public var score: Int64?
    public var quotes: Int64?

    public init(likes: Int64? = nil, reposts: Int64? = nil, replies: Int64? = nil, score: Int64? = nil, quotes: Int64? = nil) {
        self.likes = likes
        self.reposts = reposts
        self.replies = replies
        self.score = score
        self.quotes = quotes
    }

    /// The sum of every count (likes, reposts, replies, score, quotes; negatives count as 0): the
    /// "most engaged" order.
    public var engagement: Int64 {
        func n(_ v: Int64?) -> Int64 { max(0, v ?? 0) }
        return n(likes) &+ n(reposts) &+ n(replies) &+ n(score) &+ n(quotes)
    }
}
