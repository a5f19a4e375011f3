import ChorusModel

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
    var metrics = Metrics()

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
        metrics = Metrics()
    }
}

extension Metrics {
    /// The sum of every count (likes, reposts, replies, score, quotes; negatives count as 0): the
    /// "most engaged" order of a report.
    var engagement: Int64 {
        func n(_ v: Int64?) -> Int64 { max(0, v ?? 0) }
        return n(likes) &+ n(reposts) &+ n(replies) &+ n(score) &+ n(quotes)
    }
}
