public import Foundation
public import ChorusModel
public import ChorusParse

/// A Hacker News source: stories and comments matching a query through the Algolia API
/// (`/api/v1/search_by_date` with `numericFilters=created_at_i>X`).
public typealias HackerNewsConnector = NewestFirstConnector<HackerNewsAPI>

/// Hacker News's part of a ``HackerNewsConnector``: the query, the item kinds, and how far back
/// the first run looks.
public struct HackerNewsAPI: NewestFirstAPI {
    /// The Algolia item types to ask for.
    public enum HitKind: String, Sendable, Equatable, CaseIterable {
        case story, comment
    }

    public var query: String
    /// Stories, comments or both (the default).
    public var kinds: [HitKind]
    /// How far back the first run looks, seconds.
    public var initialLookback: TimeInterval

    public init(query: String, kinds: [HitKind] = [.story, .comment], initialLookback: TimeInterval = 86_400) {
        self.query = query
        self.kinds = kinds
        self.initialLookback = initialLookback
    }

    public static let platform = Platform.hackernews
    public static let defaultBaseURL = "https://hn.algolia.com"
    /// `hitsPerPage` is 1...1000.
    public static let defaultPaging = (pageSize: 100, maxPages: 10, maxItems: 1_000)

    public var target: String { "the search \"\(query)\"" }

    public func credentialKeys(_ options: PagedOptions<Self>) -> String { "token" }

    /// A drain is bounded above by its start time, so page numbers stay stable while new hits
    /// arrive, and below by the first run's lookback.
    public func drainWindow(now: Date) -> DrainWindow? {
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
        // Clamped so a NaN or huge lookback cannot trap the conversion (the config caps it at 100 years).
        let lookback = initialLookback.isFinite ? Int64(min(max(initialLookback, 0), 36_500 * 86_400)) : 86_400
        return DrainWindow(lower: nowSeconds - lookback, upper: nowSeconds)
    }

    /// Algolia pages by number: the next page while there is one.
    public func adjust(_ page: inout SocialPage, after request: PageRequest) {
        let current = Int(request.token ?? "0") ?? 0
        if let pages = page.pageCount, current + 1 < pages { page.nextCursor = String(current + 1) }
    }

    /// Hits at or after the watermark's second (or the first run's lookback), up to the drain's start.
    public func url(for request: PageRequest, options: PagedOptions<Self>, authorized: Bool) -> String {
        let tags = kinds.isEmpty || kinds.count > 1
            ? "(" + (kinds.isEmpty ? HitKind.allCases : kinds).map(\.rawValue).joined(separator: ",") + ")"
            : kinds[0].rawValue
        var filters: [String] = []
        if let mark = request.watermark {
            filters.append("created_at_i>=\(mark.millis / 1000)")
        } else if let lower = request.window?.lower {
            filters.append("created_at_i>=\(lower)")
        }
        if let upper = request.window?.upper { filters.append("created_at_i<=\(upper)") }
        return QueryString.url(options.baseURL, "/api/v1/search_by_date", [
            ("query", query), ("tags", tags), ("numericFilters", filters.joined(separator: ",")),
            ("hitsPerPage", String(min(1000, max(1, options.pageSize)))), ("page", request.token),
        ])
    }
}
