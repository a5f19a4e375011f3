import ChorusFetch
import Testing

/// Secrets never reach messages: query secrets, URL passwords, sensitive header values.
@Suite("Secret redaction")
struct SecretRedactorTests {
    @Test("secret query parameters are masked, others kept", arguments: [
        ("https://h/p?access_token=abc123&limit=40", "https://h/p?access_token=REDACTED&limit=40"),
        ("https://h/p?limit=40&api_key=k-9#frag", "https://h/p?limit=40&api_key=REDACTED#frag"),
        ("https://h/p?Token=T&sig=S&x=1", "https://h/p?Token=REDACTED&sig=REDACTED&x=1"),
        ("fetch: src: https://h/p?client_secret=zz: HTTP 401", "fetch: src: https://h/p?client_secret=REDACTED: HTTP 401"),
        ("https://h/p?monkey=1&keyword=zte", "https://h/p?monkey=1&keyword=zte"),
        ("https://h/p?access_token=", "https://h/p?access_token="),
    ])
    func queryValues(input: String, expected: String) {
        #expect(SecretRedactor().redact(input) == expected)
    }

    @Test("a password in the URL's user info is masked")
    func userInfo() {
        #expect(SecretRedactor().redact("https://bot:hunter22@example.org/feed") == "https://bot:REDACTED@example.org/feed")
        #expect(SecretRedactor().redact("https://example.org/a@b") == "https://example.org/a@b")
    }

    @Test("values of sensitive headers are masked wherever they appear, and the bare bearer token too")
    func headerValues() {
        let redactor = SecretRedactor(headers: [
            (name: "Authorization", value: "Bearer s3cr3t-token"), (name: "Accept", value: "application/json"),
        ])
        #expect(redactor.redact("server said: bad token s3cr3t-token") == "server said: bad token REDACTED")
        #expect(redactor.redact("header was Bearer s3cr3t-token") == "header was REDACTED")
        #expect(redactor.redact("wants application/json") == "wants application/json")
    }
}
