import ChorusModel
import Foundation

/// Decodes Reddit responses into items: a Listing (`/r/<sub>/new.json`, `/search.json`, a
/// user's comments, `/api/info`), `/api/morechildren` (`{"json": {"data": {"things": [...]}}}`)
/// and a comment page (`/comments/<id>.json`: `[post listing, comment
/// listing]`, whose nested `replies` are flattened depth-first, each comment a `reply` to its
/// `parent_id`). `t3` links and self posts are `post`, `t1` comments `reply`. Identity is the
/// fullname (`t3_1rx9m0a`); removed bodies (`[removed]`, `[deleted]`) and deleted authors are
/// null; `title`, `selftext` and `body` are unescaped (``EscapedText``).
///
/// `metrics.replies` of a post is `num_comments`; of a comment, its own direct replies when
/// the response holds them (the comments under it plus the ids a `more` stub lists), else null.
public enum RedditDecoder {
    /// Where permalinks point.
    static let site = "https://www.reddit.com"

    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        return try decode(try decoding.document(bytes).root, decoding: &decoding)
    }

    /// Decodes a parsed response.
    static func decode(_ root: JSONValue, decoding: inout SocialDecoding) throws(ParseError) -> SocialPage {
        let listings: [JSONValue]
        let tree: Bool
        switch root.kind {
        case .array:
            // A comment page: every element a Listing.
            listings = root.elements
            guard !listings.isEmpty, listings.allSatisfy({ $0.kind == .object && ($0["kind"] != nil || $0["data"] != nil) }) else {
                throw decoding.unsupported(root, platform: "Reddit")
            }
            tree = true
        case .object where root["json"]?["data"]?["things"] != nil:
            listings = []
            tree = false
        case .object where root["data"] != nil || root["kind"] != nil:
            listings = [root]
            tree = false
        case .object where root["error"] != nil:
            let message = root["message"]?.stringValue ?? root["reason"]?.stringValue
            let code = root["error"]?.numberText ?? root["error"]?.stringValue ?? ""
            throw ParseError("parse: \(decoding.context.source): the Reddit API answered with an error: \(code) \(message ?? "")"
                .trimmingCharacters(in: .whitespaces))
        default:
            throw decoding.unsupported(root, platform: "Reddit")
        }
        var page = SocialPage()
        do throws(JSONTypeError) {
            if let things = try root.object("json")?.object("data")?.array("things") {
                // `/api/morechildren`: the comments a `more` stub stood for, flat.
                try append(things, tree: false, to: &page, decoding: &decoding)
            }
            for listing in listings {
                guard let data = try listing.object("data") else { throw listing.missing("data", "object") }
                guard let children = try data.array("children") else { throw data.missing("children", "array") }
                if let after = SocialDecoding.nonEmpty(try data.string("after")) { page.nextCursor = after }
                try append(children, tree: tree, to: &page, decoding: &decoding)
            }
        } catch {
            throw decoding.failure(error)
        }
        page.unparsedDates = decoding.unparsedDates
        return page
    }

    /// Appends the things of a listing, and (in a comment tree) the replies under each comment.
    private static func append(
        _ children: [JSONValue], tree: Bool, to page: inout SocialPage, decoding: inout SocialDecoding
    ) throws(JSONTypeError) {
        for child in children {
            let child = try child.requireObject()
            let kind = try child.string("kind")
            guard kind == "t3" || kind == "t1" else {
                page.warnings.append("skipped a listing entry of kind \(kind ?? "null") at \(child.path)")
                continue
            }
            guard let body = try child.object("data") else { throw child.missing("data", "object") }
            let item = try self.item(body, comment: kind == "t1", tree: tree, decoding: &decoding)
            page.append(item, sortTime: item.publishedAt)
            if kind == "t1", let replies = try body["replies"].flatMap(listing) {
                try append(replies, tree: tree, to: &page, decoding: &decoding)
            }
        }
    }

    /// The children of a comment's `replies` Listing; nil for `""` (no replies) or null.
    private static func listing(_ replies: JSONValue) throws(JSONTypeError) -> [JSONValue]? {
        switch replies.kind {
        case .null, .string: return nil
        case .object: return try replies.object("data")?.array("children")
        default: throw replies.mismatch("Listing or empty string")
        }
    }

    /// A comment's direct replies when the response holds them: in a comment tree `""` is 0;
    /// a `more` stub adds the ids it lists, and a "continue this thread" stub (no ids) makes the
    /// count unknown. Flat listings (a user's comments) send `""` whatever the replies: null.
    private static func replyCount(_ data: JSONValue, tree: Bool) throws(JSONTypeError) -> Int64? {
        guard let replies = data["replies"], !replies.isNull else { return nil }
        guard let children = try listing(replies) else { return tree && replies.stringValue == "" ? 0 : nil }
        var count: Int64 = 0
        for child in children {
            let child = try child.requireObject()
            switch try child.string("kind") {
            case "t1":
                count += 1
            case "more":
                let ids = try child.object("data")?.array("children") ?? []
                guard !ids.isEmpty else { return nil }
                count += Int64(ids.count)
            default:
                break
            }
        }
        return count
    }

    private static func item(_ data: JSONValue, comment: Bool, tree: Bool, decoding: inout SocialDecoding) throws(JSONTypeError) -> Item {
        let fullname = try data.requiredString("name")
        let subreddit = try data.string("subreddit")
        let permalink = try data.string("permalink")
        var author: Author?
        if let name = try data.string("author"), name != "[deleted]", !name.isEmpty {
            author = Author(handle: "u/\(name)", url: "\(site)/user/\(name)")
        }
        let body = EscapedText.unescape(try data.string(comment ? "body" : "selftext"))
        let text = body == "[removed]" || body == "[deleted]" ? nil : SocialDecoding.nonEmpty(body)
        let created = try data.double("created_utc").flatMap { RFC3339.date(epochSeconds: $0) }
        // `edited` is false, or the edit time in epoch seconds.
        var edited: Date?
        if let value = data["edited"], let seconds = value.doubleValue { edited = RFC3339.date(epochSeconds: seconds) }
        let flair = SocialDecoding.nonEmpty(EscapedText.unescape(try data.string("link_flair_text")))
        let replies = comment ? try replyCount(data, tree: tree) : try data.int("num_comments")
        let metrics = Metrics(replies: replies, score: try data.int("score"))
        return Item(
            id: ItemID.make(platform: .reddit, key: fullname),
            source: decoding.context.source,
            platform: .reddit,
            kind: comment ? .reply : .post,
            nativeID: fullname,
            url: permalink.map { $0.hasPrefix("http") ? $0 : site + $0 },
            title: comment ? nil : SocialDecoding.nonEmpty(EscapedText.unescape(try data.string("title"))),
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
