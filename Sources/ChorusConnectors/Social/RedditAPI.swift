public import ChorusModel
public import ChorusFetch

/// A Reddit source: a subreddit's newest posts (`/r/<sub>/new.json`) or a search
/// (`/search.json?q=`), newest first with the `after` cursor.
public typealias RedditConnector = NewestFirstConnector<RedditAPI>

/// Reddit's part of a ``RedditConnector``: what to read, the OAuth hosts and the User-Agent.
/// Anonymous reads go to the base URL (`https://www.reddit.com`, also where OAuth tokens are
/// granted); a token or a login (an app-only or script password grant) reads from the OAuth host.
public struct RedditAPI: NewestFirstAPI {
    /// What to read.
    public enum Stream: Sendable, Equatable {
        /// `/r/<sub>/new.json`; the name without `r/`.
        case subreddit(String)
        /// `/search.json?q=` site-wide, or `/r/<sub>/search.json?restrict_sr=1` within one subreddit.
        case search(query: String, subreddit: String?)
    }

    public var stream: Stream
    /// Reads with a token or a login go to `https://oauth.reddit.com` (Reddit refuses tokens
    /// sent to www, and anonymous reads on oauth). Nil: that host, unless the base URL names
    /// another server than www.reddit.com (a proxy or a test server), which then serves both.
    public var oauthURL: String?
    /// The token endpoint for a login; default `<baseURL>/api/v1/access_token`.
    public var tokenURL: String?
    /// Reddit asks for `<platform>:<app ID>:<version> (by /u/<username>)`; generic agents are throttled.
    public var userAgent: String

    public init(stream: Stream, oauthURL: String? = nil, tokenURL: String? = nil, userAgent: String = RedditAPI.defaultUserAgent) {
        self.stream = stream
        self.oauthURL = oauthURL
        self.tokenURL = tokenURL
        self.userAgent = userAgent
    }

    /// The User-Agent used when the config names none; set your own Reddit username.
    public static let defaultUserAgent = ChorusVersion.redditUserAgent
    /// Anonymous reads.
    public static let defaultBaseURL = "https://www.reddit.com"
    public static let platform = Platform.reddit
    /// `limit` is 1...100.
    public static let defaultPaging = (pageSize: 100, maxPages: 5, maxItems: 500)

    public var target: String {
        switch stream {
        case .subreddit(let sub): "r/\(sub)"
        case .search(let query, let sub): "the search \"\(query)\"" + (sub.map { " in r/\($0)" } ?? "")
        }
    }

    public func credentialKeys(_ options: PagedOptions<Self>) -> String {
        options.login?.keys ?? "token (or client_id and client_secret)"
    }

    public func policy(_ options: PagedOptions<Self>) -> FetchPolicy {
        var policy = options.policy
        policy.userAgent = userAgent
        return policy
    }

    public func loginEndpoint(_ options: PagedOptions<Self>) -> String { tokenURL ?? options.baseURL + "/api/v1/access_token" }

    /// One page of the listing (`raw_json=1`: no legacy HTML escaping in strings), from www.reddit.com
    /// anonymously, oauth.reddit.com with a token.
    public func url(for request: PageRequest, options: PagedOptions<Self>, authorized: Bool) -> String {
        let base = apiBase(options, authorized: authorized)
        let limit = String(min(100, max(1, options.pageSize)))
        switch stream {
        case .subreddit(let sub):
            return QueryString.url(base, "/r/\(QueryString.encode(sub))/new.json", [
                ("limit", limit), ("after", request.token), ("raw_json", "1"),
            ])
        case .search(let query, let sub):
            let path = sub.map { "/r/\(QueryString.encode($0))/search.json" } ?? "/search.json"
            return QueryString.url(base, path, [
                ("q", query), ("sort", "new"), ("restrict_sr", sub == nil ? nil : "1"), ("type", "link"), ("limit", limit),
                ("after", request.token), ("raw_json", "1"),
            ])
        }
    }

    /// Where listings are read: www anonymously, oauth.reddit.com with a token.
    public func apiBase(_ options: PagedOptions<Self>, authorized: Bool) -> String {
        guard authorized else { return options.baseURL }
        if let oauth = oauthURL { return oauth }
        return options.baseURL == Self.defaultBaseURL ? "https://oauth.reddit.com" : options.baseURL
    }
}

extension NewestFirstConnector where API == RedditAPI {
    /// Where this source's listings are read, with or without a token.
    public func apiBase(authorized: Bool) -> String { options.api.apiBase(options, authorized: authorized) }
}
