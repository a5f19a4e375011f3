import ChorusFetch
import Foundation
import Testing

/// Redirects: chains followed up to the limit, loops stopped, only http/https targets, and
/// permanent redirects reported so the run can store the new URL.
@Suite("Redirects")
struct RedirectTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    @Test("a chain of temporary redirects is followed to the final URL")
    func chainIsFollowed() async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("redirect/3"))
        #expect(response.status == 200)
        #expect(response.finalURL == fixture.url("ok"))
        #expect(response.url == fixture.url("redirect/3"))
        #expect(response.body == Array("xx".utf8))
        #expect(response.permanentRedirect == nil)
    }

    @Test("a chain longer than max_redirects is too_many_redirects")
    func chainOverLimit() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("redirect/4") { $0.maxRedirects = 2 })
        }
        #expect(error.kind == .tooManyRedirects)
        #expect(error.message.contains("more than 2 redirects"))
    }

    @Test("a redirect loop stops at the limit and is not retried")
    func loopStops() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request("loop", retries: 3))
        }
        #expect(error.kind == .tooManyRedirects)
        #expect(error.retries == 0)
        #expect(try await fixture.hits("loop") == 6) // the first request and five redirects
    }

    @Test("a redirect to a scheme other than http/https is refused", arguments: ["to-file", "to-gopher"])
    func redirectToOtherSchemeIsRefused(path: String) async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(fixture.request(path, retries: 2))
        }
        #expect(error.kind == .protocolNotAllowed)
        #expect(error.retries == 0)
    }

    @Test("a URL with a scheme other than http/https is refused before any connection",
          arguments: ["file:///etc/passwd", "gopher://127.0.0.1/", "dict://127.0.0.1/", "ftp://127.0.0.1/"])
    func otherSchemesAreRefused(url: String) async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fixture.fetcher.fetch(FetchRequest(url: url))
        }
        #expect(error.kind == .protocolNotAllowed)
    }

    @Test("a 301 or 308 is reported as the permanent new URL", arguments: [301, 308])
    func permanentRedirectIsReported(status: Int) async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("permanent/\(status)"))
        #expect(response.status == 200)
        #expect(response.permanentRedirect == fixture.url("ok"))
        #expect(response.finalURL == fixture.url("ok"))
    }

    @Test("consecutive permanent redirects report the last permanent target")
    func permanentChain() async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("perm-chain"))
        #expect(response.permanentRedirect == fixture.url("ok"))
    }

    @Test("a permanent redirect after a temporary one is not reported (the source URL stays)")
    func temporaryThenPermanent() async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("temp-then-perm"))
        #expect(response.finalURL == fixture.url("ok"))
        #expect(response.permanentRedirect == nil)
    }

    @Test("a chain of 301s reports the URL at its end")
    func chainOfPermanentRedirects() async throws {
        let response = try await fixture.fetcher.fetch(fixture.request("redirect/2?code=301"))
        // 301 → /redirect/1?code=301 → 301 → /ok: both hops permanent.
        #expect(response.permanentRedirect == fixture.url("ok"))
    }
}
