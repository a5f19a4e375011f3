@testable import ChorusFetch
import Foundation
import Testing

/// Backoff arithmetic, Retry-After parsing and what counts as retryable.
@Suite("Retry policy")
struct RetryPolicyTests {
    static let now = Date(timeIntervalSince1970: 784_111_777) // Sun, 06 Nov 1994 08:49:37 GMT

    @Test("backoff doubles per retry, is capped, and jitter scales it into [0.5, 1.0] of that", arguments: [
        (0, 0.0, 0.5), (0, 1.0, 1.0), (1, 0.0, 1.0), (2, 0.5, 3.0), (3, 0.0, 4.0), (10, 1.0, 30.0), (10, 0.0, 15.0),
    ])
    func backoff(retry: Int, random: Double, expected: Double) {
        #expect(RetryPolicy(baseDelay: 1, maxDelay: 30).backoff(retry: retry, random: random) == expected)
    }

    @Test("Retry-After is read as seconds or any of the three HTTP-date forms", arguments: [
        ("120", 120.0), ("0", 0), ("  5 ", 5),
        ("Sun, 06 Nov 1994 08:50:37 GMT", 60), ("Sunday, 06-Nov-94 08:51:37 GMT", 120), ("Sun Nov  6 08:49:47 1994", 10),
        ("Sun, 06 Nov 1994 08:00:00 GMT", 0),
    ])
    func retryAfter(value: String, seconds: Double) {
        #expect(RetryPolicy.retryAfter(value, now: Self.now) == seconds)
    }

    @Test("rate-limit counts beyond Int are no count", arguments: ["1e300", "-1e300", "9.3e18", "inf"])
    func hugeRateLimitCount(value: String) {
        #expect(RateLimit.count(value) == nil)
        let limit = RateLimit(headers: ["x-ratelimit-used": "9223372036854775807", "x-ratelimit-remaining": "9223372036854775807"], now: Self.now)
        #expect(limit?.limit == nil)
    }

    @Test("unusable Retry-After values are ignored", arguments: ["soon", "-5", "", "NaN"])
    func badRetryAfter(value: String) {
        #expect(RetryPolicy.retryAfter(value, now: Self.now) == nil)
    }

    @Test("5xx and 429 are retryable; other statuses (408 included) are not", arguments: [
        (500, true), (502, true), (503, true), (504, true), (429, true), (408, false),
        (400, false), (401, false), (403, false), (404, false), (410, false), (301, false),
    ])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }

    @Test("the server's wait: Retry-After wins, then the reset of an exhausted or 429 window")
    func serverDelay() {
        let limit = RateLimit(dialect: .xAPI, limit: 450, remaining: 0, resetAt: Self.now.addingTimeInterval(90))
        #expect(RetryPolicy.serverDelay(status: 429, headers: ["retry-after": "7"], rateLimit: limit, now: Self.now) == 7)
        #expect(RetryPolicy.serverDelay(status: 429, headers: [:], rateLimit: limit, now: Self.now) == 90)
        #expect(RetryPolicy.serverDelay(status: 503, headers: [:], rateLimit: nil, now: Self.now) == nil)
        let plenty = RateLimit(dialect: .xAPI, limit: 450, remaining: 200, resetAt: Self.now.addingTimeInterval(90))
        #expect(RetryPolicy.serverDelay(status: 503, headers: [:], rateLimit: plenty, now: Self.now) == nil)
    }

    @Test("error kinds print exactly as chorus fetch documents them")
    func kindNames() {
        #expect(FetchError.Kind.allCases.map(\.rawValue) == [
            "timeout", "too_large", "too_many_redirects", "protocol_not_allowed", "http_status", "rate_limited",
            "connection", "tls", "dns", "decode", "private_network",
        ])
    }
}
