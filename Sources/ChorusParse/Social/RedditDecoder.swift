import ChorusModel
import Foundation

/// Decodes Reddit Listing responses (`/r/<sub>/new.json`, `/search.json`) into items:
/// `t3` links and self posts as `post`, `t1` comments as `reply`. Identity is the fullname
/// (`t3_1rx9m0a`); removed bodies (`[removed]`, `[deleted]`) and deleted authors become null.
public enum RedditDecoder {
    /// Where permalinks point.
    static let site = "https://www.reddit.com"

    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        let root = try decoding.document(bytes).root
        do throws(JSONTypeError) {
            let listing = try root.requireObject()
            guard let data = try listing.object("data") else { throw listing.missing("data", "object") }
            guard let children = try data.array("children") else { throw data.missing("children", "array") }
            var page = SocialPage()
            page.nextCursor = SocialDecoding.nonEmpty(try data.string("after"))
            for child in children {
                let child = try child.requireObject()
                let kind = try child.string("kind")
                guard kind == "t3" || kind == "t1" else {
                    page.warnings.append("skipped a listing entry of kind \(kind ?? "null") at \(child.path)")
                    continue
                }
                guard let body = try child.object("data") else { throw child.missing("data", "object") }
                let item = try self.item(body, comment: kind == "t1", decoding: &decoding)
                page.append(item, sortTime: item.publishedAt)
            }
            page.unparsedDates = decoding.unparsedDates
            return page
        } catch {
            throw decoding.failure(error)
        }
    }

    private static func item(_ data: JSONValue, comment: Bool, decoding: inout SocialDecoding) throws(JSONTypeError) -> Item {
        let fullname = try data.requiredString("name")
        let subreddit = try data.string("subreddit")
        let permalink = try data.string("permalink")
        var author: Author?
        if let name = try data.string("author"), name != "[deleted]", !name.isEmpty {
            author = Author(handle: "u/\(name)", url: "\(site)/user/\(name)")
        }
        let body = try data.string(comment ? "body" : "selftext")
        let text = body == "[removed]" || body == "[deleted]" ? nil : SocialDecoding.nonEmpty(body)
        let created = try data.double("created_utc").flatMap { RFC3339.date(epochSeconds: $0) }
        // `edited` is false, or the edit time in epoch seconds.
        var edited: Date?
        if let value = data["edited"], let seconds = value.doubleValue { edited = RFC3339.date(epochSeconds: seconds) }
        let flair = SocialDecoding.nonEmpty(try data.string("link_flair_text"))
        let metrics = Metrics(replies: try data.int("num_comments"), score: try data.int("score"))
        return Item(
            id: ItemID.make(platform: .reddit, key: fullname),
            source: decoding.context.source,
            platform: .reddit,
            kind: comment ? .reply : .post,
            nativeID: fullname,
            url: permalink.map { $0.hasPrefix("http") ? $0 : site + $0 },
            title: comment ? nil : SocialDecoding.nonEmpty(try data.string("title")),
            text: text,
            author: author,
            publishedAt: created,
            updatedAt: edited,
            fetchedAt: decoding.context.fetchedAt,
            tags: flair.map { [$0] } ?? [],
            feed: subreddit.map { FeedRef(title: "r/\($0)", url: "\(site)/r/\($0)") },
            metrics: metrics.isEmpty ? nil : metrics,
            inReplyTo: comment ? try data.string("parent_id") : nil
        )
    }
}
