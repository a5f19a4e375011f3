public import Foundation
import ChorusModel
public import ChorusFetch
public import Logging

/// Reads X API v2 recent search (`/2/tweets/search/recent`) with an app-only bearer token:
/// `since_id` across runs, `next_token` within one, authors through `expansions=author_id`.
public struct XConnector: SourceConnector {
    /// The source's configuration, as the run maps it from YAML.
    public struct Options: Sendable, Equatable {
        public var name: String
        /// Default `https://api.x.com`.
        public var baseURL: String
        /// X search query, e.g. `#zte -is:retweet`.
        public var query: String
        /// App-only bearer token, already read from the environment by the run; required.
        public var token: String?
        /// The environment variable the token came from (default `X_BEARER_TOKEN`), named in auth errors.
        public var tokenVariable: String?
        /// Posts per request (`max_results`, 10...100).
        public var pageSize: Int
        public var maxPages: Int
        public var maxItems: Int
        public var policy: FetchPolicy

        /// Options with the documented defaults.
        public init(
            name: String, baseURL: String = "https://api.x.com", query: String, token: String?,
            tokenVariable: String? = "X_BEARER_TOKEN", pageSize: Int = 100, maxPages: Int = 5, maxItems: Int = 500,
            policy: FetchPolicy = FetchPolicy()
        ) {
            self.name = name
            self.baseURL = baseURL
            self.query = query
            self.token = token
            self.tokenVariable = tokenVariable
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
        guard let token = options.token, !token.isEmpty else {
            let variable = options.tokenVariable.map { "$\($0)" } ?? "a token variable"
            throw ConnectorError("fetch: \(options.name): X recent search needs a bearer token (set \(variable))")
        }
        let requester = SocialRequester(
            fetcher: fetcher, source: options.name, platform: .x, policy: options.policy, token: token,
            tokenVariable: options.tokenVariable, target: "the search \"\(options.query)\"", logger: logger, credentialKeys: "bearer_token")
        let pager = NewestFirstPager(source: options.name, maxPages: options.maxPages, maxItems: options.maxItems, logger: logger)
        return try await pager.poll(from: state) { request throws(ConnectorError) in
            try await requester.page(url(for: request), fetchedAt: now)
        }
    }

    /// The fields Chorus maps (social-apis.md §5).
    static let tweetFields = "created_at,lang,author_id,conversation_id,public_metrics,referenced_tweets,entities,note_tweet"

    /// The request for one page: `since_id` from the newest post already delivered, `next_token` within a drain.
    func url(for request: NewestFirstPager.PageRequest) -> String {
        let since = request.watermark?.keys.max(by: Self.idOrder)
        return QueryString.url(options.baseURL, "/2/tweets/search/recent", [
            ("query", options.query), ("max_results", String(min(100, max(10, options.pageSize)))), ("since_id", since),
            ("next_token", request.token), ("tweet.fields", Self.tweetFields), ("expansions", "author_id"),
            ("user.fields", "username,name"),
        ])
    }

    /// Numeric id order on strings (shorter is smaller), so ids never pass through a number type.
    static func idOrder(_ a: String, _ b: String) -> Bool {
        a.count != b.count ? a.count < b.count : a < b
    }
}
