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

    /// Appends one NDJSON line for `item` (newline included) to `w`. The line is built in one
    /// piece of scratch memory sized by ``bound(_:)`` (keys written with their comma and colon
    /// as one literal) and appended with one copy: this runs per item.
    public static func append(_ item: Item, to w: inout JSONWriter) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound(item)) { scratch in
            var b = JSONLineBuffer(scratch.baseAddress!)
            fields(item, into: &b)
            if item.sentiment == nil { b.raw("null}\n") }
            w.bytes.append(contentsOf: b.written)
        }
        if let s = item.sentiment {
            appendSentiment(s, to: &w)
            w.raw("}\n")
        }
    }

    /// Every key up to and including `"sentiment":`.
    private static func fields(_ item: Item, into b: inout JSONLineBuffer) {
        b.raw("{\"schema_version\":"); b.int(Int64(Item.schemaVersion))
        b.raw(",\"id\":"); b.string(item.id)
        b.raw(",\"source\":"); b.string(item.source)
        b.raw(",\"platform\":"); b.string(item.platform.rawValue)
        b.raw(",\"kind\":"); b.string(item.kind.rawValue)
        b.raw(",\"native_id\":"); b.string(item.nativeID)
        b.raw(",\"url\":"); b.string(item.url)
        b.raw(",\"title\":"); b.string(item.title)
        b.raw(",\"text\":"); b.string(item.text)
        b.raw(",\"lang\":"); b.string(item.lang)
        b.raw(",\"author\":")
        if let a = item.author {
            b.raw("{\"name\":"); b.string(a.name)
            b.raw(",\"handle\":"); b.string(a.handle)
            b.raw(",\"url\":"); b.string(a.url)
            b.raw(",\"email\":"); b.string(a.email)
            b.byte(UInt8(ascii: "}"))
        } else { b.null() }
        b.raw(",\"published_at\":"); b.date(item.publishedAt)
        b.raw(",\"updated_at\":"); b.date(item.updatedAt)
        b.raw(",\"fetched_at\":"); b.date(item.fetchedAt)
        b.raw(",\"tags\":"); b.strings(item.tags)
        b.raw(",\"enclosures\":")
        b.byte(UInt8(ascii: "["))
        for (i, e) in item.enclosures.enumerated() {
            if i > 0 { b.byte(UInt8(ascii: ",")) }
            b.raw("{\"url\":"); b.string(e.url)
            b.raw(",\"type\":"); b.string(e.type)
            b.raw(",\"length\":"); b.int(e.length)
            b.byte(UInt8(ascii: "}"))
        }
        b.byte(UInt8(ascii: "]"))
        b.raw(",\"feed\":")
        if let f = item.feed {
            b.raw("{\"title\":"); b.string(f.title)
            b.raw(",\"url\":"); b.string(f.url)
            b.byte(UInt8(ascii: "}"))
        } else { b.null() }
        b.raw(",\"metrics\":")
        if let m = item.metrics {
            b.raw("{\"likes\":"); b.int(m.likes)
            b.raw(",\"reposts\":"); b.int(m.reposts)
            b.raw(",\"replies\":"); b.int(m.replies)
            b.raw(",\"score\":"); b.int(m.score)
            b.raw(",\"quotes\":"); b.int(m.quotes)
            b.byte(UInt8(ascii: "}"))
        } else { b.null() }
        b.raw(",\"in_reply_to\":"); b.string(item.inReplyTo)
        b.raw(",\"repost_of\":"); b.string(item.repostOf)
        b.raw(",\"quote_of\":"); b.string(item.quoteOf)
        b.raw(",\"content_warning\":"); b.string(item.contentWarning)
        b.raw(",\"keywords\":"); b.strings(item.keywords)
        b.raw(",\"revision\":"); b.int(Int64(item.revision))
        b.raw(",\"sentiment\":")
    }

    /// The most bytes ``fields(_:into:)`` plus `null}\n` can write for `item`: 1 KiB for keys,
    /// punctuation, numbers (20 bytes each at most) and dates (22), plus the worst case of
    /// every string (each byte escaped as `\u00XX`).
    static func bound(_ item: Item) -> Int {
        func add(_ s: String?) -> Int { JSONLineBuffer.bound(s) }
        var n = 1024 + add(item.id) + add(item.source) + add(item.platform.rawValue) + add(item.kind.rawValue)
        n += add(item.nativeID) + add(item.url) + add(item.title) + add(item.text) + add(item.lang)
        n += add(item.inReplyTo) + add(item.repostOf) + add(item.quoteOf) + add(item.contentWarning)
        if let a = item.author { n += add(a.name) + add(a.handle) + add(a.url) + add(a.email) }
        if let f = item.feed { n += add(f.title) + add(f.url) }
        for s in item.tags { n += JSONLineBuffer.bound(s) + 1 }
        for s in item.keywords { n += JSONLineBuffer.bound(s) + 1 }
        for e in item.enclosures { n += 64 + JSONLineBuffer.bound(e.url) + JSONLineBuffer.bound(e.type) }
        return n
    }

    /// The `sentiment` object: `{label, compound, pos, neu, neg, tags, rules, scored, lang}`.
    /// Text that was not scored has null `label` and numbers and `"scored":false`.
    public static func appendSentiment(_ s: Sentiment, to w: inout JSONWriter) {
        if s.scored {
            w.raw("{\"label\":"); w.string(s.label.rawValue)
            w.raw(",\"compound\":"); w.fixed(s.compound)
            w.raw(",\"pos\":"); w.fixed(s.pos, places: 3)
            w.raw(",\"neu\":"); w.fixed(s.neu, places: 3)
            w.raw(",\"neg\":"); w.fixed(s.neg, places: 3)
        } else {
            w.raw(notScoredFigures)
        }
        w.raw(",\"tags\":"); w.strings(s.tags)
        w.raw(",\"rules\":"); w.strings(s.rules)
        w.raw(s.scored ? ",\"scored\":true,\"lang\":" : ",\"scored\":false,\"lang\":"); w.string(s.lang)
        w.raw(UInt8(ascii: "}"))
    }

    /// The start of the `sentiment` object of a text that was not scored.
    public static let notScoredFigures: StaticString = "{\"label\":null,\"compound\":null,\"pos\":null,\"neu\":null,\"neg\":null"
}
