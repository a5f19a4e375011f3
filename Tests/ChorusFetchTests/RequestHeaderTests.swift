import ChorusFetch
import ChorusModel
import Foundation
import Testing

/// What Chorus sends (identity, validators, per-source headers, encodings) and the
/// rate-limit headers it reads back, against the fault server's echo and dialect routes.
@Suite("Request and rate-limit headers")
struct RequestHeaderTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    func echoedHeaders(_ request: FetchRequest) async throws -> [String: String] {
        let response = try await fixture.fetcher.fetch(request)
        let echo = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return try #require(echo?["headers"] as? [String: String])
    }

    @Test("the default User-Agent names Chorus and the project URL; compressed encodings are offered")
    func identityAndEncodings() async throws {
        let headers = try await echoedHeaders(FetchRequest(url: fixture.url("echo")))
        let agent = try #require(headers["user-agent"])
        #expect(agent.hasPrefix("Chorus/"))
        #expect(agent.contains("(+http"))
        // The one version constant reaches the wire.
        #expect(agent.hasPrefix("Chorus/\(ChorusVersion.string) "))
        let encodings = try #require(headers["accept-encoding"])
        #expect(encodings.contains("gzip"))
        #expect(encodings.contains("deflate"))
        #expect(headers["if-none-match"] == nil)
        #expect(headers["if-modified-since"] == nil)
    }

    @Test("validators and per-source headers are sent; the User-Agent is configurable")
    func validatorsAndCustomHeaders() async throws {
        var policy = FetchPolicy()
        policy.userAgent = "Chorus-Test/9 (+https://example.org/bot)"
        let request = FetchRequest(
            url: fixture.url("echo"), headers: [(name: "Accept", value: "application/rss+xml"), (name: "X-Custom", value: "1")],
            etag: "\"abc\"", lastModified: "Tue, 01 Sep 2026 10:00:00 GMT", policy: policy
        )
        let headers = try await echoedHeaders(request)
        #expect(headers["user-agent"] == "Chorus-Test/9 (+https://example.org/bot)")
        #expect(headers["if-none-match"] == "\"abc\"")
        #expect(headers["if-modified-since"] == "Tue, 01 Sep 2026 10:00:00 GMT")
        #expect(headers["accept"] == "application/rss+xml")
        #expect(headers["x-custom"] == "1")
    }

    @Test("a server's 304 for matching validators is a success with no body")
    func notModifiedFromValidators() async throws {
        let first = try await fixture.fetcher.fetch(FetchRequest(url: fixture.url("etag")))
        #expect(first.status == 200)
        #expect(first.etag == "\"v1\"")
        let byETag = try await fixture.fetcher.fetch(FetchRequest(url: fixture.url("etag"), etag: first.etag))
        #expect(byETag.notModified)
        #expect(byETag.body.isEmpty)
        let byDate = try await fixture.fetcher.fetch(FetchRequest(url: fixture.url("etag"), lastModified: first.lastModified))
        #expect(byDate.notModified)
    }

    @Test("each platform's rate-limit headers are normalized", arguments: [
        // route, reset as sent, dialect, limit, reset seconds after the fixture's clock
        ("mastodon", "2027-01-15T08:05:00.000000Z", RateLimit.Dialect.xRateLimit, 300, 300.0),
        ("bluesky", "1800000060", RateLimit.Dialect.rateLimit, 3000, 60),
        ("reddit", "42.5", RateLimit.Dialect.reddit, 100, 42.5),
        ("x", "1800000900", RateLimit.Dialect.xAPI, 450, 900),
    ])
    func rateLimitDialects(route: String, reset: String, dialect: RateLimit.Dialect, limit: Int, seconds: Double) async throws {
        let response = try await fixture.fetcher.fetch(FetchRequest(url: fixture.url("ratelimit/\(route)?reset=\(reset)")))
        let rateLimit = try #require(response.rateLimit)
        #expect(rateLimit.dialect == dialect)
        #expect(rateLimit.remaining == 42)
        #expect(rateLimit.limit == limit)
        #expect(rateLimit.isExhausted == false)
        #expect(rateLimit.secondsUntilReset(now: FaultServerFixture.now) == seconds)
    }

    @Test("a response without rate-limit headers has no rate limit")
    func noRateLimit() async throws {
        let response = try await fixture.fetcher.fetch(FetchRequest(url: fixture.url("ok")))
        #expect(response.rateLimit == nil)
    }
}
