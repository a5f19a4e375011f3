import ChorusFetch
import ChorusTestSupport
import Foundation
import Testing

/// An https source redirected to cleartext http is refused (protocol_not_allowed) instead of
/// sending its request, headers included, over the network in the clear.
@Suite("HTTPS downgrade")
struct HTTPSDowngradeTests {
    let plain: NginxServer
    let secure: NginxServer
    let tls: NginxServer.TLSFiles

    init() throws {
        let certificates = try RepoPaths.temporaryDirectory("chorus-tls")
        tls = try NginxServer.makeSelfSignedCertificate(in: certificates)
        plain = try NginxServer(root: NginxFetchTests.site)
        secure = try NginxServer(root: NginxFetchTests.site, extraServerConfig: """
            location = /down { return 302 \(plain.baseURL)/feed.xml?token=SECRET; }
            location = /up { return 302 /feed.xml; }
            """, tls: tls)
    }

    var policy: FetchPolicy {
        var policy = FetchPolicy()
        policy.caBundle = tls.certificate.path
        policy.retries = 2
        return policy
    }

    @Test("a redirect from https to http is protocol_not_allowed, not retried, with a clear message")
    func downgradeIsRefused() async throws {
        let request = FetchRequest(url: "\(secure.baseURL)/down", policy: policy, label: "secure-feed")
        let error = try await #require(throws: FetchError.self) { try await CurlFetcher().fetch(request) }
        #expect(error.kind == .protocolNotAllowed)
        #expect(error.retries == 0)
        #expect(error.message.hasPrefix("fetch: secure-feed: \(secure.baseURL)/down: refused a redirect from https down to cleartext http"))
        #expect(!error.message.contains("SECRET"))
        let lines = try plain.accessLogLines()
        #expect(lines.isEmpty, "the http server was contacted: \(lines)")
    }

    @Test("a redirect that stays on https is followed")
    func httpsRedirectIsFollowed() async throws {
        let response = try await CurlFetcher().fetch(FetchRequest(url: "\(secure.baseURL)/up", policy: policy))
        #expect(response.status == 200)
        #expect(response.finalURL == "\(secure.baseURL)/feed.xml")
    }
}
