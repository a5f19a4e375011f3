import ChorusModel
import Foundation

/// One Mastodon Status entity to one item, for ``MastodonDecoder``: ids in the instance's id
/// space, HTML content to text, a boost as the booster's `repost` of the boosted status.
enum MastodonStatusAdapter {
    /// Status members the adapter reads, in the order of ``Key``.
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

    /// The item for a Status object.
    static func item(_ value: JSONValue, decoding: inout SocialDecoding) throws(JSONTypeError) -> Item {
        let status = value.fields(statusKeys)
        let id = try status.requiredString(Key.id)
        let uri = try status.requiredString(Key.uri)
        let reblog = try status.object(Key.reblog)
        // A boost carries no content of its own: text, language, tags and warning come from the boosted status.
        let boosted = reblog.map { $0.fields(statusKeys) }
        let body = boosted ?? status
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
        // A boost's own url is its ActivityPub activity (`…/activity`), not a page: link the boosted status.
        let ownURL = try status.string(Key.url)
        var url = ownURL ?? uri
        if let boosted {
            let page = try boosted.string(Key.url)
            let boostedURI = try boosted.requiredString(Key.uri)
            url = page ?? boostedURI
        }

        return Item(
            id: ItemID.make(platform: .mastodon, key: uri),
            source: decoding.context.source,
            platform: .mastodon,
            kind: kind,
            nativeID: id,
            url: url,
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
            repostOf: try boosted?.requiredString(Key.id),
            quoteOf: try quotedID(try body.object(Key.quote)),
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

    /// The quoted status's id: Mastodon 4.4+ `quote.quoted_status.id` or, for a quote shown
    /// shallowly, `quote.quoted_status_id`; or a bare quoted Status (older forks).
    private static func quotedID(_ quote: JSONValue?) throws(JSONTypeError) -> String? {
        guard let quote else { return nil }
        if let quoted = try quote.object("quoted_status") { return try quoted.string("id") }
        if let id = try quote.string("quoted_status_id") { return id }
        return try quote.string("id")
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
