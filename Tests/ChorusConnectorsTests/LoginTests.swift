import Foundation
import Testing
@testable import ChorusConnectors
import ChorusFetch
import ChorusModel

/// Platform logins against the loopback server, which enforces each one: Reddit's app-only and
/// password grants (tokens only on the OAuth host, anonymous reads only on www), Bluesky's
/// createSession and refreshSession, tokens that expire before the next run or are revoked
/// mid-run, and secrets that never reach an error message.
@Suite("Platform logins")
struct LoginTests {
    /// What the server counted: logins, refreshes, grants.
    struct AuthCounts: Decodable, Equatable {
        var logins: Int
        var refreshes: Int
        var grants: [String]
    }

    func counts(_ server: SocialServer) async throws -> AuthCounts {
        let response = try await server.fetcher.fetch(FetchRequest(url: "\(server.base)/_auth"))
        return try JSONDecoder().decode(AuthCounts.self, from: Data(response.body))
    }

    /// The server's base URL under the name that stands for oauth.reddit.com.
    func oauthBase(_ server: SocialServer) -> String { server.base.replacingOccurrences(of: "127.0.0.1", with: "localhost") }

    func reddit(_ server: SocialServer, login: PlatformLogin?, token: String? = nil, oauth: String? = nil, pageSize: Int = 100) -> RedditConnector {
        var options = RedditConnector.Options(
            name: "zte-reddit", api: .init(stream: .subreddit("technology")), baseURL: server.base, token: token, pageSize: pageSize, policy: testPolicy())
        options.oauthURL = oauth ?? oauthBase(server)
        options.login = login
        return RedditConnector(options: options)
    }

