public import ChorusFetch

/// One configured source: what to read, how often, and with which fetch limits.
public struct SourceConfig: Sendable {
    /// Unique name, written to `Item.source` and used as the state key.
    public var name: String
    /// What to read and how, typed per source type.
    public var spec: SourceSpec
    /// False keeps the source in the file but never fetches it.
    public var enabled: Bool
    /// Seconds between fetches; the source is skipped until due (default 15 minutes).
    public var interval: Double
    /// Timeouts, size cap, retries and user agent for this source's requests.
    public var policy: FetchPolicy
    /// Extra request headers (secrets allowed via `${ENV_VAR}`).
    public var headers: [(name: String, value: String)]
    /// Line of the source in the config file, for messages.
    public var line: Int

    public init(
        name: String, spec: SourceSpec, enabled: Bool = true, interval: Double = 900, policy: FetchPolicy = FetchPolicy(),
        headers: [(name: String, value: String)] = [], line: Int = 0
    ) {
        self.name = name
        self.spec = spec
        self.enabled = enabled
        self.interval = interval
        self.policy = policy
        self.headers = headers
        self.line = line
    }

    /// The source type, as written in `type:`.
    public var type: SourceType { spec.type }
}

/// The kinds of source a config may name, as written in `type:`.
public enum SourceType: String, Sendable, CaseIterable {
    case feed, mastodon, bluesky, reddit, hackernews, x, json

    /// Type-specific keys: which are required (one of each inner list), which are optional,
    /// which must be http(s) URLs, and which are numbers 1...1000.
    var keys: (required: [[String]], optional: [String], urls: Set<String>) {
        let paging = ["page_size", "max_pages", "max_items"]
        switch self {
        case .feed: return ([["url"]], [], ["url"])
        case .json:
            return ([["url"]], ["items", "id", "link", "title", "text", "text_is_html", "author", "author_name", "published",
                                "updated", "lang", "tags", "token", "max_items"], ["url"])
        case .mastodon: return ([["instance"], ["hashtag", "account", "query"]], ["token"] + paging, ["instance"])
        case .bluesky: return ([["query", "author"]], ["base_url", "token", "lang", "handle", "app_password"] + paging, ["base_url"])
        case .reddit:
            return ([["subreddit", "query"]], ["base_url", "token", "client_id", "client_secret", "username", "password", "oauth_url", "token_url"] + paging,
                    ["base_url", "oauth_url", "token_url"])
        case .hackernews: return ([["query"]], ["base_url", "kinds", "lookback"] + paging, ["base_url"])
        case .x: return ([["query"], ["bearer_token"]], ["base_url"] + paging, ["base_url"])
        }
    }

    /// Keys holding secrets: their `${VAR}` name is kept so auth errors can name the variable.
    static let secretKeys: Set<String> = ["token", "bearer_token", "client_secret", "password", "app_password"]
    /// Keys holding whole numbers 1...1000.
    static let countKeys: Set<String> = ["page_size", "max_pages", "max_items"]
}
