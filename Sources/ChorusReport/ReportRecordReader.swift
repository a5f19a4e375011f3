import ChorusModel

/// Reads one NDJSON line (schema v1, docs/schema.md) into a ``ReportRecord``: the fields a
/// report needs, in any key order, unknown keys skipped, so lines from older or newer writers
/// and from other tools read the same way.
enum ReportRecordReader {
    /// Fills `record` from `line`; false when the line is not a JSON object or has no `id`.
    static func read(_ line: UnsafeBufferPointer<UInt8>, into record: inout ReportRecord) -> Bool {
        record.reset()
        var cursor = JSONCursor(line)
        let ok = cursor.object { c, key in
            let first = c.bytes[key.start]
            switch first {
            case UInt8(ascii: "i") where c.key(key, is: "id"): return optionalString(&c, into: &record.id)
            case UInt8(ascii: "s") where c.key(key, is: "source"): return optionalString(&c, into: &record.source)
            case UInt8(ascii: "s") where c.key(key, is: "sentiment"): return sentiment(&c, into: &record)
            case UInt8(ascii: "p") where c.key(key, is: "platform"): return optionalString(&c, into: &record.platform)
            case UInt8(ascii: "p") where c.key(key, is: "published_at"): return timestamp(&c, into: &record.publishedAt)
            case UInt8(ascii: "u") where c.key(key, is: "updated_at"): return timestamp(&c, into: &record.updatedAt)
            case UInt8(ascii: "k") where c.key(key, is: "kind"):
                guard let s = c.string() else { return c.skipValue() }
                record.isArticle = c.key(s, is: "article")
                return true
            case UInt8(ascii: "u") where c.key(key, is: "url"): return optionalString(&c, into: &record.url)
            case UInt8(ascii: "t") where c.key(key, is: "title"): return optionalString(&c, into: &record.title)
            case UInt8(ascii: "t") where c.key(key, is: "text"): return optionalString(&c, into: &record.text)
            case UInt8(ascii: "k") where c.key(key, is: "keywords"): return strings(&c, into: &record.keywords)
            case UInt8(ascii: "r") where c.key(key, is: "revision"):
                var n: Double?
                guard c.numberValue(into: &n) else { return false }
                record.revision = n.flatMap { Int(exactly: $0.rounded(.down)) } ?? 0
                return true
            case UInt8(ascii: "m") where c.key(key, is: "metrics"): return metrics(&c, into: &record.metrics)
            default: return c.skipValue()
            }
        }
        return ok && cursor.peek() == nil && record.id != nil
    }

    private static func optionalString(_ c: inout JSONCursor, into slot: inout JSONStringRange?) -> Bool {
        if c.takeNull() { slot = nil; return true }
        guard let s = c.string() else { return c.skipValue() }
        slot = s
        return true
    }

    private static func timestamp(_ c: inout JSONCursor, into slot: inout Int64?) -> Bool {
        if c.takeNull() { slot = nil; return true }
        guard let s = c.string() else { return c.skipValue() }
        slot = s.escaped ? nil : TimestampReader.seconds(UnsafeBufferPointer(rebasing: c.bytes[s.start..<s.end]))
        return true
    }

    /// An array of strings (non-strings inside are skipped); null is an empty list.
    private static func strings(_ c: inout JSONCursor, into list: inout [JSONStringRange]) -> Bool {
        if c.takeNull() { return true }
        guard c.peek() == UInt8(ascii: "[") else { return c.skipValue() }
        return c.array { c in
            if let s = c.string() { list.append(s); return true }
            return c.skipValue()
        }
    }

    private static func metrics(_ c: inout JSONCursor, into m: inout Metrics) -> Bool {
        if c.takeNull() { return true }
        guard c.peek() == UInt8(ascii: "{") else { return c.skipValue() }
        return c.object { c, key in
            var n: Double?
            guard c.numberValue(into: &n) else { return false }
            let value = n.flatMap { Int64(exactly: $0.rounded(.down)) }
            if c.key(key, is: "likes") { m.likes = value }
            else if c.key(key, is: "reposts") { m.reposts = value }
            else if c.key(key, is: "replies") { m.replies = value }
            else if c.key(key, is: "score") { m.score = value }
            else if c.key(key, is: "quotes") { m.quotes = value }
            return true
        }
    }

    /// `sentiment`: the label (anything but the four labels, or `"scored":false`, is "not
    /// scored"), the compound, the tags and the span of the rules.
    private static func sentiment(_ c: inout JSONCursor, into record: inout ReportRecord) -> Bool {
        if c.takeNull() { return true }
        guard c.peek() == UInt8(ascii: "{") else { return c.skipValue() }
        var label = ReportLabel.notScored
        var compound: Double?
        var scored = true
        let ok = c.object { c, key in
            if c.key(key, is: "label") {
                guard let s = c.string() else { return c.skipValue() }
                label = labelOf(c, s)
                return true
            }
            if c.key(key, is: "compound") { return c.numberValue(into: &compound) }
            if c.key(key, is: "scored") {
                // The sentiment stage's not-scored marker (`"scored":false`, label null).
                if c.peek() == UInt8(ascii: "f") { scored = false }
                return c.skipValue()
            }
            if c.key(key, is: "tags") { return strings(&c, into: &record.tags) }
            if c.key(key, is: "rules") {
                guard c.peek() == UInt8(ascii: "[") else { return c.skipValue() }
                let start = c.at
                guard c.skipValue() else { return false }
                record.rules = start..<c.at
                return true
            }
            return c.skipValue()
        }
        if scored, label != .notScored, let compound, compound >= -1, compound <= 1 {
            record.label = label
            record.compound = Int16((compound * 10_000).rounded())
        }
        return ok
    }

    private static func labelOf(_ c: JSONCursor, _ s: JSONStringRange) -> ReportLabel {
        if c.key(s, is: "positive") { return .positive }
        if c.key(s, is: "negative") { return .negative }
        if c.key(s, is: "neutral") { return .neutral }
        if c.key(s, is: "mixed") { return .mixed }
        return .notScored
    }
}
