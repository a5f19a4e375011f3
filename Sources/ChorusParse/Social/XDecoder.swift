import ChorusModel
import Foundation

/// Decodes X API v2 responses into items: lists of posts (search, timelines, lookups by ids:
/// `data` an array), a single-post lookup (`data` an object) and filtered-stream lines (one
/// `{"data": {...}, "matching_rules": [...]}` per line, read through ``SocialPayloadParser``),
/// and flattened posts (twarc `--flatten`: the post itself per line, its `author` inline).
/// Ids stay strings end to end (they exceed 53 bits); authors are joined from
/// `includes.users` by `author_id`; `referenced_tweets` marks replies, quotes and reposts;
/// `text` is unescaped (X sends `&amp;`, `&lt;`, `&gt;`).
public enum XDecoder {
    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        return try decode(try decoding.document(bytes).root, decoding: &decoding)
    }

    /// Decodes a parsed response.
    static func decode(_ root: JSONValue, decoding: inout SocialDecoding) throws(ParseError) -> SocialPage {
        let context = decoding.context
        // A flattened post (twarc `--flatten`): the post object itself, with its author inline.
        let flattened = root.kind == .object && root["data"] == nil && root["id"] != nil && root["text"] != nil
        guard root.kind == .object, flattened || root["data"] != nil || root["meta"] != nil || root["errors"] != nil else {
            throw decoding.unsupported(root, platform: "X")
        }
        // A lone object without text is another entity (a user, a list), not a post.
        if let data = root["data"], data.kind == .object, data["text"] == nil, data["note_tweet"] == nil {
            throw decoding.unsupported(root, platform: "X")
        }
        var apiError: String?
        let page: SocialPage
        do throws(JSONTypeError) {
            let object = try root.requireObject()
            // A single-post lookup or stream line holds one object; lists hold an array.
            let posts: [JSONValue]?
            if flattened {
                posts = [object]
            } else if let data = object["data"], data.kind == .object {
                posts = [data]
            } else {
                posts = try object.array("data")
            }
            var notes: [String] = []
            for error in try object.array("errors") ?? [] {
                let error = try error.requireObject()
                let detail = try error.string("detail"), message = try error.string("message")
                notes.append(detail ?? message ?? "unknown error")
            }
            if posts == nil, let first = notes.first { apiError = first }
            var users: [String: Author] = [:]
            var people = try object.object("includes")?.array("users") ?? []
            if flattened, let inline = try object.object("author") { people.append(inline) }
            for user in people {
                let user = try user.requireObject()
                guard let id = try user.idString("id") else { continue }
                let username = try user.string("username")
                users[id] = Author(name: try user.string("name"), handle: username, url: username.map { "https://x.com/\($0)" })
            }
            var result = SocialPage(warnings: notes.map { "the X API reported: \($0)" })
            let meta = try object.object("meta")
            result.nextCursor = try meta?.string("next_token")
            result.newestID = try meta?.idString("newest_id")
            for post in posts ?? [] {
                let post = try post.requireObject()
                guard let id = try post.idString("id") else { throw post.missing("id", "string") }
                let author = try post.idString("author_id").flatMap { users[$0] }
                var replyTo: String?, quoteOf: String?, repostOf: String?
                for ref in try post.array("referenced_tweets") ?? [] {
                    let ref = try ref.requireObject()
                    let target = try ref.idString("id")
                    switch try ref.string("type") {
                    case "replied_to": replyTo = target
                    case "quoted": quoteOf = target
                    case "retweeted": repostOf = target
                    default: break
                    }
                }
                var tags: [String] = []
                for tag in try post.object("entities")?.array("hashtags") ?? [] {
                    if let t = try tag.requireObject().string("tag") { tags.append(t) }
                }
                let longText = EscapedText.unescape(try post.object("note_tweet")?.string("text"))
                let shortText = EscapedText.unescape(try post.string("text"))
                let lang = try post.string("lang")
                let m = try post.object("public_metrics")
                let metrics = Metrics(
                    likes: try m?.int("like_count"), reposts: try m?.int("retweet_count"), replies: try m?.int("reply_count"),
                    quotes: try m?.int("quote_count"))
                let published = decoding.date(try post.string("created_at"))
                let item = Item(
                    id: ItemID.make(platform: .x, key: id),
                    source: context.source,
                    platform: .x,
                    kind: repostOf != nil ? .repost : (replyTo != nil ? .reply : .post),
                    nativeID: id,
                    // A direct-message event (`event_type`) has no public page.
                    url: post["event_type"] != nil ? nil : "https://x.com/\(author?.handle ?? "i")/status/\(id)",
                    text: SocialDecoding.nonEmpty(longText ?? shortText),
                    lang: lang == "und" || lang == "zxx" ? nil : SocialDecoding.nonEmpty(lang),
                    author: author,
                    publishedAt: published,
                    fetchedAt: context.fetchedAt,
                    tags: tags,
                    metrics: metrics.isEmpty ? nil : metrics,
                    inReplyTo: replyTo,
                    repostOf: repostOf,
                    quoteOf: quoteOf
                )
                result.append(item, sortTime: published)
            }
            result.unparsedDates = decoding.unparsedDates
            page = result
        } catch {
            throw decoding.failure(error)
        }
        if let apiError { throw ParseError("parse: \(context.source): the X API answered with an error: \(apiError)") }
        return page
    }
}
