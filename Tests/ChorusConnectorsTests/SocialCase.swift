import Foundation
import Testing
import ChorusConnectors
import ChorusFetch
import ChorusModel

/// Every social connector as the loopback tests drive it: how to build it against the
/// server, and what its messages say.
enum SocialCase: String, CaseIterable, CustomTestStringConvertible {
    case mastodon, blueskySearch, blueskyAuthor, reddit, hackernews, x

    var testDescription: String { rawValue }

    var source: String { "zte-\(rawValue)" }

    /// Generated extra items that give every dataset several pages at `pageSize`.
    var extra: Int { self == .x ? 25 : 6 }

    /// The smallest page the API accepts.
    var pageSize: Int { self == .x ? 10 : 2 }

    /// Mastodon's first run reads only the newest page; the rest walk back to the watermark.
    var firstRunReadsOnePage: Bool { self == .mastodon }

    /// The state to page from with several pages waiting: after a first run for a platform that
    /// reads only the newest page then, with the server left at `extra` generated items and `scenario`.
    func pagedStart(_ server: SocialServer, scenario: String = "") async throws -> SourceState {
        var state = SourceState()
        if firstRunReadsOnePage {
            try await server.scenario("extra=\(extra)&visible=1")
            state = try await connector(base: server.base).poll(from: state, using: server.fetcher, now: fixtureNow).state
        }
        try await server.scenario("extra=\(extra)" + scenario)
        return state
    }

    /// Whether the platform sends rate-limit headers.
    var hasRateLimitHeaders: Bool { self != .hackernews }

    func connector(
        base: String, pageSize: Int? = nil, maxPages: Int = 20, maxItems: Int = 1_000, token: String? = nil,
        policy: FetchPolicy = testPolicy()
    ) -> any SourceConnector {
        let size = pageSize ?? 40
        switch self {
        case .mastodon:
            return MastodonConnector(options: .init(
                name: source, baseURL: base, stream: .hashtag("zte"), token: token, tokenVariable: "MASTODON_TOKEN",
                pageSize: min(40, size), maxPages: maxPages, maxItems: maxItems, policy: policy))
        case .blueskySearch:
            return BlueskyConnector(options: .init(
                name: source, api: .init(stream: .search("zte")), baseURL: base, token: token, tokenVariable: "BSKY_TOKEN",
                pageSize: size, maxPages: maxPages, maxItems: maxItems, policy: policy))
        case .blueskyAuthor:
            return BlueskyConnector(options: .init(
                name: source, api: .init(stream: .author("newsdesk.example.com")), baseURL: base, token: token, tokenVariable: "BSKY_TOKEN",
                pageSize: size, maxPages: maxPages, maxItems: maxItems, policy: policy))
        case .reddit:
            return RedditConnector(options: .init(
                name: source, api: .init(stream: .subreddit("technology")), baseURL: base, token: token, tokenVariable: "REDDIT_TOKEN",
                pageSize: size, maxPages: maxPages, maxItems: maxItems, policy: policy))
        case .hackernews:
            return HackerNewsConnector(options: .init(
                name: source, api: .init(query: "zte", initialLookback: 60 * 86_400), baseURL: base, pageSize: size, maxPages: maxPages,
                maxItems: maxItems, policy: policy))
        case .x:
            return XConnector(options: .init(
                name: source, api: .init(query: "zte"), baseURL: base, token: token ?? "x-test-token", tokenVariable: "X_BEARER_TOKEN",
                pageSize: max(10, size), maxPages: maxPages, maxItems: maxItems, policy: policy))
        }
    }

    /// The config keys a 401 without credentials asks for.
    var credentialKeys: String {
        switch self {
        case .mastodon: "token (an access token with read:statuses)"
        case .blueskySearch, .blueskyAuthor: "handle and app_password"
        case .reddit: "token (or client_id and client_secret)"
        case .hackernews: "token"
        case .x: "bearer_token"
        }
    }

    /// The hint a 4xx carries for this connector.
    func expectedMessage(status: Int, tokenSent: Bool) -> String {
        let variable: String = switch self {
        case .mastodon: "$MASTODON_TOKEN"
        case .blueskySearch, .blueskyAuthor: "$BSKY_TOKEN"
        case .reddit: "$REDDIT_TOKEN"
        case .hackernews: "the token variable"
        case .x: "$X_BEARER_TOKEN"
        }
        let target: String = switch self {
        case .mastodon: "the hashtag #zte"
        case .blueskySearch, .hackernews, .x: "the search \"zte\""
        case .blueskyAuthor: "the account newsdesk.example.com"
        case .reddit: "r/technology"
        }
        let hint: String = switch status {
        case 401: tokenSent ? "HTTP 401 Unauthorized (check the token in \(variable))" : "HTTP 401 Unauthorized: \(target) needs credentials; set \(credentialKeys) on this source"
        case 403: tokenSent ? "HTTP 403 Forbidden (the token in \(variable) lacks access to \(target))" : "HTTP 403 Forbidden (the server refuses anonymous reads of \(target); a token in \(variable) may help)"
        case 404: "HTTP 404 Not Found (check \(target) and the base URL)"
        default: "HTTP 410 Gone (\(target) no longer exists; update or remove this source)"
        }
        return "fetch: \(source): \(hint)"
    }

    /// The path in the error for the server's `wrongtype` answer.
    var wrongTypeMessage: String {
        switch self {
        case .mastodon: "unexpected type at [0].id (expected string, found number)"
        case .blueskySearch: "unexpected type at posts[0].uri (expected string, found number)"
        case .blueskyAuthor: "unexpected type at feed[0].post.uri (expected string, found number)"
        case .reddit: "unexpected type at data.children[0].data.score (expected integer, found string)"
        case .hackernews: "unexpected type at hits[0].points (expected integer, found string)"
        case .x: "unexpected type at data[0].text (expected string, found number)"
        }
    }
}
