import ChorusFetch
import ChorusTestSupport
import Foundation
import Testing

/// Retries against the fault server: 5xx and 429 are retried with backoff or the server's
/// Retry-After, other 4xx are not, and the retry budget bounds the waiting.
@Suite("Retries and backoff")
struct RetryTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    @Test("503 twice then 200 succeeds on the third attempt after exponential backoff")
    func serviceUnavailableThenOK() async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("flaky/a?fails=2", retries: 3))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "ok after 2\n")
        #expect(response.retries == 2)
        // base 1 s doubling, jitter fixed at its lower bound (×0.5)
        #expect(fixture.sleeper.recorded == [0.5, 1.0])
        #expect(try await fixture.hits("flaky/a") == 3)
    }

    @Test("a 503 that never recovers fails as http_status after the configured retries")
    func persistentServerErrorGivesUp() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("flaky/b?fails=100", retries: 3))
        }
        #expect(error.kind == .httpStatus)
        #expect(error.status == 503)
        #expect(error.retries == 3)
        #expect(error.message == "fetch: fault: \(fixture.url("flaky/b?fails=100")): HTTP 503 Service Unavailable after 3 retries")
        #expect(fixture.sleeper.recorded == [0.5, 1.0, 2.0])
        #expect(try await fixture.hits("flaky/b") == 4)
    }

    @Test("other 4xx statuses are not retried", arguments: [400, 401, 403, 404, 410])
    func clientErrorsAreNotRetried(status: Int) async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("status/\(status)", retries: 3))
        }
        #expect(error.kind == .httpStatus)
        #expect(error.status == status)
        #expect(error.retries == 0)
        #expect(fixture.sleeper.recorded.isEmpty)
        #expect(try await fixture.hits("status/\(status)") == 1)
    }

    @Test("429 with Retry-After in seconds waits exactly that long, then reports rate_limited")
    func tooManyRequestsHonoursRetryAfterSeconds() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("status/429?retry_after=1", retries: 2))
        }
        #expect(error.kind == .rateLimited)
        #expect(error.status == 429)
        #expect(error.retries == 2)
        #expect(error.retryAfter == 1)
        #expect(fixture.sleeper.recorded == [1, 1])
    }

    @Test("429 with Retry-After as an HTTP-date waits until that date")
    func tooManyRequestsHonoursRetryAfterDate() async throws {
        let at = Int(FaultServerFixture.now.timeIntervalSince1970) + 30
        let response = try await fixture.fetcher.fetch(fixture.request("flaky/d?fails=1&code=429&retry_after=at:\(at)", retries: 1))
        #expect(response.status == 200)
        #expect(response.retries == 1)
        #expect(fixture.sleeper.recorded == [30])
    }

    @Test("a Retry-After date in the past means retry at once")
    func retryAfterDateInThePast() async throws {
        let at = Int(FaultServerFixture.now.timeIntervalSince1970) - 3600
        let response = try await fixture.fetcher.fetch(fixture.request("flaky/p?fails=1&code=503&retry_after=at:\(at)", retries: 1))
        #expect(response.status == 200)
        #expect(fixture.sleeper.recorded == [0])
    }

    @Test("429 then 200 really waits the one second Retry-After asks for")
    func realWaitForRetryAfter() async throws {
        let fetcher = CurlFetcher()
        let started = ContinuousClock.now
        let response = try await fetcher.fetch(fixture.request("flaky/r?fails=1&code=429&retry_after=1", retries: 1))
        #expect(response.status == 200)
        #expect(response.retries == 1)
        #expect(ContinuousClock.now - started >= .seconds(1))
    }

    @Test("a Retry-After longer than the retry budget fails at once instead of stalling the run")
    func retryAfterBeyondBudgetFailsFast() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("status/429?retry_after=3600", retries: 3) { $0.retryBudget = 60 })
        }
        #expect(error.kind == .rateLimited)
        #expect(error.retries == 0)
        #expect(error.retryAfter == 3600)
        #expect(error.message.contains("over the retry budget of 60 s"))
        #expect(fixture.sleeper.recorded.isEmpty)
        #expect(try await fixture.hits("status/429") == 1)
    }

    @Test("a Retry-After or rate-limit reset no integer can hold is clamped, not a crash", arguments: [
        "status/503?retry_after=1e300", "status/429?retry_after=18446744073709551616",
        "ratelimit/reddit?status=429&remaining=1e300&reset=1e300",
    ])
    func hugeServerDelay(path: String) async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request(path, retries: 3) { $0.retryBudget = 60 })
        }
        #expect(error.retryAfter == RetryPolicy.longestServerDelay)
        #expect(error.message.contains("over the retry budget of 60 s"))
        #expect(fixture.sleeper.recorded.isEmpty)
    }

    @Test("the retry budget bounds the sum of backoff waits")
    func budgetBoundsBackoff() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("flaky/e?fails=100", retries: 10) { $0.retryBudget = 2 })
        }
        #expect(error.kind == .httpStatus)
        // 0.5 + 1.0 fit in 2 s; the next wait (2.0) would not.
        #expect(fixture.sleeper.recorded == [0.5, 1.0])
        #expect(error.retries == 2)
    }

    @Test("429 without Retry-After waits for the rate-limit reset the headers announce")
    func tooManyRequestsUsesRateLimitReset() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("ratelimit/reddit?status=429&reset=7", retries: 1))
        }
        #expect(error.kind == .rateLimited)
        #expect(error.rateLimit?.dialect == .reddit)
        #expect(error.rateLimit?.remaining == 0)
        #expect(fixture.sleeper.recorded == [7]) // Reddit's reset counts seconds from now
    }

    @Test("a refused connection is retried, then reported as a connection error")
    func refusedConnectionIsRetried() async throws {
        let port = try NginxServer.freePort()
        var policy = FetchPolicy()
        policy.retries = 2
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(FetchRequest(url: "http://127.0.0.1:\(port)/feed", policy: policy, label: "closed"))
        }
        #expect(error.kind == .connection)
        #expect(error.retries == 2)
        #expect(error.message.hasPrefix("fetch: closed: http://127.0.0.1:\(port)/feed: the connection failed"))
    }
}
