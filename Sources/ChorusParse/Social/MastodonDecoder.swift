public import ChorusModel
import Foundation

/// Decodes Mastodon API responses — an array of Status entities (timelines, account
/// statuses) or a v2 search result (`{"statuses": [...]}`) — into items.
///
/// Identity is the federation `uri` (the same post read through two instances dedups);
/// boosts are `repost` items whose text comes from the boosted status and whose author is
/// the booster; replies are `reply` items with `in_reply_to` = `in_reply_to_id`.
public enum MastodonDecoder {
    /// Decodes one response body.
    public static func decode(_ bytes: [UInt8], context: ParseContext) throws(ParseError) -> SocialPage {
        var decoding = SocialDecoding(context: context)
        let root = try decoding.document(bytes).root
        do throws(JSONTypeError) {
            let statuses: [JSONValue]
            if root.kind == .object, let list = try root.array("statuses") {
                statuses = list
            } else {
                statuses = try root.requireArray()
            }
            var page = SocialPage()
            page.items.reserveCapacity(statuses.count)
            page.sortTimes.reserveCapacity(statuses.count)
            for status in statuses {
                let item = try self.item(try status.requireObject(), decoding: &decoding)
                page.append(item, sortTime: item.publishedAt)
            }
            page.unparsedDates = decoding.unparsedDates
            return page
        } catch {
            throw decoding.failure(error)
        }
    }

    private static func item(_ status: JSONValue, decoding: inout SocialDecoding) throws(JSONTypeError) -> Item {
        let id = try status.requiredString("id")
        let uri = try status.requiredString("uri")
        let reblog = try status.object("reblog")
        // A boost carries no content of its own: text, language, tags and warning come from the boosted status.
        let body = reblog ?? status
        let replyTo = try status.string("in_reply_to_id")
        let kind: ItemKind = reblog != nil ? .repost : (replyTo != nil ? .reply : .post)

        var tags: [String] = []
        for tag in try body.array("tags") ?? [] {
            if let name = try tag.requireObject().string("name") { tags.append(name) }
        }
        var enclosures: [Enclosure] = []
        for media in try body.array("media_attachments") ?? [] {
            let media = try media.requireObject()
            let url = try media.string("url")
            let remote = try media.string("remote_url")
            if let url = url ?? remote {
                let type = try media.string("type")
                enclosures.append(Enclosure(url: url, type: type.flatMap(mediaType)))
            }
        }
        let metrics = Metrics(
            likes: try status.int("favourites_count"), reposts: try status.int("reblogs_count"),
            replies: try status.int("replies_count"), quotes: try status.int("quotes_count"))

        return Item(
            id: ItemID.make(platform: .mastodon, key: uri),
            source: decoding.context.source,
            platform: .mastodon,
            kind: kind,
            nativeID: id,
            url: try status.string("url") ?? uri,
            text: decoding.plain(try body.string("content")),
            lang: SocialDecoding.nonEmpty(try body.string("language")),
            author: try author(try status.object("account")),
            publishedAt: decoding.date(try status.string("created_at")),
            updatedAt: decoding.date(try status.string("edited_at")),
            fetchedAt: decoding.context.fetchedAt,
            tags: tags,
            enclosures: enclosures,
            metrics: metrics.isEmpty ? nil : metrics,
            inReplyTo: replyTo,
            repostOf: try reblog?.requiredString("uri"),
            quoteOf: try quotedURI(body),
            contentWarning: SocialDecoding.nonEmpty(try body.string("spoiler_text"))
        )
    }

    /// `acct` with the instance host appended for local accounts (taken from the profile URL).
    private static func author(_ account: JSONValue?) throws(JSONTypeError) -> Author? {
        guard let account else { return nil }
        let profile = try account.string("url")
        let acct = try account.string("acct")
        let username = try account.string("username")
        var handle = acct ?? username
        if let h = handle, !h.contains("@"), let host = profile.flatMap({ URLComponents(string: $0)?.host }) {
            handle = "\(h)@\(host)"
        }
        let author = Author(name: SocialDecoding.nonEmpty(try account.string("display_name")), handle: handle, url: profile)
        return author.isEmpty ? nil : author
    }

    /// The quoted status's URI: Mastodon 4.4+ `quote.quoted_status.uri`, or a bare quoted Status.
    private static func quotedURI(_ status: JSONValue) throws(JSONTypeError) -> String? {
        guard let quote = try status.object("quote") else { return nil }
        if let quoted = try quote.object("quoted_status") { return try quoted.string("uri") }
        return try quote.string("uri")
    }

    /// Mastodon media types (`image`, `video`, `gifv`, `audio`) as MIME families.
    private static func mediaType(_ type: String) -> String? {
        switch type {
        case "image": "image/*"
        case "video", "gifv": "video/*"
        case "audio": "audio/*"
        default: nil
        }
    }
}
