import ChorusFetch
import Foundation
import Testing

/// Size caps, decoding, timeouts and broken transfers: each ends in a typed error and never
/// hands on a partial body.
@Suite("Caps, timeouts and broken transfers")
struct LimitTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    @Test("a body over the cap is too_large, with or without Content-Length", arguments: ["1", "0"])
    func bodyOverCap(length: String) async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("big?size=1000000&length=\(length)", retries: 2) { $0.maxBytes = 100_000 })
        }
        #expect(error.kind == .tooLarge)
        #expect(error.retries == 0)
        #expect(error.message.contains("larger than the cap of 100000 bytes"))
    }

    @Test("huge, infinite, NaN, zero (none) or negative timeouts are clamped, never trapping the curl thread",
          arguments: [1e17, 1e305, Double.infinity, Double.nan, 0, -1])
    func outOfRangeLimitsAreClamped(seconds: Double) async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("ok") {
            $0.totalTimeout = seconds
            $0.connectTimeout = seconds
        })
        #expect(response.status == 200)
        #expect(response.body == Array("xx".utf8))
    }

    @Test("a body exactly at the cap is delivered whole", arguments: ["1", "0"])
    func bodyAtCap(length: String) async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("big?size=100000&length=\(length)") { $0.maxBytes = 100_000 })
        #expect(response.body.count == 100_000)
        #expect(response.body.allSatisfy { $0 == UInt8(ascii: "y") })
    }

    @Test("a gzip bomb is stopped by the cap on the decoded size")
    func gzipBombIsStopped() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("bomb?size=20000000") { $0.maxBytes = 1_000_000 })
        }
        #expect(error.kind == .tooLarge)
    }

    @Test("a small gzip body under the cap is decoded")
    func smallGzipIsDecoded() async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("bomb?size=5000") { $0.maxBytes = 10_000 })
        #expect(response.body == [UInt8](repeating: 0, count: 5000))
        #expect(response.bytesOnWire < 1000)
    }

    @Test("a body that claims gzip but is not is a decode error")
    func badGzipIsDecodeError() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("badgzip"))
        }
        #expect(error.kind == .decode)
    }

    @Test("a server that trickles bytes is cut off by the low-speed limit")
    func slowDripIsCutOff() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("drip?interval=0.3&count=1000") {
                $0.lowSpeedBytes = 100
                $0.lowSpeedSeconds = 1
                $0.totalTimeout = 30
            })
        }
        #expect(error.kind == .timeout)
        #expect(error.message.contains("slower than 100 bytes/s"))
    }

    @Test("a connection reset mid-body is a connection error, never a short body")
    func resetMidBody() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("reset?after=5000"))
        }
        #expect(error.kind == .connection)
    }

    @Test("a reset mid-body is retried like any connection failure")
    func resetMidBodyIsRetried() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("reset?after=10", retries: 1))
        }
        #expect(error.kind == .connection)
        #expect(error.retries == 1)
        #expect(try await fixture.hits("reset") == 2)
    }

    @Test("a server that accepts and never answers hits the total timeout")
    func hangingServerTimesOut() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("hang") { $0.totalTimeout = 1 })
        }
        #expect(error.kind == .timeout)
        #expect(error.message.hasPrefix("fetch: fault: \(fixture.url("hang")): timed out"))
    }

    @Test("a timeout is retried within the retry count")
    func timeoutIsRetried() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("hang", retries: 1) { $0.totalTimeout = 0.5 })
        }
        #expect(error.kind == .timeout)
        #expect(error.retries == 1)
        #expect(try await fixture.hits("hang") == 2)
    }
}
