public import Foundation
public import ChorusModel
public import ChorusFetch
public import Logging

/// Reads a Mastodon instance: a hashtag timeline, an account's statuses or a status search.
/// Incremental runs page forward with `min_id` from the newest status already emitted, so a
/// run never skips a status and never repeats one (cursor keys in docs/social.md).
public struct MastodonConnector: SourceConnector {
    /// What to read from the instance.
    public enum Stream: Sendable, Equatable {
        /// `/api/v1/timelines/tag/:tag`; the tag without `#`.
        case hashtag(String)
        /// An account's statuses; `user@host` or `@user@host`, resolved through `/api/v1/accounts/lookup`.
        case account(String)
        /// `/api/v2/search?type=statuses`; needs a user token.
        case search(String)
    }

    /// The source's configuration, as the run maps it from YAML.
    public struct Options: Sendable, Equatable {
        /// The configured source name (errors and `Item.source`).
        public var name: String
        /// The instance, e.g. `https://mastodon.social`.
        public var baseURL: String
        public var stream: Stream
        /// Bearer token, already read from the environment by the run.
        public var token: String?
        /// The environment variable the token came from, named in auth errors.
        public var tokenVariable: String?
        /// Statuses per request (`limit`, 1...40).
        public var pageSize: Int
        /// Requests per poll, at most.
        public var maxPages: Int
        /// Items per poll, at most; the cursor stops at the last item returned.
        public var maxItems: Int
        public var policy: FetchPolicy

        public init(
            name: String, baseURL: String, stream: Stream, token: String? = nil, tokenVariable: String? = nil,
            pageSize: Int = 40, maxPages: Int = 10, maxItems: Int = 400, policy: FetchPolicy = FetchPolicy()
        ) {
            self.name = name
            self.baseURL = baseURL
            self.stream = stream
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
        throw ConnectorError("fetch: \(options.name): the Mastodon connector is not implemented yet")
    }
}
