public import ChorusConnectors
import ChorusFetch

/// Builds the connector for a configured source: a total switch over its ``SourceSpec``,
/// `FeedConnector` for feeds and the social connectors through their `Options`. The spec was
/// decoded and checked when the config was loaded, so this only maps it.
public enum ConnectorFactory {
    /// The connector for `source`. The `Result` stays for callers; a loaded spec always builds.
    public static func make(_ source: SourceConfig) -> Result<any SourceConnector, ConnectorError> {
        .success(connector(source))
    }

    static func connector(_ source: SourceConfig) -> any SourceConnector {
        let name = source.name
        /// The paging keys and fetch policy, over the connector's own defaults.
        func paged<Options: PagedSourceOptions>(_ options: Options, _ paging: SourceSpec.Paging) -> Options {
            var options = options
            options.pageSize = paging.pageSize ?? options.pageSize
            options.maxPages = paging.maxPages ?? options.maxPages
            options.maxItems = paging.maxItems ?? options.maxItems
            options.policy = source.policy
            return options
        }
        switch source.spec {
        case .feed(let url):
            return FeedConnector(name: name, url: url, headers: source.headers, policy: source.policy)
        case .json(let j):
            var headers: [String: String] = [:]
            for h in source.headers { headers[h.name] = h.value }
            return JSONMappingConnector(options: JSONMappingConnector.Options(
                name: name, url: j.url, mapping: j.mapping, token: j.token, tokenVariable: j.tokenVariable, headers: headers,
                maxItems: j.maxItems ?? 1_000, policy: source.policy))
        case .mastodon(let m):
            return MastodonConnector(options: paged(MastodonConnector.Options(
                name: name, baseURL: m.instance, stream: m.stream, token: m.token, tokenVariable: m.tokenVariable), m.paging))
        case .bluesky(let b):
            var options = BlueskyConnector.Options(
                name: name, api: BlueskyAPI(stream: b.stream, language: b.language), token: b.token, tokenVariable: b.tokenVariable,
                login: b.login)
            // A login reads through the entryway, which proxies to the AppView; the public AppView takes no sessions.
            if let url = b.baseURL { options.baseURL = url } else if b.login != nil { options.baseURL = "https://bsky.social" }
            return BlueskyConnector(options: paged(options, b.paging))
        case .reddit(let r):
            var options = RedditConnector.Options(
                name: name, api: RedditAPI(stream: r.stream, oauthURL: r.oauthURL, tokenURL: r.tokenURL), token: r.token,
                tokenVariable: r.tokenVariable, login: r.login)
            if let url = r.baseURL { options.baseURL = url }
            // Reddit's own default User-Agent unless the config set one.
            if source.policy.userAgent != FetchPolicy().userAgent { options.userAgent = source.policy.userAgent }
            return RedditConnector(options: paged(options, r.paging))
        case .hackernews(let h):
            var options = HackerNewsConnector.Options(name: name, api: HackerNewsAPI(query: h.query))
            if let url = h.baseURL { options.baseURL = url }
            if let kinds = h.kinds { options.kinds = kinds }
            if let lookback = h.lookback { options.initialLookback = lookback }
            return HackerNewsConnector(options: paged(options, h.paging))
        case .x(let x):
            var options = XConnector.Options(name: name, api: XAPI(query: x.query), token: x.bearerToken)
            if let url = x.baseURL { options.baseURL = url }
            if let variable = x.tokenVariable { options.tokenVariable = variable }
            return XConnector(options: paged(options, x.paging))
        }
    }
}
