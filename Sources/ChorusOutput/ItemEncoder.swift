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

    /// Appends one NDJSON line for `item` (newline included) to `w`.
    public static func append(_ item: Item, to w: inout JSONWriter) {
        w.raw(UInt8(ascii: "{"))
        w.key("schema_version", first: true); w.int(Int64(Item.schemaVersion))
        w.key("id"); w.string(item.id)
        w.key("source"); w.string(item.source)
        w.key("platform"); w.string(item.platform.rawValue)
        w.key("kind"); w.string(item.kind.rawValue)
        w.key("native_id"); w.string(item.nativeID)
        w.key("url"); w.string(item.url)
        w.key("title"); w.string(item.title)
        w.key("text"); w.string(item.text)
        w.key("lang"); w.string(item.lang)
        w.key("author")
        if let a = item.author {
            w.raw(UInt8(ascii: "{"))
            w.key("name", first: true); w.string(a.name)
            w.key("handle"); w.string(a.handle)
            w.key("url"); w.string(a.url)
            w.key("email"); w.string(a.email)
            w.raw(UInt8(ascii: "}"))
        } else { w.null() }
        w.key("published_at"); w.date(item.publishedAt)
        w.key("updated_at"); w.date(item.updatedAt)
        w.key("fetched_at"); w.date(item.fetchedAt)
        w.key("tags"); w.strings(item.tags)
        w.key("enclosures")
        w.raw(UInt8(ascii: "["))
        for (i, e) in item.enclosures.enumerated() {
            if i > 0 { w.raw(UInt8(ascii: ",")) }
            w.raw(UInt8(ascii: "{"))
            w.key("url", first: true); w.string(e.url)
            w.key("type"); w.string(e.type)
            w.key("length"); w.int(e.length)
            w.raw(UInt8(ascii: "}"))
        }
        w.raw(UInt8(ascii: "]"))
        w.key("feed")
        if let f = item.feed {
            w.raw(UInt8(ascii: "{"))
            w.key("title", first: true); w.string(f.title)
            w.key("url"); w.string(f.url)
            w.raw(UInt8(ascii: "}"))
        } else { w.null() }
        w.key("metrics")
        if let m = item.metrics {
            w.raw(UInt8(ascii: "{"))
            w.key("likes", first: true); w.int(m.likes)
            w.key("reposts"); w.int(m.reposts)
            w.key("replies"); w.int(m.replies)
            w.key("score"); w.int(m.score)
            w.key("quotes"); w.int(m.quotes)
            w.raw(UInt8(ascii: "}"))
        } else { w.null() }
        w.key("in_reply_to"); w.string(item.inReplyTo)
        w.key("repost_of"); w.string(item.repostOf)
        w.key("quote_of"); w.string(item.quoteOf)
        w.key("content_warning"); w.string(item.contentWarning)
        w.key("keywords"); w.strings(item.keywords)
        w.key("revision"); w.int(Int64(item.revision))
        w.key("sentiment")
        if let s = item.sentiment {
            appendSentiment(s, to: &w)
        } else { w.null() }
        w.raw(UInt8(ascii: "}"))
        w.raw(UInt8(ascii: "\n"))
    }

    /// The `sentiment` object: `{label, compound, pos, neu, neg, tags, rules}`.
    public static func appendSentiment(_ s: Sentiment, to w: inout JSONWriter) {
        w.raw(UInt8(ascii: "{"))
        w.key("label", first: true); w.string(s.label.rawValue)
        w.key("compound"); w.fixed(s.compound)
        w.key("pos"); w.fixed(s.pos, places: 3)
        w.key("neu"); w.fixed(s.neu, places: 3)
        w.key("neg"); w.fixed(s.neg, places: 3)
        w.key("tags"); w.strings(s.tags)
        w.key("rules"); w.strings(s.rules)
        w.raw(UInt8(ascii: "}"))
    }
}
