import Foundation
import Testing
@testable import ChorusConnectors
import ChorusFetch
import ChorusModel
import ChorusParse

/// What each connector asks the API for, as the loopback server logged it, and the
/// platform-specific paths (account lookup, search tokens, generic JSON with validators).
@Suite("Social connector requests")
struct ConnectorRequestTests {
    @Test("Mastodon pages forward with min_id from the newest status it delivered")
    func mastodonMinID() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("visible=4")
        let connector = SocialCase.mastodon.connector(base: server.base, pageSize: 2)
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        let newest = try #require(first.state.cursor.read(MastodonCursor.self)?.newestID)
        #expect(newest == first.items.compactMap(\.nativeID).max { MastodonConnector.isNewer($1, than: $0) })
        #expect(try await server.requests().map(\.query) == [["limit": "2"]])

        try await server.scenario()
        let second = try await connector.poll(from: first.state, using: server.fetcher, now: fixtureNow)
        let queries = try await server.requests().map(\.query)
        #expect(queries.first == ["limit": "2", "min_id": newest])
        #expect(second.items.count == 4)
        // Every later request starts after the newest status of the page before it.
        #expect(queries.dropFirst().allSatisfy { $0["min_id"] != nil && $0["min_id"] != newest })
        #expect(second.pages == queries.count)
    }

    @Test("A Mastodon account is looked up once and its id kept in the cursor")
    func mastodonAccount() async throws {
        let server = try await SocialServer.make()
        try await server.scenario()
        let connector = MastodonConnector(options: .init(
            name: "zte-technews", baseURL: server.base, stream: .account("@technews@social.example"), policy: testPolicy()))
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(first.state.cursor.read(MastodonCursor.self)?.accountID == "12")
        #expect(first.state.cursor.read(MastodonCursor.self)?.account == "technews@social.example")
        #expect(!first.items.isEmpty)
        #expect(first.items.allSatisfy { $0.author?.handle == "technews@social.example" })
        let paths = try await server.requests().map(\.path)
        #expect(paths == ["/api/v1/accounts/lookup", "/api/v1/accounts/12/statuses"])

        _ = try await connector.poll(from: first.state, using: server.fetcher, now: fixtureNow)
        #expect(try await server.requests().map(\.path).filter { $0.hasSuffix("lookup") }.count == 1)
    }

    @Test("An unknown Mastodon account is a 404 naming it")
    func mastodonUnknownAccount() async throws {
        let server = try await SocialServer.make()
        try await server.scenario()
        let connector = MastodonConnector(options: .init(
            name: "zte-nobody", baseURL: server.base, stream: .account("nobody@nowhere.example"), policy: testPolicy()))
        let error = try await #require(throws: ConnectorError.self) {
            try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == "fetch: zte-nobody: HTTP 404 Not Found (check the account nobody@nowhere.example and the base URL)")
    }

    @Test("Mastodon search needs a token and sends it")
    func mastodonSearch() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("token=s3cret")
        let anonymous = MastodonConnector(options: .init(
            name: "zte-search", baseURL: server.base, stream: .search("zte"), tokenVariable: "MASTODON_TOKEN", policy: testPolicy()))
        let error = try await #require(throws: ConnectorError.self) {
            try await anonymous.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == "fetch: zte-search: Mastodon status search needs a user token (set $MASTODON_TOKEN)")
        let withToken = MastodonConnector(options: .init(
            name: "zte-search", baseURL: server.base, stream: .search("zte"), token: "s3cret", policy: testPolicy()))
        let result = try await withToken.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(result.items.count == 8)
        let request = try #require(try await server.requests().last)
        #expect(request.path == "/api/v2/search")
        #expect(request.query["type"] == "statuses")
        #expect(request.headers["authorization"] == "Bearer s3cret")
    }

    @Test("Reddit requests carry Reddit's User-Agent form, raw_json and the after cursor")
    func redditRequests() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("extra=3")
        let connector = SocialCase.reddit.connector(base: server.base, pageSize: 3)
        let result = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(result.items.count == 8)
        let requests = try await server.requests()
        #expect(requests.allSatisfy { $0.headers["user-agent"] == RedditAPI.defaultUserAgent })
        #expect(requests.allSatisfy { $0.headers["user-agent"]?.contains(":v\(ChorusVersion.string) (by /u/") == true })
        #expect(requests.allSatisfy { $0.query["raw_json"] == "1" && $0.query["limit"] == "3" })
        #expect(requests.map { $0.query["after"] } == [nil, "t3_8jjr0o", "t3_old1"])
        #expect(result.state.cursor.read(NewestFirstCursor.self)?.newest?.keys == ["t3_8jk2zq"])
    }

    @Test("A generic User-Agent is refused the way the test server enforces Reddit's rules")
    func redditBadUserAgent() async throws {
        let server = try await SocialServer.make()
        try await server.scenario()
        let connector = RedditConnector(options: .init(
            name: "zte-reddit", api: .init(stream: .subreddit("technology"), userAgent: "curl/8.0"), baseURL: server.base, policy: testPolicy()))
        let error = try await #require(throws: ConnectorError.self) {
            try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message.hasPrefix("fetch: zte-reddit: "))
        #expect(error.message.contains("HTTP 400"))
    }

    @Test("Reddit search is restricted to the subreddit and sorted by date")
    func redditSearch() async throws {
        let server = try await SocialServer.make()
        try await server.scenario()
        let connector = RedditConnector(options: .init(
            name: "zte-search", api: .init(stream: .search(query: "almost there", subreddit: "technology")), baseURL: server.base, policy: testPolicy()))
        let result = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(result.items.map(\.nativeID) == ["t3_8jk2zq"])
        let query = try #require(try await server.requests().first?.query)
        #expect(query["q"] == "almost there" && query["restrict_sr"] == "1" && query["sort"] == "new")
    }

    @Test("X sends since_id from the newest post delivered and keeps ids exact")
    func xSinceID() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("visible=3")
        let connector = SocialCase.x.connector(base: server.base)
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        let firstQuery = try #require(try await server.requests().first?.query)
        #expect(firstQuery["since_id"] == nil)
        #expect(firstQuery["expansions"] == "author_id")
        #expect(try await server.requests().first?.headers["authorization"] == "Bearer x-test-token")

        try await server.scenario()
        let second = try await connector.poll(from: first.state, using: server.fetcher, now: fixtureNow)
        let query = try #require(try await server.requests().first?.query)
        #expect(query["since_id"] == "995900000000000001")
        #expect(second.items.map(\.nativeID) == ["996006405622538240", "995990123456789012"])
    }

    @Test("X without a token fails before any request")
    func xWithoutToken() async throws {
        let connector = XConnector(options: .init(name: "zte-x", api: .init(query: "zte"), token: nil))
        let server = try await SocialServer.make()
        let error = try await #require(throws: ConnectorError.self) {
            try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == "fetch: zte-x: X recent search needs a bearer token (set $X_BEARER_TOKEN)")
    }

    @Test("Hacker News bounds a drain by its start time and later runs by the watermark")
    func hackerNewsFilters() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("visible=3")
        let connector = SocialCase.hackernews.connector(base: server.base)
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        let lookback = Int(fixtureNow.timeIntervalSince1970) - 60 * 86_400
        #expect(try await server.requests().first?.query["numericFilters"] == "created_at_i>=\(lookback),created_at_i<=\(Int(fixtureNow.timeIntervalSince1970))")
        #expect(try await server.requests().first?.query["tags"] == "(story,comment)")
        let mark = try #require(first.state.cursor.read(NewestFirstCursor.self)?.newest?.millis)
        try await server.scenario()
        let second = try await connector.poll(from: first.state, using: server.fetcher, now: fixtureNow)
        #expect(try await server.requests().first?.query["numericFilters"]?.hasPrefix("created_at_i>=\(mark / 1000),") == true)
        #expect(second.items.map(\.nativeID) == ["17065490", "17063110"])
    }

    @Test("Bluesky search passes since= from the watermark; an author feed marks reposts")
    func blueskyRequests() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("visible=2")
        let search = SocialCase.blueskySearch.connector(base: server.base)
        let first = try await search.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        try await server.scenario()
        _ = try await search.poll(from: first.state, using: server.fetcher, now: fixtureNow)
        #expect(try await server.requests().first?.query["since"] == "2018-05-13T19:02:10Z")

        let feed = try await SocialCase.blueskyAuthor.connector(base: server.base).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(feed.items.filter { $0.kind == .repost }.count == 1)
        #expect(try await server.requests().last?.query["actor"] == "newsdesk.example.com")
    }

    @Test("Generic JSON: items through the mapping, 304 on an unchanged document, no repeats after a change")
    func jsonMapping() async throws {
        let server = try await SocialServer.make()
        try await server.scenario()
        var mapping = JSONMapping(
            itemsPath: "data.list", id: "idstr", url: nil, title: nil, text: "text", textIsHTML: true,
            authorHandle: "user.screen_name", publishedAt: "created_at", lang: nil, tags: "topics")
        mapping.likes = "attitudes_count"
        let connector = JSONMappingConnector(options: .init(
            name: "weibo", url: "\(server.base)/files/json/weibo-export.json", mapping: mapping, policy: testPolicy()))
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(first.items.count == 2)
        #expect(first.warnings == ["skipped an entry without idstr at data.list[2]"])
        #expect(first.state.etag != nil)
        let second = try await connector.poll(from: first.state, using: server.fetcher, now: fixtureNow)
        #expect(second.notModified)
        #expect(second.items.isEmpty)
        #expect(try await server.requests().last?.headers["if-none-match"] == first.state.etag)
        var changed = first.state
        changed.etag = nil
        let third = try await connector.poll(from: changed, using: server.fetcher, now: fixtureNow)
        #expect(third.items.isEmpty)
        #expect(!third.notModified)
    }

    @Test("Generic JSON: more undated items than max_items are all delivered over successive polls, once each")
    func jsonMappingUndatedDrain() async throws {
        let server = try await SocialServer.make()
        try await server.scenario()
        let connector = JSONMappingConnector(options: .init(
            name: "notes", url: "\(server.base)/files/json/undated-export.json", mapping: JSONMapping(itemsPath: "items"),
            maxItems: 2, policy: testPolicy()))
        var state = SourceState()
        var delivered: [String] = []
        for run in 1...3 {
            let poll = try await connector.poll(from: state, using: server.fetcher, now: fixtureNow)
            #expect(poll.items.count == 2, "run \(run)")
            delivered += poll.items.compactMap(\.nativeID)
            // Validators are kept only once nothing is left over.
            #expect((poll.state.etag != nil) == (run == 3), "run \(run)")
            state = poll.state
        }
        // The dated item first, then the undated ones in document order; none twice, none lost.
        #expect(delivered == ["d1", "u1", "u2", "u3", "u4", "u5"])
        let unchanged = try await connector.poll(from: state, using: server.fetcher, now: fixtureNow)
        #expect(unchanged.notModified)
        state.etag = nil
        let refetched = try await connector.poll(from: state, using: server.fetcher, now: fixtureNow)
        #expect(refetched.items.isEmpty)
        #expect(refetched.warnings.isEmpty)
        #expect(refetched.state.etag != nil)
    }

    @Test("Generic JSON: a missing document is a 404 naming it")
    func jsonMappingMissing() async throws {
        let server = try await SocialServer.make()
        let connector = JSONMappingConnector(options: .init(
            name: "weibo", url: "\(server.base)/files/json/none.json", mapping: JSONMapping(), policy: testPolicy()))
        let error = try await #require(throws: ConnectorError.self) {
            try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == "fetch: weibo: HTTP 404 Not Found (check the document \(server.base)/files/json/none.json and the base URL)")
    }
}

