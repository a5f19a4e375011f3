import ChorusFetch
import Foundation
import Logging
import Testing

/// Safety: the private-network guard, TLS errors, and secrets kept out of errors and logs.
@Suite("Safety")
struct SafetyTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    @Test("deny_private_networks refuses loopback before any request is sent")
    func privateNetworkIsRefused() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("ok", retries: 2) { $0.denyPrivateNetworks = true })
        }
        #expect(error.kind == .privateNetwork)
        #expect(error.retries == 0)
        #expect(error.message.contains("127.0.0.1"))
        #expect(try await fixture.hits("ok") == 0)
    }

    @Test("deny_private_networks refuses IPv6 loopback too")
    func ipv6LoopbackIsRefused() async throws {
        var policy = FetchPolicy()
        policy.denyPrivateNetworks = true
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(FetchRequest(url: "http://[::1]:\(fixture.server.port)/ok", policy: policy))
        }
        #expect(error.kind == .privateNetwork)
        #expect(error.message.contains("::1"))
    }

    @Test("deny_private_networks judges the address a host name resolves to (localhost → loopback)")
    func resolvedNameIsRefused() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(
                FetchRequest(url: "http://localhost:\(fixture.server.port)/redirect/1", policy: {
                    var p = FetchPolicy()
                    p.denyPrivateNetworks = true
                    return p
                }())
            )
        }
        #expect(error.kind == .privateNetwork)
    }

    @Test("without deny_private_networks, loopback is allowed (the default)")
    func loopbackAllowedByDefault() async throws {
        #expect(FetchPolicy().denyPrivateNetworks == false)
        let response = try await fixture.fetcher.fetch(fixture.request("ok"))
        #expect(response.status == 200)
    }

    @Test("speaking TLS to a plain HTTP port is a tls error")
    func tlsFailure() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(FetchRequest(url: "https://127.0.0.1:\(fixture.server.port)/ok"))
        }
        #expect(error.kind == .tls)
    }

    @Test("a CA bundle that does not exist is a tls error")
    func missingCABundle() async throws {
        var policy = FetchPolicy()
        policy.caBundle = "/nonexistent/ca.pem"
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(FetchRequest(url: "https://127.0.0.1:\(fixture.server.port)/ok", policy: policy))
        }
        #expect(error.kind == .tls)
    }

    @Test("query secrets and bearer tokens never appear in error messages")
    func secretsAreRedactedFromErrors() async throws {
        let request = FetchRequest(
            url: fixture.url("status/403?access_token=tok-SECRET-1&page=2"),
            headers: [(name: "Authorization", value: "Bearer tok-SECRET-2")], label: "secret"
        )
        let error = try await #require(throws: FetchError.self) { try await fixture.fetcher.fetch(request) }
        #expect(error.kind == .httpStatus)
        #expect(!error.message.contains("tok-SECRET"))
        #expect(error.message.contains("access_token=REDACTED&page=2"))
    }

    @Test("bearer tokens and query secrets never reach the log, even at trace level")
    func secretsStayOutOfLogs() async throws {
        let sink = LogSink()
        var logger = Logger(label: "chorus.fetch") { _ in sink }
        logger.logLevel = .trace
        let sleeper = SleepRecorder()
        let fetcher = CurlFetcher(logger: logger, sleep: { try await sleeper.sleep($0) }, random: { 0 })
        var policy = FetchPolicy()
        policy.retries = 1
        let request = FetchRequest(
            url: fixture.url("flaky/s?fails=1&api_key=tok-SECRET-3"),
            headers: [(name: "Authorization", value: "Bearer tok-SECRET-4")], policy: policy, label: "secret"
        )
        _ = try await fetcher.fetch(request)
        let lines = sink.lines
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { !$0.contains("tok-SECRET") })
    }

    @Test("a per-source proxy carries the request (absolute-form request line to the proxy)")
    func perSourceProxy() async throws {
        var policy = FetchPolicy()
        policy.proxy = fixture.server.baseURL
        let response = try await fixture.fetcher.fetch(FetchRequest(url: "http://feeds.example.invalid/echo", policy: policy))
        let echo = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        #expect(echo?["path"] as? String == "http://feeds.example.invalid/echo")
        #expect((echo?["headers"] as? [String: String])?["host"] == "feeds.example.invalid")
        #expect(response.finalURL == "http://feeds.example.invalid/echo")
    }

    @Test("the Authorization header is still sent to the server")
    func authorizationIsSent() async throws {
        let request = FetchRequest(url: fixture.url("echo"), headers: [(name: "Authorization", value: "Bearer tok-5")])
        let response = try await fixture.fetcher.fetch(request)
        let echo = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let headers = echo?["headers"] as? [String: String]
        #expect(headers?["authorization"] == "Bearer tok-5")
    }
}

