public import Foundation

/// One normalized entry: a feed item or a social post, the single shape every stage after
/// parsing sees. Field names mirror NDJSON schema v1 (docs/schema.md); absent values are nil
/// here and `null` in NDJSON, arrays are empty rather than nil.
public struct Item: Sendable, Equatable {
    /// The NDJSON schema version written in every record.
    public static let schemaVersion = 1

    /// Stable id across runs and machines (see ``ItemID``).
    public var id: String
    /// The configured source name this item came through.
    public var source: String
    public var platform: Platform
    public var kind: ItemKind
    /// guid / atom:id / rdf:about / JSON Feed id / platform post id, always a string.
    public var nativeID: String?
    /// Absolute permalink.
    public var url: String?
    public var title: String?
    /// Plain text of the richest body.
    public var text: String?
    public var lang: String?
    public var author: Author?
    public var publishedAt: Date?
    public var updatedAt: Date?
    public var fetchedAt: Date?
    /// Categories, hashtags.
    public var tags: [String]
    public var enclosures: [Enclosure]
    public var feed: FeedRef?
    public var metrics: Metrics?
    /// Native id or URI of the item this one replies to.
    public var inReplyTo: String?
    /// Native id or URI of the item this one reposts.
    public var repostOf: String?
    /// Native id or URI of the item this one quotes.
    public var quoteOf: String?
    /// Content warning / spoiler text shown before the body (Mastodon), plain text.
    public var contentWarning: String?
    /// Tracked keywords found in title or text (filled by the run).
    public var keywords: [String]
    /// 0 for the first emission of an id; n for the n-th changed re-emission (filled by the run).
    public var revision: Int
    /// Filled by the sentiment stage.
    public var sentiment: Sentiment?
    /// The id and url this item had before Chorus decoded references in attribute values (an
    /// Atom link `href` or `rdf:about` holding `&amp;`), each when it differs from ``id`` and
    /// ``url``; dedup uses them so state written by older versions keeps matching
    /// (docs/schema.md). Never written.
    public var formerID: String?
    public var formerURL: String?

    /// Creates an item; everything but identity is optional.
    public init(
        id: String, source: String, platform: Platform, kind: ItemKind = .article,
        nativeID: String? = nil, url: String? = nil, title: String? = nil, text: String? = nil,
        lang: String? = nil, author: Author? = nil, publishedAt: Date? = nil, updatedAt: Date? = nil,
        fetchedAt: Date? = nil, tags: [String] = [], enclosures: [Enclosure] = [], feed: FeedRef? = nil,
        metrics: Metrics? = nil, inReplyTo: String? = nil, repostOf: String? = nil, quoteOf: String? = nil,
        contentWarning: String? = nil, keywords: [String] = [], revision: Int = 0, sentiment: Sentiment? = nil
    ) {
        self.id = id
        self.source = source
        self.platform = platform
        self.kind = kind
        self.nativeID = nativeID
        self.url = url
        self.title = title
        self.text = text
        self.lang = lang
        self.author = author
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.fetchedAt = fetchedAt
        self.tags = tags
        self.enclosures = enclosures
        self.feed = feed
        self.metrics = metrics
        self.inReplyTo = inReplyTo
        self.repostOf = repostOf
        self.quoteOf = quoteOf
        self.contentWarning = contentWarning
        self.keywords = keywords
        self.revision = revision
        self.sentiment = sentiment
    }
}
