import ChorusModel
import Foundation

/// Decodes Algolia HN Search responses (`{"hits": [...], "nbPages": n}`) into items:
/// stories as `post`, comments as `reply` to `parent_id`. Identity is `objectID`; hits
/// with neither author nor text (deleted items) are skipped with a warning.
public enum HackerNewsDecoder {
    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        let root = try decoding.document(bytes).root
        do throws(JSONTypeError) {
            let object = try root.requireObject()
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
