import ChorusModel
import Foundation

/// Hacker News Firebase items (`https://hacker-news.firebaseio.com/v0/item/<id>.json`: one
/// object, or an array of them) to items, for ``HackerNewsDecoder``. `story`, `job` and `poll`
/// are `post`; `comment` is a `reply` to `parent`, `pollopt` to its `poll`. `text` is HTML;
/// `metrics.replies` is `descendants` for a story and the number of `kids` (direct replies)
/// for a comment; deleted items are skipped with a warning.
enum HackerNewsFirebaseAdapter {
    private static let site = "https://news.ycombinator.com"

    /// Decodes one item or an array of items.
    static func decode(_ root: JSONValue, decoding: inout SocialDecoding) throws(ParseError) -> SocialPage {
        let entries = root.kind == .array ? root.elements : [root]
        if let first = entries.first, first.kind != .object || first["id"] == nil || first["type"] == nil {
            throw decoding.unsupported(root, platform: "Hacker News")
        }
        var page = SocialPage()
        do throws(JSONTypeError) {
            for entry in entries {
                let entry = try entry.requireObject()
                guard let item = try item(entry, decoding: &decoding) else {
                    page.warnings.append("skipped deleted item \((try? entry.idString("id")).flatMap { $0 } ?? entry.path)")
                    continue
                }
                page.append(item, sortTime: item.publishedAt)
            }
        } catch {
            throw decoding.failure(error)
        }
        page.unparsedDates = decoding.unparsedDates
        return page
    }

    /// The item, or nil for a deleted one (no author, text or title).
    private static func item(_ o: JSONValue, decoding: inout SocialDecoding) throws(JSONTypeError) -> Item? {
        guard let id = try o.idString("id") else { throw o.missing("id", "number") }
        let type = try o.string("type")
        let author = try o.string("by")
        let html = try o.string("text")
        let title = SocialDecoding.nonEmpty(try o.string("title"))
        if try o.bool("deleted") == true || (author == nil && html == nil && title == nil) { return nil }
        let reply = type == "comment" || type == "pollopt"
        let parent = try o.idString(type == "pollopt" ? "poll" : "parent")
        let replies = reply ? try o.array("kids").map { Int64($0.count) } ?? 0 : try o.int("descendants")
        let metrics = Metrics(replies: replies, score: try o.int("score"))
        let published = try o.double("time").flatMap { RFC3339.date(epochSeconds: $0) }
        return Item(
            id: ItemID.make(platform: .hackernews, key: id),
            source: decoding.context.source,
            platform: .hackernews,
            kind: reply ? .reply : .post,
            nativeID: id,
            url: "\(site)/item?id=\(id)",
            title: title,
            text: decoding.plain(html),
            author: author.map { Author(handle: $0, url: "\(site)/user?id=\($0)") },
            publishedAt: published,
            fetchedAt: decoding.context.fetchedAt,
            metrics: metrics.isEmpty ? nil : metrics,
            inReplyTo: reply ? parent : nil
        )
    }
}
