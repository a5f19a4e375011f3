import ChorusModel
import Foundation

/// Decodes any JSON document into items through a ``JSONMapping`` (exports, dumps,
/// in-house APIs). Items without an id are skipped with a warning; a field of the wrong
/// type is an error naming its path.
public enum JSONMappingDecoder {
    /// Decodes one document with `mapping`.
    public static func decode(_ bytes: [UInt8], mapping: JSONMapping, context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        let root = try decoding.document(bytes).root
        do throws(JSONTypeError) {
            guard let list = try resolve(root, mapping.itemsPath) else {
                throw root.missing(mapping.itemsPath, "array")
            }
            var page = SocialPage()
            for entry in try list.requireArray() {
                guard entry.kind == .object else { throw entry.mismatch("object") }
                guard let id = try scalarText(try resolve(entry, mapping.id)) else {
                    page.warnings.append("skipped an entry without \(mapping.id) at \(entry.path)")
                    continue
                }
                let text = try string(entry, mapping.text)
                let published = try date(entry, mapping.publishedAt, &decoding)
                let author = Author(name: try string(entry, mapping.authorName), handle: try string(entry, mapping.authorHandle))
                let metrics = Metrics(
                    likes: try int(entry, mapping.likes), reposts: try int(entry, mapping.reposts),
                    replies: try int(entry, mapping.replies), score: try int(entry, mapping.score))
                let replyTo = try scalarText(try resolve(entry, mapping.inReplyTo))
                let repostOf = try scalarText(try resolve(entry, mapping.repostOf))
                let item = Item(
                    id: ItemID.make(platform: .json, key: id, scope: mapping.idScope ?? context.source),
                    source: context.source,
                    platform: .json,
                    kind: repostOf != nil ? .repost : (replyTo != nil ? .reply : .post),
                    nativeID: id,
                    url: try string(entry, mapping.url),
                    title: try string(entry, mapping.title),
                    text: mapping.textIsHTML ? decoding.plain(text) : SocialDecoding.nonEmpty(text),
                    lang: try string(entry, mapping.lang),
                    author: author.isEmpty ? nil : author,
                    publishedAt: published,
                    updatedAt: try date(entry, mapping.updatedAt, &decoding),
                    fetchedAt: context.fetchedAt,
                    tags: try tags(entry, mapping.tags),
                    metrics: metrics.isEmpty ? nil : metrics,
                    inReplyTo: replyTo,
                    repostOf: repostOf
                )
                page.append(item, sortTime: published)
            }
            page.unparsedDates = decoding.unparsedDates
            return page
        } catch {
            throw decoding.failure(error)
        }
    }

    /// Follows a dot path (`data.items`, `media.0.url`); nil when a step is missing or null.
    static func resolve(_ start: JSONValue, _ path: String?) throws(JSONTypeError) -> JSONValue? {
        guard let path else { return nil }
        var current = start
        for step in path.split(separator: ".", omittingEmptySubsequences: true) {
            if current.kind == .array, let n = Int(step) {
                let elements = current.elements
                guard n >= 0, n < elements.count else { return nil }
                current = elements[n]
            } else if current.kind == .object {
                guard let next = current[String(step)] else { return nil }
                current = next
            } else if current.isNull {
                return nil
            } else {
                throw current.mismatch(Int(step) != nil ? "array" : "object")
            }
        }
        return current.isNull ? nil : current
    }

    /// A string, or a number's literal text.
    private static func scalarText(_ value: JSONValue?) throws(JSONTypeError) -> String? {
        guard let value else { return nil }
        if let s = value.stringValue { return SocialDecoding.nonEmpty(s) }
        if let n = value.numberText { return n }
        throw value.mismatch("string or number")
    }

    private static func string(_ entry: JSONValue, _ path: String?) throws(JSONTypeError) -> String? {
        guard let value = try resolve(entry, path) else { return nil }
        guard let s = value.stringValue else { throw value.mismatch("string") }
        return SocialDecoding.nonEmpty(s)
    }

    private static func int(_ entry: JSONValue, _ path: String?) throws(JSONTypeError) -> Int64? {
        guard let value = try resolve(entry, path) else { return nil }
        if let n = value.int64Value { return n }
        if value.isBeyondInt64 { return nil }
        if let s = value.stringValue, let n = Int64(s) { return n }
        throw value.mismatch("integer")
    }

    /// Text dates through the date parser; numbers as epoch seconds, or milliseconds above 10^11.
    private static func date(_ entry: JSONValue, _ path: String?, _ decoding: inout SocialDecoding) throws(JSONTypeError) -> Date? {
        guard let value = try resolve(entry, path) else { return nil }
        if let seconds = value.doubleValue {
            return RFC3339.date(epochSeconds: seconds > 1e11 ? seconds / 1000 : seconds)
        }
        guard let text = value.stringValue else { throw value.mismatch("date text or epoch number") }
        return decoding.date(text)
    }

    private static func tags(_ entry: JSONValue, _ path: String?) throws(JSONTypeError) -> [String] {
        guard let value = try resolve(entry, path) else { return [] }
        if let s = value.stringValue { return s.isEmpty ? [] : [s] }
        var out: [String] = []
        for element in try value.requireArray() {
            guard let s = element.stringValue else { throw element.mismatch("string") }
            if !s.isEmpty { out.append(s) }
        }
        return out
    }
}
