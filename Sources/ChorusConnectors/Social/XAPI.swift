public import ChorusModel

/// An X source: API v2 recent search (`/2/tweets/search/recent`) with an app-only bearer
/// token: `since_id` across runs, `next_token` within one, authors through `expansions=author_id`.
public typealias XConnector = NewestFirstConnector<XAPI>

/// X's part of an ``XConnector``: the search query. The token is required.
public struct XAPI: NewestFirstAPI {
    /// X search query, e.g. `#zte -is:retweet`.
    public var query: String

    public init(query: String) { self.query = query }

    public static let platform = Platform.x
    public static let defaultBaseURL = "https://api.x.com"
    /// `max_results` is 10...100.
    public static let defaultPaging = (pageSize: 100, maxPages: 5, maxItems: 500)
    public static var defaultTokenVariable: String? { "X_BEARER_TOKEN" }

    /// The fields Chorus maps (social-apis.md §5).
    static let tweetFields = "created_at,lang,author_id,conversation_id,public_metrics,referenced_tweets,entities,note_tweet"

    public var target: String { "the search \"\(query)\"" }

    public func credentialKeys(_ options: PagedOptions<Self>) -> String { "bearer_token" }

    public func check(_ options: PagedOptions<Self>) throws(ConnectorError) {
        guard let token = options.token, !token.isEmpty else {
            let variable = options.tokenVariable.map { "$\($0)" } ?? "a token variable"
            throw ConnectorError("fetch: \(options.name): X recent search needs a bearer token (set \(variable))")
        }
    }

    /// `since_id` from the newest post already delivered, `next_token` within a drain.
    public func url(for request: PageRequest, options: PagedOptions<Self>, authorized: Bool) -> String {
        let since = request.watermark?.keys.max(by: Self.idOrder)
        return QueryString.url(options.baseURL, "/2/tweets/search/recent", [
            ("query", query), ("max_results", String(min(100, max(10, options.pageSize)))), ("since_id", since),
            ("next_token", request.token), ("tweet.fields", Self.tweetFields), ("expansions", "author_id"),
            ("user.fields", "username,name"),
        ])
    }

    /// Numeric id order on strings (shorter is smaller), so ids never pass through a number type.
    static func idOrder(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }
}
