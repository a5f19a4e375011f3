import ChorusConnectors
import ChorusFetch
import Foundation
import Testing
@testable import ChorusRun

/// The connector options a config maps to: the keys a user writes over each connector's own
/// documented defaults (paging, base URLs, tokens, platform details, the fetch policy).
@Suite("Connector options from the config")
struct ConnectorFactoryTests {
    static let yaml = """
        output: { dir: out }
        state: { path: state/chorus.sqlite }
        sources:
          - { name: m-default, type: mastodon, instance: "https://mastodon.example", hashtag: "#zte" }
          - { name: m-set, type: mastodon, instance: "https://mastodon.example", account: "@zte@mastodon.example", page_size: 20, max_pages: 3, max_items: 50, token: abc }
          - { name: b-default, type: bluesky, query: ZTE }
          - { name: b-set, type: bluesky, author: zte.example, base_url: "https://bsky.example", lang: en, max_items: 9 }
          - { name: r-default, type: reddit, subreddit: r/technology }
          - { name: r-agent, type: reddit, query: ZTE, subreddit: china, user_agent: "my-bot/2.0", page_size: 25 }
          - { name: h-default, type: hackernews, query: ZTE }
          - { name: h-set, type: hackernews, query: ZTE, kinds: story, lookback: 2h, base_url: "https://hn.example", max_pages: 2 }
          - { name: x-default, type: x, query: ZTE, bearer_token: tok }
          - { name: x-set, type: x, query: ZTE, bearer_token: tok, base_url: "https://x.example", max_items: 7 }
        """

    func connector<C: SourceConnector>(_ name: String, as: C.Type) throws -> C {
        let config = try ConfigLoader.parse(Self.yaml, file: URL(fileURLWithPath: "/tmp/chorus.yaml"), environment: [:])
        let source = try #require(config.sources.first { $0.name == name })
        let made = try ConnectorFactory.make(source).get()
        return try #require(made as? C)
    }

    @Test func mastodonKeysOverTheConnectorDefaults() throws {
        let d = try connector("m-default", as: MastodonConnector.self).options
        #expect(d == MastodonConnector.Options(name: "m-default", baseURL: "https://mastodon.example", stream: .hashtag("zte"), policy: d.policy))
        let s = try connector("m-set", as: MastodonConnector.self).options
        #expect(s.stream == .account("@zte@mastodon.example"))
        #expect((s.pageSize, s.maxPages, s.maxItems) == (20, 3, 50))
        #expect(s.token == "abc")
    }

    @Test func blueskyKeysOverTheConnectorDefaults() throws {
        let d = try connector("b-default", as: BlueskyConnector.self).options
        #expect(d == BlueskyConnector.Options(name: "b-default", api: .init(stream: .search("ZTE")), policy: d.policy))
        let s = try connector("b-set", as: BlueskyConnector.self).options
        #expect(s.stream == .author("zte.example"))
        #expect(s.baseURL == "https://bsky.example")
        #expect(s.language == "en")
        #expect((s.pageSize, s.maxPages, s.maxItems) == (50, 10, 9))
    }

    @Test func redditKeepsItsOwnUserAgentUnlessTheConfigSetsOne() throws {
        let d = try connector("r-default", as: RedditConnector.self).options
        #expect(d == RedditConnector.Options(name: "r-default", api: .init(stream: .subreddit("technology")), policy: d.policy))
        #expect(d.userAgent == RedditAPI.defaultUserAgent)
        let s = try connector("r-agent", as: RedditConnector.self).options
        #expect(s.stream == .search(query: "ZTE", subreddit: "china"))
        #expect(s.userAgent == "my-bot/2.0")
        #expect(s.policy.userAgent == "my-bot/2.0")
        #expect(s.pageSize == 25)
    }

    @Test func hackerNewsKindsLookbackAndPaging() throws {
        let d = try connector("h-default", as: HackerNewsConnector.self).options
        #expect(d == HackerNewsConnector.Options(name: "h-default", api: .init(query: "ZTE"), policy: d.policy))
        let s = try connector("h-set", as: HackerNewsConnector.self).options
        #expect(s.kinds == [.story])
        #expect(s.initialLookback == 7_200)
        #expect(s.baseURL == "https://hn.example")
        #expect(s.maxPages == 2)
    }

    @Test func xTokenBaseURLAndPaging() throws {
        let d = try connector("x-default", as: XConnector.self).options
        #expect(d == XConnector.Options(name: "x-default", api: .init(query: "ZTE"), token: "tok", policy: d.policy))
        let s = try connector("x-set", as: XConnector.self).options
        #expect(s.baseURL == "https://x.example")
        #expect(s.tokenVariable == "X_BEARER_TOKEN")
        #expect(s.maxItems == 7)
    }
}
