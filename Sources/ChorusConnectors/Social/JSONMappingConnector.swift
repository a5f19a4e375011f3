public import Foundation
public import ChorusModel
public import ChorusFetch
public import ChorusParse
public import Logging

/// Reads items from any JSON endpoint or export through a configured ``JSONMapping``:
/// conditional GET (ETag / Last-Modified), then only items newer than the last run's newest.
public struct JSONMappingConnector: SourceConnector {
    /// The source's configuration, as the run maps it from YAML.
    public struct Options: Sendable, Equatable {
        public var name: String
        /// The document to fetch.
        public var url: String
        public var mapping: JSONMapping
        /// Bearer token, already read from the environment by the run.
        public var token: String?
        public var tokenVariable: String?
        /// Extra request headers (`Accept`, API keys...). Values are never logged.
        public var headers: [String: String]
        /// Items per poll, at most (newest first).
        public var maxItems: Int
        public var policy: FetchPolicy

        public init(
            name: String, url: String, mapping: JSONMapping, token: String? = nil, tokenVariable: String? = nil,
            headers: [String: String] = [:], maxItems: Int = 1_000, policy: FetchPolicy = FetchPolicy()
        ) {
            self.name = name
            self.url = url
            self.mapping = mapping
            self.token = token
            self.tokenVariable = tokenVariable
            self.headers = headers
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
        throw ConnectorError("fetch: \(options.name): the JSON mapping connector is not implemented yet")
    }
}
