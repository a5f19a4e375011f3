public import Foundation
public import ChorusModel
public import ChorusFetch
public import Logging

/// Reads Hacker News stories and comments matching a query through the Algolia API
/// (`/api/v1/search_by_date` with `numericFilters=created_at_i>X`).
public struct HackerNewsConnector: SourceConnector {
    /// The Algolia item types to ask for.
    public enum HitKind: String, Sendable, Equatable, CaseIterable {
        case story, comment
    }

    /// The source's configuration, as the run maps it from YAML.
    public struct Options: Sendable, Equatable {
        public var name: String
        /// Default `https://hn.algolia.com`.
        public var baseURL: String
        public var query: String
        /// Stories, comments or both (the default).
        public var kinds: [HitKind]
        /// How far back the first run looks, seconds.
        public var initialLookback: TimeInterval
        /// Hits per request (`hitsPerPage`).
        public var pageSize: Int
        public var maxPages: Int
        public var maxItems: Int
        public var policy: FetchPolicy

        public init(
            name: String, baseURL: String = "https://hn.algolia.com", query: String, kinds: [HitKind] = [.story, .comment],
            initialLookback: TimeInterval = 86_400, pageSize: Int = 100, maxPages: Int = 10, maxItems: Int = 1_000,
            policy: FetchPolicy = FetchPolicy()
        ) {
            self.name = name
            self.baseURL = baseURL
            self.query = query
            self.kinds = kinds
            self.initialLookback = initialLookback
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
        throw ConnectorError("fetch: \(options.name): the Hacker News connector is not implemented yet")
    }
}