@Suite("Generic JSON connector failures")
struct JSONMappingFailureTests {
    func connector(_ server: SocialServer) -> JSONMappingConnector {
        JSONMappingConnector(options: .init(
            name: "weibo", url: "\(server.base)/files/json/weibo-export.json",
            mapping: JSONMapping(itemsPath: "data.list", id: "idstr"), tokenVariable: "WEIBO_TOKEN", policy: testPolicy()))
    }

    @Test("HTTP 401, 403, 404 and 410 name the source and the document", arguments: [401, 403, 404, 410])
    func httpErrors(status: Int) async throws {
        let server = try await SocialServer.make()
        try await server.scenario("fail_at=1&fail=\(status)")
        let error = try await #require(throws: ConnectorError.self) {
            try await connector(server).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        let target = "the document \(server.base)/files/json/weibo-export.json"
        let expected: String = switch status {
        case 401: "HTTP 401 Unauthorized: \(target) needs credentials; set token on this source"
        case 403: "HTTP 403 Forbidden (the server refuses anonymous reads of \(target); a token in $WEIBO_TOKEN may help)"
        case 404: "HTTP 404 Not Found (check \(target) and the base URL)"
        default: "HTTP 410 Gone (\(target) no longer exists; update or remove this source)"
        }
        #expect(error.message == "fetch: weibo: \(expected)")
    }

