public import ChorusModel

/// Encodes Items as NDJSON schema v1 lines: compact, keys in the documented order, every
/// key always present (absent values are `null`, absent lists `[]`), each line ending in `\n`.
/// The order and names are a contract with downstream tools; extend, never rename.
public enum ItemEncoder {
    /// One NDJSON line for `item`, newline included.
    public static func line(_ item: Item) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        append(item, to: &w)
        return w.bytes
    }

    /// Appends one NDJSON line for `item` (newline included) to `w`. Each key is written with
    /// its comma and colon as one literal (one append instead of five; this runs per item).
    public static func append(_ item: Item, to w: inout JSONWriter) {
        w.raw("{\"schema_version\":"); w.int(Int64(Item.schemaVersion))
        w.raw(",\"id\":"); w.string(item.id)
        w.raw(",\"source\":"); w.string(item.source)
        w.raw(",\"platform\":"); w.string(item.platform.rawValue)
        w.raw(",\"kind\":"); w.string(item.kind.rawValue)
        w.raw(",\"native_id\":"); w.string(item.nativeID)
        w.raw(",\"url\":"); w.string(item.url)
        w.raw(",\"title\":"); w.string(item.title)
        w.raw(",\"text\":"); w.string(item.text)
        w.raw(",\"lang\":"); w.string(item.lang)
        w.raw(",\"author\":")
        if let a = item.author {
            w.raw("{\"name\":"); w.string(a.name)
            w.raw(",\"handle\":"); w.string(a.handle)
            w.raw(",\"url\":"); w.string(a.url)
            w.raw(",\"email\":"); w.string(a.email)
            w.raw(UInt8(ascii: "}"))
        } else { w.null() }
        w.raw(",\"published_at\":"); w.date(item.publishedAt)
        w.raw(",\"updated_at\":"); w.date(item.updatedAt)
        w.raw(",\"fetched_at\":"); w.date(item.fetchedAt)
        w.raw(",\"tags\":"); w.strings(item.tags)
        w.raw(",\"enclosures\":")
        w.raw(UInt8(ascii: "["))
        for (i, e) in item.enclosures.enumerated() {
            if i > 0 { w.raw(UInt8(ascii: ",")) }
            w.raw("{\"url\":"); w.string(e.url)
            w.raw(",\"type\":"); w.string(e.type)
            w.raw(",\"length\":"); w.int(e.length)
            w.raw(UInt8(ascii: "}"))
        }
        w.raw(UInt8(ascii: "]"))
        w.raw(",\"feed\":")
        if let f = item.feed {
            w.raw("{\"title\":"); w.string(f.title)
            w.raw(",\"url\":"); w.string(f.url)
            w.raw(UInt8(ascii: "}"))
        } else { w.null() }
        w.raw(",\"metrics\":")
        if let m = item.metrics {
            w.raw("{\"likes\":"); w.int(m.likes)
            w.raw(",\"reposts\":"); w.int(m.reposts)
            w.raw(",\"replies\":"); w.int(m.replies)
            w.raw(",\"score\":"); w.int(m.score)
            w.raw(",\"quotes\":"); w.int(m.quotes)
            w.raw(UInt8(ascii: "}"))
        } else { w.null() }
        w.raw(",\"in_reply_to\":"); w.string(item.inReplyTo)
        w.raw(",\"repost_of\":"); w.string(item.repostOf)
        w.raw(",\"quote_of\":"); w.string(item.quoteOf)
        w.raw(",\"content_warning\":"); w.string(item.contentWarning)
        w.raw(",\"keywords\":"); w.strings(item.keywords)
        w.raw(",\"revision\":"); w.int(Int64(item.revision))
        w.raw(",\"sentiment\":")
        if let s = item.sentiment {
            appendSentiment(s, to: &w)
        } else { w.null() }
        w.raw(UInt8(ascii: "}"))
        w.raw(UInt8(ascii: "\n"))
    }

    /// The `sentiment` object: `{label, compound, pos, neu, neg, tags, rules}`.
    public static func appendSentiment(_ s: Sentiment, to w: inout JSONWriter) {
        w.raw("{\"label\":"); w.string(s.label.rawValue)
        w.raw(",\"compound\":"); w.fixed(s.compound)
        w.raw(",\"pos\":"); w.fixed(s.pos, places: 3)
        w.raw(",\"neu\":"); w.fixed(s.neu, places: 3)
        w.raw(",\"neg\":"); w.fixed(s.neg, places: 3)
        w.raw(",\"tags\":"); w.strings(s.tags)
        w.raw(",\"rules\":"); w.strings(s.rules)
        w.raw(UInt8(ascii: "}"))
    }
}
