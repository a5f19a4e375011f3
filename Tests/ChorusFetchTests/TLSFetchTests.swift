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

    /// Reuse is asked of every fetch that follows the previous one within a minute: nginx here
    /// closes a connection idle for 65 s (`keepalive_timeout`), and when the whole test process
    /// is starved (every suite runs at once on two cores) a gap can outlast that; then a new
    /// connection is right. The gaps come from nginx's own log (`end=`, `took=`).
    @Test("sequential HTTP/1.1 fetches reuse one connection")
    func http1ConnectionReuse() async throws {
        let fetcher = CurlFetcher()
        for _ in 0..<5 {
            _ = try await fetcher.fetch(FetchRequest(url: "\(plainServer.baseURL)/feed.xml"))
        }
        let lines = try await Self.logLines(plainServer, atLeast: 5)
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.hasSuffix("proto=HTTP/1.1") })
        let requests = try lines.map { line in try #require(Self.timedRequest(line), "no conn/end/took in \(line)") }
        var reused = 0
        for (previous, next) in zip(requests, requests.dropFirst()) {
            let idle = next.start - previous.end
            if idle < 60 {
                #expect(next.connection == previous.connection, "a new connection after \(idle) s idle")
                reused += 1
            }
        }
        // Starved for a minute between every fetch is not what a run of this suite looks like.
        #expect(reused > 0)
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

    /// The connection serial and the start and end (seconds) of an access-log line's request.
    static func timedRequest(_ line: String) -> (connection: String, start: Double, end: Double)? {
        func field(_ name: String) -> Substring? {
            line.split(separator: " ").first { $0.hasPrefix(name) }.map { $0.dropFirst(name.count) }
        }
        guard let connection = connection(line), let end = field("end=").flatMap({ Double($0) }),
              let took = field("took=").flatMap({ Double($0) }) else { return nil }
        return (connection, end - took, end)
    }

    /// The `conn=` serial of an access-log line.
    static func connection(_ line: String) -> String? {
        line.split(separator: " ").first { $0.hasPrefix("conn=") }.map(String.init)
    }
}