    @Test("the document URL in a 403, 404 or 410 hint has its secrets redacted", arguments: [403, 404, 410])
    func hintsRedactTheURL(status: Int) async throws {
        let server = try await SocialServer.make()
        try await server.scenario("fail_at=1&fail=\(status)")
        let connector = JSONMappingConnector(options: .init(
            name: "weibo", url: "\(server.base)/files/json/weibo-export.json?access_token=SECRET1&page=1",
            mapping: JSONMapping(itemsPath: "data.list", id: "idstr"), policy: testPolicy()))
        let error = try await #require(throws: ConnectorError.self) {
            try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(!error.message.contains("SECRET1"), "\(error.message)")
        #expect(error.message.contains("weibo-export.json?access_token=REDACTED&page=1"))
        #expect(error.httpStatus == status)
    }

    @Test("Malformed JSON and wrong types are parse errors naming the source")
    func badBodies() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("fail_at=1&fail=malformed")
        let malformed = try await #require(throws: ConnectorError.self) {
            try await connector(server).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(malformed.message == "parse: weibo: malformed JSON at line 1, column 31: unterminated string")
        try await server.scenario("fail_at=1&fail=wrongtype")
        let wrong = try await #require(throws: ConnectorError.self) {
            try await connector(server).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(wrong.message == "parse: weibo: unexpected type at data.list[0].idstr (expected string or number, found boolean)")
    }
}
