import ChorusModel
import Foundation

/// One Bluesky post to one item, for ``BlueskyDecoder``: from a hydrated `postView` (with the
/// feed entry's `reasonRepost`, if any) or from a bare post record (`{uri, cid, value}`, no
/// counts, the author known only by the DID in the URI).
///
/// A post whose text is empty and whose embed is a link card (`app.bsky.embed.external`)
/// gets the card's title and description as text. A repost keeps its own identity: the
/// repost record's URI when the response has it (`reason.uri`), else a key made of the
/// reposter and the post, never the reposted post's id.
enum BlueskyPostAdapter {
    /// The item for a postView, and the instant the AppView sorts it by.
    static func item(_ post: JSONValue, reason: JSONValue?, decoding: inout SocialDecoding) throws(JSONTypeError) -> (Item, Date?) {
        let uri = try post.requiredString("uri")
        guard let authorValue = try post.object("author") else { throw post.missing("author", "object") }
        let author = try self.author(authorValue)
        let indexed = decoding.date(try post.string("indexedAt"))
        let metrics = Metrics(
            likes: try post.int("likeCount"), reposts: try post.int("repostCount"), replies: try post.int("replyCount"),
            quotes: try post.int("quoteCount"))
        var item = try self.item(uri: uri, record: try post.object("record"), view: try post.object("embed"), author: author, decoding: &decoding)
        item.metrics = metrics.isEmpty ? nil : metrics
        if item.publishedAt == nil { item.publishedAt = indexed }
        // Sort time of a post: its creation, unless the client clock claims a future the AppView had not seen.
        let postSort: Date? = switch (item.publishedAt, indexed) {
        case let (c?, i?): min(c, i)
        case let (c, i): c ?? i
        }

        guard let reason, try reason.string("$type") == "app.bsky.feed.defs#reasonRepost" else { return (item, postSort) }
        // A repost: its own identity (the repost record, or reposter + post), by the reposter, at repost time.
        guard let by = try reason.object("by") else { throw reason.missing("by", "object") }
        let reposter = try self.author(by)
        let repostURI = try reason.string("uri")
        let repostedAt = decoding.date(try reason.string("indexedAt"))
        item.id = ItemID.make(platform: .bluesky, key: repostURI ?? "repost:\(reposter.did ?? reposter.handle ?? "")|\(uri)")
        item.nativeID = repostURI
        item.kind = .repost
        item.repostOf = uri
        item.inReplyTo = nil
        item.author = reposter.value
        item.publishedAt = repostedAt ?? item.publishedAt
        return (item, repostedAt ?? postSort)
    }

    /// The item for a post record `{uri, cid, value}`.
    static func item(record: JSONValue, decoding: inout SocialDecoding) throws(JSONTypeError) -> Item {
        let uri = try record.requiredString("uri")
        guard let value = try record.object("value") else { throw record.missing("value", "object") }
        // at://<did>/<collection>/<rkey>: the record says nothing more about its author.
        let parts = uri.split(separator: "/", omittingEmptySubsequences: true)
        let did = parts.count > 1 ? String(parts[1]) : nil
        let author = Author(handle: did, url: did.map { "https://bsky.app/profile/\($0)" })
        return try item(uri: uri, record: value, view: nil, author: (author.isEmpty ? nil : author, nil, did), decoding: &decoding)
    }

    /// What a post record says: text (or its link card), language, tags, reply parent, quote.
    private static func item(
        uri: String, record: JSONValue?, view: JSONValue?, author: (value: Author?, handle: String?, did: String?),
        decoding: inout SocialDecoding
    ) throws(JSONTypeError) -> Item {
        var text = SocialDecoding.nonEmpty(try record?.string("text"))
        if text == nil { text = try cardText(try record?.object("embed")) }
        if text == nil { text = try cardText(view) }
        let created = decoding.date(try record?.string("createdAt"))
        let lang = try record?.array("langs")?.first?.stringValue

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
        return Item(
            id: ItemID.make(platform: .bluesky, key: uri), source: decoding.context.source, platform: .bluesky,
            kind: replyTo != nil ? .reply : .post, nativeID: uri,
            url: BlueskyDecoder.webURL(uri: uri, handle: author.handle, did: author.did), text: text, lang: lang,
            author: author.value, publishedAt: created, fetchedAt: decoding.context.fetchedAt, tags: tags,
            inReplyTo: replyTo, quoteOf: try quotedURI(record))
    }

    /// A link card's `title` and `description` (`app.bsky.embed.external` in the record, or its
    /// `#view` in a postView), a blank line between them; nil for other embeds.
    private static func cardText(_ embed: JSONValue?) throws(JSONTypeError) -> String? {
        guard let embed, let type = try embed.string("$type"), type.hasPrefix("app.bsky.embed.external"),
            let card = try embed.object("external")
        else { return nil }
        let parts = [try card.string("title"), try card.string("description")].compactMap { text -> String? in
            let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines)
            return SocialDecoding.nonEmpty(trimmed)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    private static func author(_ value: JSONValue) throws(JSONTypeError) -> (value: Author?, handle: String?, did: String?) {
        let did = try value.string("did")
        var handle = try value.string("handle")
        if handle == "handle.invalid" { handle = nil }
        let profile = (handle ?? did).map { "https://bsky.app/profile/\($0)" }
        let author = Author(name: SocialDecoding.nonEmpty(try value.string("displayName")), handle: handle ?? did, url: profile)
        return (author.isEmpty ? nil : author, handle, did)
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
