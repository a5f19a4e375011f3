import Foundation
public import ChorusModel

/// A Bluesky source, read through an AT Protocol AppView: a post search
/// (`app.bsky.feed.searchPosts`) or one author's feed (`app.bsky.feed.getAuthorFeed`), newest
/// first, with the API cursor.
public typealias BlueskyConnector = NewestFirstConnector<BlueskyAPI>

/// Bluesky's part of a ``BlueskyConnector``: what to read and the search language. A login
/// (`handle` and app password) creates a session at the base URL (a PDS or the
/// `https://bsky.social` entryway, which proxies reads to the AppView).
public struct BlueskyAPI: NewestFirstAPI {
    /// What to read.
    public enum Stream: Sendable, Equatable {
        /// `app.bsky.feed.searchPosts?q=`; public AppViews may refuse it without a token.
        case search(String)
        /// `app.bsky.feed.getAuthorFeed?actor=`; a handle or DID.
        case author(String)
    }

    public var stream: Stream
    /// `lang` filter for searches.
    public var language: String?

    public init(stream: Stream, language: String? = nil) {
        self.stream = stream
        self.language = language
    }

    public static let platform = Platform.bluesky
    public static let defaultBaseURL = "https://public.api.bsky.app"
    /// `limit` is 1...100.
    public static let defaultPaging = (pageSize: 50, maxPages: 10, maxItems: 500)

    public func credentialKeys(_ options: PagedOptions<Self>) -> String { "handle and app_password" }

    public func url(for request: PageRequest, options: PagedOptions<Self>, authorized: Bool) -> String {
        let limit = String(min(100, max(1, options.pageSize)))
        switch stream {
        case .search(let query):
            // `since` (inclusive) keeps the search at or after the last run's newest post.
            let since = request.watermark.map { RFC3339.format(Date(timeIntervalSince1970: Double($0.millis / 1000))) }
            return QueryString.url(options.baseURL, "/xrpc/app.bsky.feed.searchPosts", [
                ("q", query), ("sort", "latest"), ("limit", limit), ("lang", language), ("since", since),
                ("cursor", request.token),
            ])
        case .author(let actor):
            return QueryString.url(options.baseURL, "/xrpc/app.bsky.feed.getAuthorFeed", [
                ("actor", actor), ("limit", limit), ("cursor", request.token),
            ])
        }
    }

    public var target: String {
        switch stream {
        case .search(let query): "the search \"\(query)\""
        case .author(let actor): "the account \(actor)"
        }
    }
}
