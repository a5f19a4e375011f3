import ChorusFetch
import ChorusTestSupport
import Foundation
import Testing

/// A source's extra headers (API keys, Authorization) reach only the origin they were set for:
/// a redirect to another scheme, host or port is followed without them. And https never
/// redirects down to cleartext http.
@Suite("Redirects and secret headers")
struct RedirectHeaderTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    static let secrets: [(name: String, value: String)] = [
        ("X-Api-Key", "KEY-SECRET"), ("Authorization", "Bearer TOKEN-SECRET"), ("Accept", "application/json"),
    ]

    /// The headers /echo saw, lowercased names.
    static func echoed(_ response: FetchResponse) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return try #require(object?["headers"] as? [String: String])
    }

    func redirect(to target: String, code: Int = 302) -> FetchRequest {
        let query = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? target
        var request = fixture.request("redirect-to?code=\(code)&url=\(query)")
        request.headers = Self.secrets
        return request
    }

    @Test("a redirect to another host drops the extra headers and Authorization", arguments: [302, 301, 307, 308])
    func otherHostGetsNoSecrets(code: Int) async throws {
        let port = try #require(URLComponents(string: fixture.server.baseURL)?.port)
        let target = "http://localhost:\(port)/echo"
        let response = try await fixture.fetcher.fetch(redirect(to: target, code: code))
        #expect(response.status == 200)
        #expect(response.finalURL == target)
        let headers = try Self.echoed(response)
        #expect(headers["x-api-key"] == nil)
        #expect(headers["authorization"] == nil)
        #expect(headers["accept"] != "application/json")
        #expect(headers["user-agent"]?.hasPrefix("Chorus/") == true)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("SECRET"))
        #expect(response.permanentRedirect == (code == 301 || code == 308 ? target : nil))
    }

    @Test("a redirect to another port of the same host drops them too")
    func otherPortGetsNoSecrets() async throws {
        let other = try LoopbackServer(pythonScript: "fault_server.py")
        let response = try await fixture.fetcher.fetch(redirect(to: "\(other.baseURL)/echo"))
        #expect(response.status == 200)
        let headers = try Self.echoed(response)
        #expect(headers["x-api-key"] == nil)
        #expect(headers["authorization"] == nil)
    }

    @Test("a redirect within the origin keeps the headers")
    func sameOriginKeepsHeaders() async throws {
        let response = try await fixture.fetcher.fetch(redirect(to: fixture.url("echo")))
        let headers = try Self.echoed(response)
        #expect(headers["x-api-key"] == "KEY-SECRET")
        #expect(headers["authorization"] == "Bearer TOKEN-SECRET")
    }

    @Test("redirects left after the hop to another origin still count against max_redirects")
    func crossOriginHopCountsTowardsTheLimit() async throws {
        let port = try #require(URLComponents(string: fixture.server.baseURL)?.port)
        var request = redirect(to: "http://localhost:\(port)/redirect/2")
        request.policy.maxRedirects = 2
        let error = try await #require(throws: FetchError.self) { try await fixture.fetcher.fetch(request) }
        #expect(error.kind == .tooManyRedirects)
        #expect(!error.message.contains("SECRET"))
    }
}
