public import ChorusConnectors
import ChorusFetch
import ChorusParse
import Foundation

/// Builds the connector for a configured source: `FeedConnector` for feeds, the social
/// connectors through their `Options` for the platforms. Keys were validated by the config
/// loader, so this only maps them.
public enum ConnectorFactory {
    /// The connector for `source`, or a message saying why it cannot be built.
    public static func make(_ source: SourceConfig) -> Result<any SourceConnector, ConnectorError> {
        let o = source.options
        func int(_ key: String, _ fallback: Int) -> Int { o[key].flatMap { Int($0) } ?? fallback }
        func missing(_ what: String) -> Result<any SourceConnector, ConnectorError> {
            .failure(ConnectorError("config: \(source.name): a \(source.type.rawValue) source needs \(what)"))
        }
        /// The paging keys and fetch policy, over the connector's own defaults.
        func paged<Options: PagedSourceOptions>(_ options: Options) -> Options {
            var options = options
            options.pageSize = int("page_size", options.pageSize)
            options.maxPages = int("max_pages", options.maxPages)
            options.maxItems = int("max_items", options.maxItems)
            options.policy = source.policy
            return options
        }
        switch source.type {
        case .feed:
            guard let url = source.url else { return missing("a url") }
            return .success(FeedConnector(name: source.name, url: url, headers: source.headers, policy: source.policy))
        case .mastodon:
            guard let instance = o["instance"] else { return missing("an instance") }
            let stream: MastodonConnector.Stream
            if let tag = o["hashtag"] { stream = .hashtag(tag.hasPrefix("#") ? String(tag.dropFirst()) : tag) }
            else if let account = o["account"] { stream = .account(account) }
            else if let query = o["query"] { stream = .search(query) }
            else { return missing("a hashtag, account or query") }
            return .success(MastodonConnector(options: paged(MastodonConnector.Options(
                name: source.name, baseURL: instance, stream: stream, token: o["token"], tokenVariable: o["token_variable"]))))
        case .bluesky:
            let stream: BlueskyConnector.Stream
            if let query = o["query"] { stream = .search(query) } else if let author = o["author"] { stream = .author(author) } else {
                return missing("a query or author")
            }
            var options = BlueskyConnector.Options(
                name: source.name, stream: stream, token: o["token"], tokenVariable: o["token_variable"], language: o["lang"])
            options.login = CredentialRules.login(source)
            // A login reads through the entryway, which proxies to the AppView; the public AppView takes no sessions.
            if let url = o["base_url"] { options.baseURL = url } else if options.login != nil { options.baseURL = "https://bsky.social" }
            return .success(BlueskyConnector(options: paged(options)))
        case .reddit:
            let stream: RedditConnector.Stream
            if let query = o["query"] { stream = .search(query: query, subreddit: o["subreddit"]) } else if let sub = o["subreddit"] {
                stream = .subreddit(sub.hasPrefix("r/") ? String(sub.dropFirst(2)) : sub)
            } else { return missing("a subreddit or query") }
            var options = RedditConnector.Options(name: source.name, stream: stream, token: o["token"], tokenVariable: o["token_variable"])
            if let url = o["base_url"] { options.baseURL = url }
            options.oauthURL = o["oauth_url"]
            options.tokenURL = o["token_url"]
            options.login = CredentialRules.login(source)
            // Reddit's own default User-Agent unless the config set one.
            if source.policy.userAgent != FetchPolicy().userAgent { options.userAgent = source.policy.userAgent }
            return .success(RedditConnector(options: paged(options)))
        case .hackernews:
            guard let query = o["query"] else { return missing("a query") }
            var options = HackerNewsConnector.Options(name: source.name, query: query)
            if let url = o["base_url"] { options.baseURL = url }
            if let kinds = o["kinds"] {
                options.kinds = kinds.split(separator: ",").compactMap { HackerNewsConnector.HitKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            }
            if let lookback = o["lookback"].flatMap({ ConfigValueParser.duration($0, limit: ConfigValueParser.maxLookback) }) {
                options.initialLookback = lookback
            }
            return .success(HackerNewsConnector(options: paged(options)))
        case .x:
            guard let query = o["query"] else { return missing("a query") }
            var options = XConnector.Options(name: source.name, query: query, token: o["bearer_token"])
            if let url = o["base_url"] { options.baseURL = url }
            if let variable = o["bearer_token_variable"] { options.tokenVariable = variable }
            return .success(XConnector(options: paged(options)))
        case .json:
            guard let url = source.url else { return missing("a url") }
            let d = JSONMapping()
            let mapping = JSONMapping(
                itemsPath: o["items"] ?? d.itemsPath, id: o["id"] ?? d.id, url: o["link"] ?? d.url, title: o["title"] ?? d.title,
                text: o["text"] ?? d.text, textIsHTML: ["true", "yes", "on"].contains(o["text_is_html"]?.lowercased() ?? ""),
                authorHandle: o["author"] ?? d.authorHandle, authorName: o["author_name"] ?? d.authorName,
                publishedAt: o["published"] ?? d.publishedAt, updatedAt: o["updated"] ?? d.updatedAt, lang: o["lang"] ?? d.lang,
                tags: o["tags"] ?? d.tags)
            var headers: [String: String] = [:]
            for h in source.headers { headers[h.name] = h.value }
            return .success(JSONMappingConnector(options: JSONMappingConnector.Options(
                name: source.name, url: url, mapping: mapping, token: o["token"], tokenVariable: o["token_variable"], headers: headers,
                maxItems: int("max_items", 1_000), policy: source.policy)))
        }
    }
}
