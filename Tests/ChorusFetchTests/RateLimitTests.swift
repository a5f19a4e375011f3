@testable import ChorusFetch
import Foundation
import Testing

/// Rate-limit header dialects normalized into one value (social-apis.md §0.1).
@Suite("Rate-limit headers")
struct RateLimitTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Mastodon: X-RateLimit-* with an ISO 8601 reset")
    func mastodon() throws {
        let limit = try #require(RateLimit(headers: [
            "x-ratelimit-limit": "300", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2027-01-15T08:00:30.500000Z",
        ], now: Self.now))
        #expect(limit.dialect == .xRateLimit)
        #expect(limit.limit == 300)
        #expect(limit.isExhausted)
        #expect(limit.secondsUntilReset(now: Self.now) == 30.5)
    }

    @Test("Bluesky: RateLimit-* with an epoch reset and a policy")
    func bluesky() throws {
        let limit = try #require(RateLimit(headers: [
            "ratelimit-limit": "3000", "ratelimit-remaining": "2999", "ratelimit-reset": "1800000100", "ratelimit-policy": "3000;w=300",
        ], now: Self.now))
        #expect(limit.dialect == .rateLimit)
        #expect(limit.remaining == 2999)
        #expect(limit.secondsUntilReset(now: Self.now) == 100)
    }

    @Test("Reddit: used + remaining (fractional) and a reset in seconds from now")
    func reddit() throws {
        let limit = try #require(RateLimit(headers: [
            "x-ratelimit-used": "4", "x-ratelimit-remaining": "96.0", "x-ratelimit-reset": "250",
        ], now: Self.now))
        #expect(limit.dialect == .reddit)
        #expect(limit.limit == 100)
        #expect(limit.remaining == 96)
        #expect(limit.secondsUntilReset(now: Self.now) == 250)
    }

    @Test("X: x-rate-limit-* with an epoch reset")
    func xAPI() throws {
        let limit = try #require(RateLimit(headers: [
            "x-rate-limit-limit": "450", "x-rate-limit-remaining": "12", "x-rate-limit-reset": "1800000900",
        ], now: Self.now))
        #expect(limit.dialect == .xAPI)
        #expect(limit.secondsUntilReset(now: Self.now) == 900)
    }

    @Test("IETF draft RateLimit-Reset in delta seconds")
    func ietfDelta() throws {
        let limit = try #require(RateLimit(headers: ["ratelimit-remaining": "5", "ratelimit-reset": "60"], now: Self.now))
        #expect(limit.secondsUntilReset(now: Self.now) == 60)
    }

    @Test("a reset in the past counts as now; garbage values are nil, not zero")
    func oddValues() throws {
        let past = try #require(RateLimit(headers: ["x-rate-limit-remaining": "1", "x-rate-limit-reset": "1700000000"], now: Self.now))
        #expect(past.secondsUntilReset(now: Self.now) == 0)
        let garbage = try #require(RateLimit(headers: ["x-ratelimit-remaining": "lots", "x-ratelimit-reset": "later"], now: Self.now))
        #expect(garbage.remaining == nil)
        #expect(garbage.resetAt == nil)
        #expect(!garbage.isExhausted)
    }

    @Test("no rate-limit headers, no value")
    func absent() {
        #expect(RateLimit(headers: ["content-type": "application/json"], now: Self.now) == nil)
    }

    @Test("ISO 8601 timestamps with offsets and fractions", arguments: [
        ("2027-01-15T08:00:00Z", 1_800_000_000.0), ("2027-01-15T09:00:00+01:00", 1_800_000_000),
        ("2027-01-15T08:00:00.25z", 1_800_000_000.25), ("1970-01-01T00:00:00Z", 0),
    ])
    func iso8601(text: String, epoch: Double) {
        #expect(ISO8601Timestamp.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test("malformed ISO 8601 timestamps are rejected", arguments: ["2027-01-15", "2027-13-01T00:00:00Z", "2027-01-15T08:00:00", "x"])
    func badISO8601(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test("permanent redirects: only the leading run of 301/308 hops counts")
    func permanentRedirectHops() {
        func outcome(_ hops: [(String, Int)]) -> TransferOutcome {
            var o = TransferOutcome()
            o.hops = hops.map { TransferOutcome.Hop(url: $0.0, status: $0.1) }
            return o
        }
        #expect(outcome([("a", 301), ("b", 200)]).permanentRedirect == "b")
        #expect(outcome([("a", 308), ("b", 301), ("c", 302), ("d", 200)]).permanentRedirect == "c")
        #expect(outcome([("a", 302), ("b", 301), ("c", 200)]).permanentRedirect == nil)
        #expect(outcome([("a", 200)]).permanentRedirect == nil)
    }
}
