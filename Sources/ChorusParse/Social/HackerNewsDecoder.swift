import ChorusModel
import Foundation

/// Decodes Hacker News responses into items: Algolia HN Search (`{"hits": [...], "nbPages": n}`)
/// and Firebase items (`/v0/item/<id>.json`, one object or an array of them, read by
/// ``HackerNewsFirebaseAdapter``). Stories are `post`, comments `reply` to their parent.
/// Identity is the item id (`objectID`); deleted items (neither author nor text) are
/// skipped with a warning.
public enum HackerNewsDecoder {
    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        return try decode(try decoding.document(bytes).root, decoding: &decoding)
    }

    /// Decodes a parsed response.
    static func decode(_ root: JSONValue, decoding: inout SocialDecoding) throws(ParseError) -> SocialPage {
        if root.kind == .array || SocialShapeDetector.isHackerNewsItem(root) {
            return try HackerNewsFirebaseAdapter.decode(root, decoding: &decoding)
        }
        guard root.kind == .object, root["hits"] != nil else {
            if root.kind == .object, let message = root["message"]?.stringValue {
                let status = root["status"]?.numberText.map { "\($0) " } ?? ""
                throw ParseError("parse: \(decoding.context.source): the Hacker News search API answered with an error: \(status)\(message)")
            }
            throw decoding.unsupported(root, platform: "Hacker News")
        }
        let context = decoding.context
        do throws(JSONTypeError) {
            let object = root
            guard let hits = try object.array("hits") else { throw object.missing("hits", "array") }
            var page = SocialPage()
            page.pageCount = try object.int("nbPages").map { Int($0) }
            for hit in hits {
                let hit = try hit.requireObject()
                guard let id = try hit.idString("objectID") else { throw hit.missing("objectID", "string") }
                var isComment = false
                for tag in try hit.array("_tags") ?? [] where tag.stringValue == "comment" { isComment = true }
                let author = try hit.string("author")
                let html = try hit.string(isComment ? "comment_text" : "story_text")
                let title = SocialDecoding.nonEmpty(try hit.string("title"))
                if author == nil, html == nil, title == nil {
                    page.warnings.append("skipped deleted item \(id)")
                    continue
                }
                let published: Date?
                if let seconds = try hit.int("created_at_i") {
                    published = RFC3339.date(epochSeconds: Double(seconds))
                } else {
                    published = decoding.date(try hit.string("created_at"))
                }
                let metrics = Metrics(replies: try hit.int("num_comments"), score: try hit.int("points"))
                var feed: FeedRef?
                if isComment, let storyTitle = try hit.string("story_title") {
                    feed = FeedRef(title: storyTitle, url: try hit.idString("story_id").map { "https://news.ycombinator.com/item?id=\($0)" })
                }
                let item = Item(
                    id: ItemID.make(platform: .hackernews, key: id),
                    source: context.source,
                    platform: .hackernews,
                    kind: isComment ? .reply : .post,
                    nativeID: id,
                    url: "https://news.ycombinator.com/item?id=\(id)",
                    title: isComment ? nil : title,
                    text: decoding.plain(html),
                    author: author.map { Author(handle: $0, url: "https://news.ycombinator.com/user?id=\($0)") },
                    publishedAt: published,
                    fetchedAt: context.fetchedAt,
                    feed: feed,
                    metrics: metrics.isEmpty ? nil : metrics,
                    inReplyTo: isComment ? try hit.idString("parent_id") : nil
                )
                page.append(item, sortTime: published)
            }
            page.unparsedDates = decoding.unparsedDates
            return page
        } catch {
            throw decoding.failure(error)
        }
    }
}
