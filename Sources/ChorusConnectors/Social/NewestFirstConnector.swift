public import Foundation
public import ChorusModel
public import ChorusFetch
import ChorusParse
public import Logging

/// The connector of every newest-first API (Bluesky, Reddit, Hacker News, X): one poll walks
/// from the newest page back to the last run's watermark (``NewestFirstPager``), with the
/// source's token or login (``AuthorizedPoll``); the platform, `API`, supplies each page's URL
/// and its checks.
public struct NewestFirstConnector<API: NewestFirstAPI>: SourceConnector {
    /// The source's configuration, as the run maps it from YAML.
    public typealias Options = PagedOptions<API>

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
        let api = options.api
        try api.check(options)
        let policy = api.policy(options)
        let session = options.login.map { LoginSession(login: $0, source: options.name, endpoint: api.loginEndpoint(options), policy: policy) }
        let pager = NewestFirstPager(source: options.name, maxPages: options.maxPages, maxItems: options.maxItems, logger: logger)
        let window = api.drainWindow(now: now)
        return try await AuthorizedPoll.run(
            session: session, token: options.token, state: state, fetcher: fetcher, now: now, pager: pager, startDrain: { window }
        ) { token, request throws(ConnectorError) in
            let requester = SocialRequester(
                fetcher: fetcher, source: options.name, platform: API.platform, policy: policy, token: token,
                tokenVariable: options.tokenVariable, target: api.target, logger: logger, credentialKeys: api.credentialKeys(options))
            var (page, response) = try await requester.page(url(for: request, authorized: token != nil), fetchedAt: now)
            api.adjust(&page, after: request)
            return (page, response)
        }
    }

    /// The URL of one page of the drain.
    func url(for request: PageRequest, authorized: Bool) -> String {
        options.api.url(for: request, options: options, authorized: authorized)
    }
}
