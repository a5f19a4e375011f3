/// How to read items out of an arbitrary JSON document (an export, a WeChat or Weibo dump,
/// an in-house API): where the array of items is and which member feeds each item field.
///
/// Paths are dot-separated member names with optional array indexes: `data.items`,
/// `user.screen_name`, `media.0.url`. An empty `itemsPath` means the document itself is the
/// array. Dates may be RFC 3339 / ISO 8601 text or epoch numbers (seconds, or milliseconds
/// when larger than 10^11).
public struct JSONMapping: Sendable, Equatable {
    /// Path to the array of items; empty for a top-level array.
    public var itemsPath: String
    /// The item's native id (string or integer); required for a stable item id.
    public var id: String
    public var url: String?
    public var title: String?
    public var text: String?
    /// When true, `text` holds HTML and is converted to plain text.
    public var textIsHTML: Bool
    public var authorHandle: String?
    public var authorName: String?
    public var publishedAt: String?
    public var updatedAt: String?
    public var lang: String?
    /// An array of strings, or one string.
    public var tags: String?
    public var likes: String?
    public var reposts: String?
    public var replies: String?
    public var score: String?
    public var inReplyTo: String?
    public var repostOf: String?
    /// Scopes the ids (ids of in-house APIs are rarely globally unique); default: the source name.
    public var idScope: String?

    public init(
        itemsPath: String = "", id: String = "id", url: String? = "url", title: String? = "title", text: String? = "text",
        textIsHTML: Bool = false, authorHandle: String? = "author", authorName: String? = nil,
        publishedAt: String? = "created_at", updatedAt: String? = nil, lang: String? = "lang", tags: String? = "tags",
        likes: String? = nil, reposts: String? = nil, replies: String? = nil, score: String? = nil,
        inReplyTo: String? = nil, repostOf: String? = nil, idScope: String? = nil
    ) {
        self.itemsPath = itemsPath
        self.id = id
        self.url = url
        self.title = title
        self.text = text
        self.textIsHTML = textIsHTML
        self.authorHandle = authorHandle
        self.authorName = authorName
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
        self.lang = lang
        self.tags = tags
        self.likes = likes
        self.reposts = reposts
        self.replies = replies
        self.score = score
        self.inReplyTo = inReplyTo
        self.repostOf = repostOf
        self.idScope = idScope
    }
}
