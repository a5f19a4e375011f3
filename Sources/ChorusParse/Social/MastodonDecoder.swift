import ChorusModel
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

    /// Status members the decoder reads, in the order of ``Key``.
    private static let statusKeys = JSONKeys([
        "id", "uri", "reblog", "in_reply_to_id", "tags", "media_attachments", "favourites_count", "reblogs_count",
        "replies_count", "quotes_count", "url", "content", "language", "account", "created_at", "edited_at", "quote",
        "spoiler_text",
    ])
    private enum Key {
        static let id = 0, uri = 1, reblog = 2, inReplyTo = 3, tags = 4, media = 5, favourites = 6, reblogs = 7
        static let replies = 8, quotes = 9, url = 10, content = 11, language = 12, account = 13, createdAt = 14
        static let editedAt = 15, quote = 16, spoiler = 17
    }
    private static let accountKeys = JSONKeys(["acct", "username", "display_name", "url"])

    private static func item(_ value: JSONValue, decoding: inout SocialDecoding) throws(JSONTypeError) -> Item {
        let status = value.fields(statusKeys)
        let id = try status.requiredString(Key.id)
        let uri = try status.requiredString(Key.uri)
        let reblog = try status.object(Key.reblog)
        // A boost carries no content of its own: text, language, tags and warning come from the boosted status.
        let body = reblog.map { $0.fields(statusKeys) } ?? status
        let replyTo = try status.string(Key.inReplyTo)
        let kind: ItemKind = reblog != nil ? .repost : (replyTo != nil ? .reply : .post)

        var tags: [String] = []
        for tag in try body.array(Key.tags) ?? [] {
            if let name = try tag.requireObject().string("name") { tags.append(name) }
        }
        var enclosures: [Enclosure] = []
        for media in try body.array(Key.media) ?? [] {
            let media = try media.requireObject()
            let url = try media.string("url")
            let remote = try media.string("remote_url")
            if let url = url ?? remote {
                let type = try media.string("type")
                enclosures.append(Enclosure(url: url, type: type.flatMap(mediaType)))
            }
        }
        let metrics = Metrics(
            likes: try status.int(Key.favourites), reposts: try status.int(Key.reblogs),
            replies: try status.int(Key.replies), quotes: try status.int(Key.quotes))

        return Item(
            id: ItemID.make(platform: .mastodon, key: uri),
            source: decoding.context.source,
            platform: .mastodon,
            kind: kind,
            nativeID: id,
            url: try status.string(Key.url) ?? uri,
            text: try decoding.plain(body, Key.content),
            lang: SocialDecoding.nonEmpty(try body.string(Key.language)),
            author: try author(try status.object(Key.account)),
            publishedAt: decoding.date(try status.string(Key.createdAt)),
            updatedAt: decoding.date(try status.string(Key.editedAt)),
            fetchedAt: decoding.context.fetchedAt,
            tags: tags,
            enclosures: enclosures,
            metrics: metrics.isEmpty ? nil : metrics,
            inReplyTo: replyTo,
            repostOf: try reblog.map { v throws(JSONTypeError) in try v.requiredString("uri") },
            quoteOf: try quotedURI(try body.object(Key.quote)),
            contentWarning: SocialDecoding.nonEmpty(try body.string(Key.spoiler))
        )
    }

    /// `acct` with the instance host appended for local accounts (taken from the profile URL).
    private static func author(_ account: JSONValue?) throws(JSONTypeError) -> Author? {
        guard let value = account else { return nil }
        let account = value.fields(accountKeys)
        let profile = try account.string(3)
        let acct = try account.string(0)
        let username = try account.string(1)
        var handle = acct ?? username
        if let h = handle, !h.utf8.contains(UInt8(ascii: "@")), let host = profile.flatMap(host(of:)) {
            handle = "\(h)@\(host)"
        }
        let author = Author(name: SocialDecoding.nonEmpty(try account.string(2)), handle: handle, url: profile)
        return author.isEmpty ? nil : author
    }

    /// The host of an `https://host/...` URL, without Foundation's URL parser (hot path).
    static func host(of url: String) -> String? {
        let bytes = url.utf8
        guard let scheme = bytes.firstIndex(of: UInt8(ascii: ":")),
            bytes[bytes.index(after: scheme)...].starts(with: "//".utf8)
        else { return nil }
        let start = bytes.index(scheme, offsetBy: 3)
        var end = start
        while end < bytes.endIndex, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
            end = bytes.index(after: end)
        }
        var host = Substring(url[start..<end])
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if !host.hasPrefix("["), let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// The quoted status's URI: Mastodon 4.4+ `quote.quoted_status.uri`, or a bare quoted Status.
    private static func quotedURI(_ quote: JSONValue?) throws(JSONTypeError) -> String? {
        guard let quote else { return nil }
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
