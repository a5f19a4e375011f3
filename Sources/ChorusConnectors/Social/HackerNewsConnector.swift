public import Foundation
import ChorusModel
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

        /// Options with the documented defaults.
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

    /// A connector for `options`; logs (label `chorus.connectors`) pages and items per poll.
    public init(options: Options, logger: Logger = Logger(label: "chorus.connectors")) {
        self.options = options
        self.logger = logger
    }

    public var name: String { options.name }

    /// Reads what is new since `state`; the returned state is to be committed after the items are written.
    public func poll(from state: SourceState, using fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> PollResult {
        let requester = SocialRequester(
            fetcher: fetcher, source: options.name, platform: .hackernews, policy: options.policy, token: nil,
            tokenVariable: nil, target: "the search \"\(options.query)\"", logger: logger)
        let pager = NewestFirstPager(source: options.name, maxPages: options.maxPages, maxItems: options.maxItems, logger: logger)
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        // A drain is bounded above by its start time, so page numbers stay stable while new hits arrive.
        // Clamped so a NaN or huge lookback cannot trap the conversion (the config caps it at 100 years).
        let lookback = options.initialLookback.isFinite ? Int64(min(max(options.initialLookback, 0), 36_500 * 86_400)) : 86_400
        let start = { DrainWindow(lower: nowSeconds - lookback, upper: nowSeconds) }
        return try await pager.poll(from: state, startDrain: start) { request throws(ConnectorError) in
            var (page, response) = try await requester.page(url(for: request), fetchedAt: now)
            let current = Int(request.token ?? "0") ?? 0
            if let pages = page.pageCount, current + 1 < pages { page.nextCursor = String(current + 1) }
            return (page, response)
        }
    }

    /// The request for one page: hits at or after the watermark's second (or the first run's
    /// lookback), up to the drain's start.
    func url(for request: NewestFirstPager.PageRequest) -> String {
        let tags = options.kinds.isEmpty || options.kinds.count > 1
            ? "(" + (options.kinds.isEmpty ? HitKind.allCases : options.kinds).map(\.rawValue).joined(separator: ",") + ")"
            : options.kinds[0].rawValue
        var filters: [String] = []
        if let mark = request.watermark {
            filters.append("created_at_i>=\(mark.millis / 1000)")
        } else if let lower = request.window?.lower {
            filters.append("created_at_i>=\(lower)")
        }
        if let upper = request.window?.upper { filters.append("created_at_i<=\(upper)") }
        return QueryString.url(options.baseURL, "/api/v1/search_by_date", [
            ("query", options.query), ("tags", tags), ("numericFilters", filters.joined(separator: ",")),
            ("hitsPerPage", String(min(1000, max(1, options.pageSize)))), ("page", request.token),
        ])
    }
}
