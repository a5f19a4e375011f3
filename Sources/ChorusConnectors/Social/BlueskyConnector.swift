public import Foundation
public import ChorusModel
public import ChorusFetch
public import Logging

/// Reads Bluesky through an AT Protocol AppView: a post search (`app.bsky.feed.searchPosts`)
/// or one author's feed (`app.bsky.feed.getAuthorFeed`), newest first, with the API cursor.
public struct BlueskyConnector: SourceConnector {
    /// What to read.
    public enum Stream: Sendable, Equatable {
        /// `app.bsky.feed.searchPosts?q=`; public AppViews may refuse it without a token.
        case search(String)
        /// `app.bsky.feed.getAuthorFeed?actor=`; a handle or DID.
        case author(String)
    }

    /// The source's configuration, as the run maps it from YAML.
    public struct Options: Sendable, Equatable {
        public var name: String
        /// The AppView or PDS host, default `https://public.api.bsky.app`.
        public var baseURL: String
        public var stream: Stream
        /// Access JWT (sent as a bearer token), already read from the environment by the run.
        public var token: String?
        /// The environment variable the token came from, named in auth errors.
        public var tokenVariable: String?
        /// `lang` filter for searches.
        public var language: String?
        /// A handle and app password: a session is created at `baseURL` (a PDS or the
        /// `https://bsky.social` entryway, which proxies reads to the AppView), kept in the state,
        /// refreshed before it expires and after a 401. Used instead of `token`.
        public var login: PlatformLogin?
        /// Posts per request (`limit`, 1...100).
        public var pageSize: Int
        public var maxPages: Int
        public var maxItems: Int
        public var policy: FetchPolicy

        /// Options with the documented defaults.
        public init(
            name: String, baseURL: String = "https://public.api.bsky.app", stream: Stream, token: String? = nil,
            tokenVariable: String? = nil, language: String? = nil, pageSize: Int = 50, maxPages: Int = 10,
            maxItems: Int = 500, policy: FetchPolicy = FetchPolicy()
        ) {
            self.name = name
            self.baseURL = baseURL
            self.stream = stream
            self.token = token
            self.tokenVariable = tokenVariable
            self.language = language
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
        let session = options.login.map { LoginSession(login: $0, source: options.name, endpoint: options.baseURL, policy: options.policy) }
        let pager = NewestFirstPager(source: options.name, maxPages: options.maxPages, maxItems: options.maxItems, logger: logger)
        return try await AuthorizedPoll.run(
            session: session, token: options.token, state: state, fetcher: fetcher, now: now, pager: pager
        ) { token, request throws(ConnectorError) in
            let requester = SocialRequester(
                fetcher: fetcher, source: options.name, platform: .bluesky, policy: options.policy, token: token,
                tokenVariable: options.tokenVariable, target: target, logger: logger, credentialKeys: "handle and app_password")
            return try await requester.page(url(for: request), fetchedAt: now)
        }
    }

    /// The request for one page of the drain.
    func url(for request: NewestFirstPager.PageRequest) -> String {
        let limit = String(min(100, max(1, options.pageSize)))
        switch options.stream {
        case .search(let query):
            // `since` (inclusive) keeps the search at or after the last run's newest post.
            let since = request.watermark.map { RFC3339.format(Date(timeIntervalSince1970: Double($0.millis / 1000))) }
            return QueryString.url(options.baseURL, "/xrpc/app.bsky.feed.searchPosts", [
                ("q", query), ("sort", "latest"), ("limit", limit), ("lang", options.language), ("since", since),
                ("cursor", request.token),
            ])
        case .author(let actor):
            return QueryString.url(options.baseURL, "/xrpc/app.bsky.feed.getAuthorFeed", [
                ("actor", actor), ("limit", limit), ("cursor", request.token),
            ])
        }
    }

    /// What a 404 or 403 refers to.
    var target: String {
        switch options.stream {
        case .search(let query): "the search \"\(query)\""
        case .author(let actor): "the account \(actor)"
        }
    }
}
