public import ChorusFetch

/// One configured source: what to read, how often, and with which fetch limits.
public struct SourceConfig: Sendable {
    /// Unique name, written to `Item.source` and used as the state key.
    public var name: String
    public var type: SourceType
    /// False keeps the source in the file but never fetches it.
    public var enabled: Bool
    /// Seconds between fetches; the source is skipped until due (default 15 minutes).
    public var interval: Double
    /// Timeouts, size cap, retries and user agent for this source's requests.
    public var policy: FetchPolicy
    /// Extra request headers (secrets allowed via `${ENV_VAR}`).
    public var headers: [(name: String, value: String)]
    /// The type-specific keys (`url`, `instance`, `hashtag`, `query`, ...), env references expanded.
    public var options: [String: String]
    /// Line of the source in the config file, for messages.
    public var line: Int

    public init(
        name: String, type: SourceType, enabled: Bool = true, interval: Double = 900, policy: FetchPolicy = FetchPolicy(),
        headers: [(name: String, value: String)] = [], options: [String: String] = [:], line: Int = 0
    ) {
        self.name = name
        self.type = type
        self.enabled = enabled
        self.interval = interval
        self.policy = policy
        self.headers = headers
        self.options = options
        self.line = line
    }

    /// The feed or API URL for `feed` and `json` sources.
    public var url: String? { options["url"] }
}

/// The kinds of source a config may name, as written in `type:`.
public enum SourceType: String, Sendable, CaseIterable {
    case feed, mastodon, bluesky, reddit, hackernews, x, json

    /// Type-specific keys: which are required (one of each inner list) and which are allowed.
    var keys: (required: [[String]], optional: [String], urls: Set<String>) {
        switch self {
        case .feed: ([["url"]], [], ["url"])
        case .json: ([["url"]], ["items", "id", "text", "title", "author", "published", "link"], ["url"])
        case .mastodon: ([["instance"], ["hashtag", "account", "query"]], ["token", "limit", "pages"], ["instance"])
        case .bluesky: ([["query"]], ["service", "token", "sort", "lang", "limit", "pages"], ["service"])
        case .reddit: ([["subreddit", "query"]], ["sort", "limit", "pages"], [])
        case .hackernews: ([["query"]], ["tags", "limit", "pages"], [])
        case .x: ([["query"], ["bearer_token"]], ["limit", "pages"], [])
        }
    }
}
