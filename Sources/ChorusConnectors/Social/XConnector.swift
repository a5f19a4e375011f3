public import Foundation
public import ChorusModel
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

    public init(options: Options, logger: Logger = Logger(label: "chorus.connectors")) {
        self.options = options
        self.logger = logger
    }

    public var name: String { options.name }

    public func poll(from state: SourceState, using fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> PollResult {
        throw ConnectorError("fetch: \(options.name): the X connector is not implemented yet")
    }
}
