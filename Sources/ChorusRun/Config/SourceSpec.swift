public import ChorusConnectors
public import ChorusParse

/// The type-specific part of a configured source, decoded once when the config is loaded (where
/// a bad value can still be reported with its line and column): one case per `type:`, each with
/// its options typed. The connector factory switches over it; nothing reads option keys again.
public enum SourceSpec: Sendable, Equatable {
    case feed(url: String)
    case json(JSON)
    case mastodon(Mastodon)
    case bluesky(Bluesky)
    case reddit(Reddit)
    case hackernews(HackerNews)
    case x(X)

    /// The `type:` this spec was written as.
    public var type: SourceType {
        switch self {
        case .feed: .feed
        case .json: .json
        case .mastodon: .mastodon
        case .bluesky: .bluesky
        case .reddit: .reddit
        case .hackernews: .hackernews
        case .x: .x
        }
    }

    /// `page_size`, `max_pages`, `max_items` (1...1000 each); nil keeps the connector's default.
    public struct Paging: Sendable, Equatable {
        public var pageSize: Int?
        public var maxPages: Int?
        public var maxItems: Int?

        public init(pageSize: Int? = nil, maxPages: Int? = nil, maxItems: Int? = nil) {
            self.pageSize = pageSize
            self.maxPages = maxPages
            self.maxItems = maxItems
        }
    }

    /// `type: json`: a document read through a member mapping.
    public struct JSON: Sendable, Equatable {
        public var url: String
        public var mapping: JSONMapping
        public var token: String?
        /// The environment variable a secret came from when written as `${VAR}`, named in auth errors.
        public var tokenVariable: String?
        public var maxItems: Int?
    }

    /// `type: mastodon`.
    public struct Mastodon: Sendable, Equatable {
        public var instance: String
        public var stream: MastodonConnector.Stream
        public var token: String?
        public var tokenVariable: String?
        public var paging: Paging
    }

    /// `type: bluesky`.
    public struct Bluesky: Sendable, Equatable {
        public var stream: BlueskyAPI.Stream
        public var baseURL: String?
        public var token: String?
        public var tokenVariable: String?
        public var language: String?
        /// `handle` and `app_password`.
        public var login: PlatformLogin?
        public var paging: Paging
    }

    /// `type: reddit`.
    public struct Reddit: Sendable, Equatable {
        public var stream: RedditAPI.Stream
        public var baseURL: String?
        public var oauthURL: String?
        public var tokenURL: String?
        public var token: String?
        public var tokenVariable: String?
        /// `client_id` and `client_secret`, with `username` and `password` for a script app.
        public var login: PlatformLogin?
        public var paging: Paging
    }

    /// `type: hackernews`.
    public struct HackerNews: Sendable, Equatable {
        public var query: String
        public var baseURL: String?
        /// `kinds: story`, `comment` or `story,comment`; nil for the connector's default (both).
        public var kinds: [HackerNewsAPI.HitKind]?
        /// `lookback`, seconds.
        public var lookback: Double?
        public var paging: Paging
    }

    /// `type: x`.
    public struct X: Sendable, Equatable {
        public var query: String
        public var baseURL: String?
        public var bearerToken: String?
        public var tokenVariable: String?
        public var paging: Paging
    }
}
