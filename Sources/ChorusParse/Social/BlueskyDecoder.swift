import ChorusModel
import Foundation

/// Decodes AT Protocol AppView responses — `app.bsky.feed.getAuthorFeed` (`{"feed": [feedViewPost]}`)
/// and `app.bsky.feed.searchPosts` (`{"posts": [postView]}`) — into items.
///
/// Identity is the post's at:// URI; the web URL is `https://bsky.app/profile/<handle>/post/<rkey>`.
/// A feed entry with a `reasonRepost` becomes a `repost` item by the reposter.
public enum BlueskyDecoder {
    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        let root = try decoding.document(bytes).root
        do throws(JSONTypeError) {
            let object = try root.requireObject()
            var page = SocialPage()
            page.nextCursor = SocialDecoding.nonEmpty(try object.string("cursor"))
            if let feed = try object.array("feed") {
                for entry in feed {
                    let entry = try entry.requireObject()
                    guard let post = try entry.object("post") else { throw entry.missing("post", "object") }
                    let (item, sort) = try self.item(post, reason: try entry.object("reason"), decoding: &decoding)
                    page.append(item, sortTime: sort)
                }
            } else if let posts = try object.array("posts") {
                for post in posts {
                    let (item, sort) = try self.item(try post.requireObject(), reason: nil, decoding: &decoding)
                    page.append(item, sortTime: sort)
                }
            } else {
                throw object.missing("feed", "array (feed or posts)")
            }
            page.unparsedDates = decoding.unparsedDates
            return page
        } catch {
            throw decoding.failure(error)
        }
    }

    /// The item for a postView, and the instant the AppView sorts it by.
    private static func item(_ post: JSONValue, reason: JSONValue?, decoding: inout SocialDecoding) throws(JSONTypeError) -> (Item, Date?) {
        let uri = try post.requiredString("uri")
        guard let authorValue = try post.object("author") else { throw post.missing("author", "object") }
        let author = try self.author(authorValue)
        let record = try post.object("record")
        let text = SocialDecoding.nonEmpty(try record?.string("text"))
        let created = decoding.date(try record?.string("createdAt"))
        let indexed = decoding.date(try post.string("indexedAt"))

        var langs: [JSONValue] = []
        if let list = try record?.array("langs") { langs = list }
        let lang = langs.first.flatMap(\.stringValue)

        var tags: [String] = []
        for facet in try record?.array("facets") ?? [] {
            for feature in try facet.requireObject().array("features") ?? [] {
                if let tag = try feature.requireObject().string("tag"), !tags.contains(tag) { tags.append(tag) }
            }
        }
        for tag in try record?.array("tags") ?? [] {
            if let t = tag.stringValue, !tags.contains(t) { tags.append(t) }
        }

        let replyTo = try record?.object("reply")?.object("parent")?.string("uri")
        let metrics = Metrics(
            likes: try post.int("likeCount"), reposts: try post.int("repostCount"), replies: try post.int("replyCount"),
            quotes: try post.int("quoteCount"))
        let url = webURL(uri: uri, handle: author.handle, did: author.did)
        // Sort time of a post: its creation, unless the client clock claims a future the AppView had not seen.
        let postSort: Date? = switch (created, indexed) {
        case let (c?, i?): min(c, i)
        case let (c, i): c ?? i
        }

        var item = Item(
            id: ItemID.make(platform: .bluesky, key: uri), source: decoding.context.source, platform: .bluesky,
            kind: replyTo != nil ? .reply : .post, nativeID: uri, url: url, text: text, lang: lang,
            author: author.value, publishedAt: created ?? indexed, fetchedAt: decoding.context.fetchedAt, tags: tags,
            metrics: metrics.isEmpty ? nil : metrics, inReplyTo: replyTo, quoteOf: try quotedURI(record))

        guard let reason, try reason.string("$type") == "app.bsky.feed.defs#reasonRepost" else { return (item, postSort) }
        // A repost: its own identity (the repost record, or reposter + post), by the reposter, at repost time.
        guard let by = try reason.object("by") else { throw reason.missing("by", "object") }
        let reposter = try self.author(by)
        let repostURI = try reason.string("uri")
        let repostedAt = decoding.date(try reason.string("indexedAt"))
        item.id = ItemID.make(platform: .bluesky, key: repostURI ?? "repost:\(reposter.did ?? reposter.handle ?? "")|\(uri)")
        item.nativeID = repostURI ?? uri
        item.kind = .repost
        item.repostOf = uri
        item.inReplyTo = nil
        item.author = reposter.value
        item.publishedAt = repostedAt ?? item.publishedAt
        return (item, repostedAt ?? postSort)
    }

    private static func author(_ value: JSONValue) throws(JSONTypeError) -> (value: Author?, handle: String?, did: String?) {
        let did = try value.string("did")
        var handle = try value.string("handle")
        if handle == "handle.invalid" { handle = nil }
        let profile = (handle ?? did).map { "https://bsky.app/profile/\($0)" }
        let author = Author(name: SocialDecoding.nonEmpty(try value.string("displayName")), handle: handle ?? did, url: profile)
        return (author.isEmpty ? nil : author, handle, did)
    }

    /// `https://bsky.app/profile/<handle or did>/post/<rkey>` for an `at://<did>/app.bsky.feed.post/<rkey>` URI.
    static func webURL(uri: String, handle: String?, did: String?) -> String? {
        let parts = uri.split(separator: "/", omittingEmptySubsequences: true)
        // ["at:", did, collection, rkey]
        guard uri.hasPrefix("at://"), parts.count == 4, parts[2] == "app.bsky.feed.post" else { return nil }
        return "https://bsky.app/profile/\(handle ?? did ?? String(parts[1]))/post/\(parts[3])"
    }

    /// The quoted post's URI from the record's embed (`app.bsky.embed.record` or `recordWithMedia`).
    private static func quotedURI(_ record: JSONValue?) throws(JSONTypeError) -> String? {
        guard let embed = try record?.object("embed") else { return nil }
        switch try embed.string("$type") {
        case "app.bsky.embed.record": return try embed.object("record")?.string("uri")
        case "app.bsky.embed.recordWithMedia": return try embed.object("record")?.object("record")?.string("uri")
        default: return nil
        }
    }
}
