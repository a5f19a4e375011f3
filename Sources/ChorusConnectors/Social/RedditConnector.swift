public import Foundation
import ChorusModel
public import ChorusFetch
public import Logging

/// Reads Reddit listings: a subreddit's newest posts (`/r/<sub>/new.json`) or a search
/// (`/search.json?q=`), newest first with the `after` cursor.
public struct RedditConnector: SourceConnector {
    /// What to read.
    public enum Stream: Sendable, Equatable {
        /// `/r/<sub>/new.json`; the name without `r/`.
        case subreddit(String)
        /// `/search.json?q=` site-wide, or `/r/<sub>/search.json?restrict_sr=1` within one subreddit.
        case search(query: String, subreddit: String?)
    }

    /// The source's configuration, as the run maps it from YAML.
    public struct Options: Sendable, Equatable {
        public var name: String
        /// Anonymous reads: `https://www.reddit.com` (also where OAuth tokens are granted).
        public var baseURL: String
        /// Reads with a token or a login go to `https://oauth.reddit.com` (Reddit refuses tokens
        /// sent to www, and anonymous reads on oauth). Nil: that host, unless `baseURL` names
        /// another server than www.reddit.com (a proxy or a test server), which then serves both.
        public var oauthURL: String?
        /// The token endpoint for a login; default `<baseURL>/api/v1/access_token`.
        public var tokenURL: String?
        /// An OAuth grant (app-only or script password) renewed as needed; used instead of `token`.
        public var login: PlatformLogin?
        public var stream: Stream
        /// OAuth bearer token (application-only), already read from the environment by the run.
        public var token: String?
        public var tokenVariable: String?
        /// Reddit asks for `<platform>:<app ID>:<version> (by /u/<username>)`; generic agents are throttled.
        public var userAgent: String
        /// Posts per request (`limit`, 1...100).
        public var pageSize: Int
        public var maxPages: Int
        public var maxItems: Int
        public var policy: FetchPolicy

        /// Anonymous reads.
        public static let defaultBaseURL = "https://www.reddit.com"

        /// The User-Agent used when the config names none; set your own Reddit username.
        public static let defaultUserAgent = ChorusVersion.redditUserAgent

        /// Options with the documented defaults.
        public init(
            name: String, baseURL: String = Options.defaultBaseURL, stream: Stream, token: String? = nil,
            tokenVariable: String? = nil, userAgent: String = Options.defaultUserAgent, pageSize: Int = 100,
            maxPages: Int = 5, maxItems: Int = 500, policy: FetchPolicy = FetchPolicy()
        ) {
            self.name = name
            self.baseURL = baseURL
            self.stream = stream
            self.token = token
            self.tokenVariable = tokenVariable
            self.userAgent = userAgent
            self.pageSize = pageSize
            self.maxPages = maxPages
            self.maxItems = maxItems
            self.policy = policy
        }
    }

    public let options: Options
    let logger: Logger

    /// A connector for `options`; logs (label `chorus.connectors`) pages and items per poll.
    public init(options: Options, logger: Logger = Logger(label: "chorus.connectors")) {
        self.options = options
        self.logger = logger
    }

    public var name: String { options.name }

    /// Reads what is new since `state`; the returned state is to be committed after the items are written.
    public func poll(from state: SourceState, using fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> PollResult {
        var policy = options.policy
        policy.userAgent = options.userAgent
        let session = options.login.map {
            LoginSession(login: $0, source: options.name, endpoint: options.tokenURL ?? options.baseURL + "/api/v1/access_token", policy: policy)
        }
        let pager = NewestFirstPager(source: options.name, maxPages: options.maxPages, maxItems: options.maxItems, logger: logger)
        return try await AuthorizedPoll.run(
            session: session, token: options.token, state: state, fetcher: fetcher, now: now, pager: pager
        ) { token, request throws(ConnectorError) in
            let requester = SocialRequester(
                fetcher: fetcher, source: options.name, platform: .reddit, policy: policy, token: token,
                tokenVariable: options.tokenVariable, target: target, logger: logger,
                credentialKeys: options.login?.keys ?? "token (or client_id and client_secret)")
            return try await requester.page(url(for: request, base: apiBase(authorized: token != nil)), fetchedAt: now)
        }
    }

    /// The request for one page of the drain (`raw_json=1`: no legacy HTML escaping in strings),
    /// against `base`: www.reddit.com anonymously, oauth.reddit.com with a token.
    func url(for request: NewestFirstPager.PageRequest, base: String) -> String {
        let limit = String(min(100, max(1, options.pageSize)))
        switch options.stream {
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
    public func apiBase(authorized: Bool) -> String {
        guard authorized else { return options.baseURL }
        if let oauth = options.oauthURL { return oauth }
        return options.baseURL == Options.defaultBaseURL ? "https://oauth.reddit.com" : options.baseURL
    }

    var target: String {
        switch options.stream {
        case .subreddit(let sub): "r/\(sub)"
        case .search(let query, let sub): "the search \"\(query)\"" + (sub.map { " in r/\($0)" } ?? "")
        }
    }
}
