import ChorusFetch
import ChorusTestSupport
import Foundation
import Testing

/// HTTPS against nginx with a self-signed certificate: verification on by default, the CA
/// bundle option, HTTP/2 multiplexing within the per-host connection limit, and reuse.
@Suite("TLS, HTTP/2 and connection reuse")
struct TLSFetchTests {
    let tlsServer: NginxServer
    let plainServer: NginxServer
    let tls: NginxServer.TLSFiles

    init() throws {
        let certificates = try RepoPaths.temporaryDirectory("chorus-tls")
        tls = try NginxServer.makeSelfSignedCertificate(in: certificates)
        tlsServer = try NginxServer(root: NginxFetchTests.site, tls: tls)
        plainServer = try NginxServer(root: NginxFetchTests.site)
    }

    var trusting: FetchPolicy {
        var policy = FetchPolicy()
        policy.caBundle = tls.certificate.path
        return policy
    }

    @Test("an untrusted certificate is a tls error: verification is on by default")
    func untrustedCertificate() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await CurlFetcher().fetch(FetchRequest(url: "\(tlsServer.baseURL)/feed.xml", label: "tls"))
        }
        #expect(error.kind == .tls)
        #expect(error.retries == 0)
    }

    @Test("with the certificate as CA bundle the fetch succeeds over HTTP/2, with TLS timings")
    func trustedCertificate() async throws {
        let response = try await CurlFetcher().fetch(FetchRequest(url: "\(tlsServer.baseURL)/feed.xml", policy: trusting))
        #expect(response.status == 200)
        #expect(response.body == (try [UInt8](Data(contentsOf: NginxFetchTests.site.appendingPathComponent("feed.xml")))))
        #expect(response.timings.tls > 0)
        #expect(response.timings.tls >= response.timings.connect)
        let lines = try await Self.logLines(tlsServer, atLeast: 1)
        #expect(lines.count == 1)
        #expect(lines.allSatisfy { $0.hasSuffix("proto=HTTP/2.0") })
    }

    @Test("concurrent fetches to an HTTP/2 host are multiplexed over at most two connections")
    func multiplexedWithinPerHostLimit() async throws {
        let fetcher = CurlFetcher(maxConcurrent: 16, maxPerHost: 2)
        let request = FetchRequest(url: "\(tlsServer.baseURL)/feed.xml", policy: trusting)
        let results = await fetcher.fetchAll(Array(repeating: request, count: 40))
        #expect(results.allSatisfy { (try? $0.get().status) == 200 })
        let lines = try await Self.logLines(tlsServer, atLeast: 40)
        #expect(lines.count == 40)
        #expect(lines.allSatisfy { $0.hasSuffix("proto=HTTP/2.0") })
        #expect(Set(lines.compactMap(Self.connection)).count <= 2)
    }

    @Test("sequential HTTP/1.1 fetches reuse one connection")
    func http1ConnectionReuse() async throws {
        let fetcher = CurlFetcher()
        for _ in 0..<5 {
            _ = try await fetcher.fetch(FetchRequest(url: "\(plainServer.baseURL)/feed.xml"))
        }
        let lines = try await Self.logLines(plainServer, atLeast: 5)
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.hasSuffix("proto=HTTP/1.1") })
        #expect(Set(lines.compactMap(Self.connection)).count == 1)
    }

    @Test("HTTP/1.1 fetches to one host never use more than the per-host connection limit")
    func http1PerHostLimit() async throws {
        let fetcher = CurlFetcher(maxConcurrent: 16, maxPerHost: 2)
        let results = await fetcher.fetchAll(Array(repeating: FetchRequest(url: "\(plainServer.baseURL)/feed.xml"), count: 60))
        #expect(results.allSatisfy { (try? $0.get().status) == 200 })
        let lines = try await Self.logLines(plainServer, atLeast: 60)
        #expect(lines.count == 60)
        #expect(Set(lines.compactMap(Self.connection)).count <= 2)
    }

    /// The access log once it has `count` lines: nginx logs a request just after sending its
    /// last byte, so the client can be a moment ahead (gives up after about two seconds).
    static func logLines(_ server: NginxServer, atLeast count: Int) async throws -> [String] {
        var lines = try server.accessLogLines()
        var tries = 0
        while lines.count < count && tries < 100 {
            try await Task.sleep(for: .milliseconds(20))
            lines = try server.accessLogLines()
            tries += 1
        }
        return lines
    }

    /// The `conn=` serial of an access-log line.
    static func connection(_ line: String) -> String? {
        line.split(separator: " ").first { $0.hasPrefix("conn=") }.map(String.init)
    }
}
