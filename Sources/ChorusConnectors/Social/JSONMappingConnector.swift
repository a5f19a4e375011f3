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

        /// Options with the documented defaults.
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

    /// A connector for `options`; logs (label `chorus.connectors`) pages and items per poll.
    public init(options: Options, logger: Logger = Logger(label: "chorus.connectors")) {
        self.options = options
        self.logger = logger
    }

    public var name: String { options.name }

    /// Reads what is new since `state`; the returned state is to be committed after the items are written.
    public func poll(from state: SourceState, using fetcher: any HTTPFetching, now: Date) async throws(ConnectorError) -> PollResult {
        let requester = SocialRequester(
            fetcher: fetcher, source: options.name, platform: .json, policy: options.policy, token: options.token,
            tokenVariable: options.tokenVariable, target: "the document \(options.url)", logger: logger,
            extraHeaders: options.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) })
        // The state keeps a moved URL with its secrets masked; they come back from the config.
        let url = state.currentURL.flatMap { CredentialURL.restore($0, from: options.url) } ?? options.url
        let request = FetchRequest(
            url: url, headers: requester.headers, etag: state.etag, lastModified: state.lastModified, policy: options.policy,
            label: options.name)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            throw requester.describe(error)
        }
        var next = state
        if let moved = response.permanentRedirect { next.currentURL = CredentialURL.masked(moved) }
        if response.notModified {
            return PollResult(items: [], state: next, httpStatus: response.status, notModified: true, pages: 1)
        }
        let page: SocialPage
        do {
            page = try SocialPayloadParser.page(
                response.body, mapping: options.mapping,
                context: ParseContext(source: options.name, baseURL: CredentialURL.withoutSecrets(url), platform: .json, fetchedAt: now))
        } catch {
            throw ConnectorError(error.message)
        }
        // New items: dated ones past the watermark, undated ones not delivered before (their ids
        // are kept in the cursor, pruned to the document, since no watermark can cover them).
        let saved = state.cursor.read(JSONMappingCursor.self)
        let committed = saved?.newest
        let undatedSeen = UndatedKeys(keys: Set(saved?.undated ?? []))
        var fresh = zip(page.items, page.sortTimes).filter { item, time in
            time == nil ? !undatedSeen.contains(item) : committed?.covers(item, sortTime: time) != true
        }
        // Oldest first and undated last, so a cap leaves the newer ones for the next poll.
        fresh.sort { a, b in
            guard let x = a.1 else { return false }
            guard let y = b.1 else { return true }
            return x < y
        }
        let capped = fresh.count > max(1, options.maxItems)
        if capped { fresh = Array(fresh.prefix(max(1, options.maxItems))) }
        let emitted = SocialPage(items: fresh.map(\.0), sortTimes: fresh.map(\.1))
        let mark = Watermark.latest(committed, Watermark.top(of: emitted))
        let undated = undatedSeen.updated(document: page, emitted: emitted).keys.sorted()
        next.cursor.write(mark == nil && undated.isEmpty ? nil : JSONMappingCursor(newest: mark, undated: undated))
        // Keep the validators only when everything was taken; otherwise a 304 would hide the rest.
        next.etag = capped ? nil : response.etag
        next.lastModified = capped ? nil : response.lastModified
        var warnings = page.warnings
        if capped { warnings.append("\(options.name): more than \(options.maxItems) new items; the rest follow next run") }
        logger.info("polled", metadata: ["source": "\(options.name)", "pages": "1", "items": "\(emitted.items.count)"])
        return PollResult(items: emitted.items, state: next, httpStatus: response.status, pages: 1, warnings: warnings)
    }
}
