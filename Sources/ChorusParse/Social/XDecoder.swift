import ChorusModel
import Foundation

/// Decodes X API v2 search responses (`data`, `includes.users`, `meta`) into items.
/// Ids stay strings end to end (they exceed 53 bits); authors are joined from
/// `includes.users` by `author_id`; `referenced_tweets` marks replies, quotes and reposts.
public enum XDecoder {
    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        let root = try decoding.document(bytes).root
        var apiError: String?
        let page: SocialPage
        do throws(JSONTypeError) {
            let object = try root.requireObject()
            let posts = try object.array("data")
            if posts == nil, let errors = try object.array("errors"), let first = errors.first {
                let detail = try first.requireObject()
                let text = try detail.string("detail")
                let message = try detail.string("message")
                apiError = text ?? message ?? "unknown error"
            }
            var users: [String: Author] = [:]
            for user in try object.object("includes")?.array("users") ?? [] {
                let user = try user.requireObject()
                guard let id = try user.idString("id") else { continue }
                let username = try user.string("username")
                users[id] = Author(name: try user.string("name"), handle: username, url: username.map { "https://x.com/\($0)" })
            }
            var result = SocialPage()
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
                let longText = try post.object("note_tweet")?.string("text")
                let shortText = try post.string("text")
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
                    url: "https://x.com/\(author?.handle ?? "i")/status/\(id)",
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