    @Test("Reddit reads go to oauth.reddit.com with a token and to www.reddit.com without")
    func redditHosts() {
        let anonymous = RedditConnector(options: .init(name: "r", api: .init(stream: .subreddit("technology"))))
        #expect(anonymous.apiBase(authorized: false) == "https://www.reddit.com")
        let withToken = RedditConnector(options: .init(name: "r", api: .init(stream: .subreddit("technology")), token: "t"))
        #expect(withToken.url(for: .init(token: nil, window: nil, watermark: nil), authorized: true)
            .hasPrefix("https://oauth.reddit.com/r/technology/new.json?"))
    }

    @Test("A Reddit token sent to the www host is refused; sent to the OAuth host it is read")
    func redditWrongHost() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("hosts=1")
        let good = try await reddit(server, login: nil, token: "tok").poll(from: SourceState(), using: server.fetcher, now: Date())
        #expect(good.items.count == 5)
        #expect(try await server.requests().allSatisfy { $0.headers["host"]?.hasPrefix("localhost:") == true })
        let anonymous = try await reddit(server, login: nil).poll(from: SourceState(), using: server.fetcher, now: Date())
        #expect(anonymous.items.count == 5)
        let misrouted = reddit(server, login: nil, token: "tok", oauth: server.base)
        let error = try await #require(throws: ConnectorError.self) {
            try await misrouted.poll(from: SourceState(), using: server.fetcher, now: Date())
        }
        #expect(error.httpStatus == 403)
    }

    @Test("Reddit app-only and password grants: one grant, reused by the next run", arguments: [
        PlatformLogin.redditAppOnly(clientID: "cid", clientSecret: "csecret"),
        PlatformLogin.redditPassword(clientID: "cid", clientSecret: "csecret", username: "ana", password: "pw"),
    ])
    func redditGrants(login: PlatformLogin) async throws {
        let server = try await SocialServer.make()
        let kind = if case .redditAppOnly = login { "reddit-app" } else { "reddit-password" }
        try await server.scenario("login=\(kind)&hosts=1&visible=3")
        let connector = reddit(server, login: login)
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: Date())
        #expect(first.items.count == 3)
        #expect(first.state.cursor.read(LoginTokens.self).map { !$0.access.isEmpty && $0.expires > 0 } == true)
        let grant = if case .redditAppOnly = login { "client_credentials" } else { "password" }
        #expect(try await counts(server).grants == [grant])
        let second = try await connector.poll(from: first.state, using: server.fetcher, now: Date())
        #expect(second.items.isEmpty)
        #expect(try await counts(server).grants == [grant], "the saved token is reused")
    }

    @Test("A Reddit token revoked mid-run is granted again and the drain completes")
    func redditRevokedMidRun() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("login=reddit-app&expire_after=1")
        let result = try await reddit(server, login: .redditAppOnly(clientID: "cid", clientSecret: "csecret"), pageSize: 2)
            .poll(from: SourceState(), using: server.fetcher, now: Date())
        #expect(result.items.count == 5)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(try await counts(server).grants.count == 2)
    }

    @Test("Wrong Reddit app credentials fail with a line naming the keys, never the secret")
    func redditBadSecret() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("login=reddit-app")
        let error = try await #require(throws: ConnectorError.self) {
            try await reddit(server, login: .redditAppOnly(clientID: "cid", clientSecret: "wrong-secret"))
                .poll(from: SourceState(), using: server.fetcher, now: Date())
        }
        #expect(error.message == "fetch: zte-reddit: login: the OAuth token request failed: HTTP 401 (check client_id and client_secret)")
        #expect(!error.message.contains("wrong-secret"))
    }

    func bluesky(_ server: SocialServer, password: String = "app-pw", pageSize: Int = 50) -> BlueskyConnector {
        var options = BlueskyConnector.Options(name: "zte-bsky", api: .init(stream: .search("zte")), baseURL: server.base, pageSize: pageSize, policy: testPolicy())
        options.login = .bluesky(identifier: "ana.example.net", appPassword: password)
        return BlueskyConnector(options: options)
    }

    @Test("Bluesky logs in once, keeps the session in the state, refreshes it before it expires")
    func blueskySession() async throws {
        let server = try await SocialServer.make()
        // Tokens live 60 s: the next run finds it within 5 minutes of expiry and refreshes first.
        try await server.scenario("login=bluesky&ttl=60&visible=3")
        let connector = bluesky(server)
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: Date())
        #expect(first.items.count == 3)
        #expect(try await counts(server) == AuthCounts(logins: 1, refreshes: 0, grants: []))
        #expect(first.state.cursor.read(LoginTokens.self)?.refresh?.hasPrefix("refresh-") == true)
        try await server.scenario("login=bluesky&ttl=7200")
        _ = try await connector.poll(from: first.state, using: server.fetcher, now: Date())
        // The scenario reset forgot every session: the refresh is refused, so it logs in again.
        #expect(try await counts(server) == AuthCounts(logins: 1, refreshes: 0, grants: []))

        try await server.scenario("login=bluesky&ttl=60")
        let fresh = try await connector.poll(from: SourceState(), using: server.fetcher, now: Date())
        let next = try await connector.poll(from: fresh.state, using: server.fetcher, now: Date())
        #expect(try await counts(server) == AuthCounts(logins: 1, refreshes: 1, grants: []))
        #expect(next.state.cursor.read(LoginTokens.self)?.access != fresh.state.cursor.read(LoginTokens.self)?.access)
    }

    @Test("A Bluesky session revoked mid-run is refreshed and the drain completes")
    func blueskyRevokedMidRun() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("login=bluesky&expire_after=1")
        let result = try await bluesky(server, pageSize: 2).poll(from: SourceState(), using: server.fetcher, now: Date())
        #expect(result.items.count == 5)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(try await counts(server) == AuthCounts(logins: 1, refreshes: 1, grants: []))
    }

    @Test("A wrong app password fails with one line naming the keys, never the password")
    func blueskyBadPassword() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("login=bluesky")
        let error = try await #require(throws: ConnectorError.self) {
            try await bluesky(server, password: "not-the-app-pw").poll(from: SourceState(), using: server.fetcher, now: Date())
        }
        #expect(error.message == "fetch: zte-bsky: login: createSession failed: HTTP 401 (check handle and app_password)")
    }

    @Test("Without a login the server's 401 names the keys to set")
    func blueskyWithoutLogin() async throws {
        let server = try await SocialServer.make()
        try await server.scenario("login=bluesky")
        let connector = BlueskyConnector(options: .init(name: "zte-bsky", api: .init(stream: .search("zte")), baseURL: server.base, policy: testPolicy()))
        let error = try await #require(throws: ConnectorError.self) {
            try await connector.poll(from: SourceState(), using: server.fetcher, now: Date())
        }
        #expect(error.message == "fetch: zte-bsky: HTTP 401 Unauthorized: the search \"zte\" needs credentials; set handle and app_password on this source")
    }

    @Test func theExpiryOfAJWTIsReadFromItsPayload() {
        // {"exp":1700000000} in base64url, without padding.
        #expect(LoginSession.jwtExpiry("e30.eyJleHAiOjE3MDAwMDAwMDB9.sig") == 1_700_000_000)
        #expect(LoginSession.jwtExpiry("not a jwt") == nil)
    }
}
