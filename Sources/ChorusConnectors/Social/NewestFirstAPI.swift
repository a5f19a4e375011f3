public import Foundation
public import ChorusModel
public import ChorusParse
public import ChorusFetch

/// What one newest-first platform (Bluesky, Reddit, Hacker News, X) adds to the common
/// skeleton, ``NewestFirstConnector``: its own options, defaults, the URL of each page, and how
/// its answers are checked. Decoding is ``SocialPayloadParser``'s for ``platform``; paging,
/// cursors, logins, rate limits and error messages are the skeleton's.
public protocol NewestFirstAPI: Sendable, Equatable {
    /// The platform whose payloads the pages hold.
    static var platform: Platform { get }
    /// The API host used when the config names none.
    static var defaultBaseURL: String { get }
    /// Items per request, requests per poll and items per poll, when the config says nothing.
    static var defaultPaging: (pageSize: Int, maxPages: Int, maxItems: Int) { get }
    /// The environment variable auth errors name when the config gave none.
    static var defaultTokenVariable: String? { get }

    /// What a 404 or 403 refers to ("the search \"zte\"", "r/technology").
    var target: String { get }
    /// The config keys that would authorize the source, named when a 401 comes without them.
    func credentialKeys(_ options: PagedOptions<Self>) -> String
    /// The URL of one page; `authorized` when a token is sent with it.
    func url(for request: PageRequest, options: PagedOptions<Self>, authorized: Bool) -> String

    /// Refuses options the platform cannot be read with (X without a token). Default: none.
    func check(_ options: PagedOptions<Self>) throws(ConnectorError)
    /// The fetch policy of every request (Reddit: its User-Agent). Default: the options' policy.
    func policy(_ options: PagedOptions<Self>) -> FetchPolicy
    /// Where a login gets its tokens. Default: the base URL.
    func loginEndpoint(_ options: PagedOptions<Self>) -> String
    /// The time window a new drain keeps (Hacker News). Default: none.
    func drainWindow(now: Date) -> DrainWindow?
    /// Sets what the decoder cannot know (Hacker News page numbers). Default: nothing.
    func adjust(_ page: inout SocialPage, after request: PageRequest)
}

extension NewestFirstAPI {
    public static var defaultTokenVariable: String? { nil }
    public func check(_ options: PagedOptions<Self>) throws(ConnectorError) {}
    public func policy(_ options: PagedOptions<Self>) -> FetchPolicy { options.policy }
    public func loginEndpoint(_ options: PagedOptions<Self>) -> String { options.baseURL }
    public func drainWindow(now: Date) -> DrainWindow? { nil }
    public func adjust(_ page: inout SocialPage, after request: PageRequest) {}
}

/// The page a newest-first connector fetches next.
public struct PageRequest: Sendable {
    /// The platform's continuation token; nil for the newest page.
    var token: String?
    /// The time window the connector keeps for the whole drain (HN's bounds).
    var window: DrainWindow?
    /// The completed drain's watermark, for server-side filters (X `since_id`, HN `created_at_i`).
    var watermark: Watermark?
}
