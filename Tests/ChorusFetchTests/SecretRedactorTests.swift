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

/// Every spelling of a secret parameter, nested encoded URLs, lone user names.
@Suite("Secret redaction, hostile spellings")
struct SecretSpellingTests {
    @Test("any spelling of token, key, secret, signature or password is masked", arguments: [
        ("https://h/p?access-token=abc", "https://h/p?access-token=REDACTED"),
        ("https://h/p?AccessToken=abc&x=1", "https://h/p?AccessToken=REDACTED&x=1"),
        ("https://h/p?x-api-key=abc", "https://h/p?x-api-key=REDACTED"),
        ("https://h/p?X-Amz-Security-Token=abc", "https://h/p?X-Amz-Security-Token=REDACTED"),
        ("https://h/p?subscription-key=abc", "https://h/p?subscription-key=REDACTED"),
        ("https://h/p?db_password=abc", "https://h/p?db_password=REDACTED"),
        ("https://h/p?client.secret=abc", "https://h/p?client.secret=REDACTED"),
        ("https://h/p?Signature=abc", "https://h/p?Signature=REDACTED"),
        ("https://h/p?monkey=1&keyword=zte&author=me", "https://h/p?monkey=1&keyword=zte&author=me"),
    ])
    func spellings(input: String, expected: String) {
        #expect(SecretRedactor().redact(input) == expected)
    }

    @Test("a token inside a percent-encoded nested URL (once or twice encoded) is masked", arguments: [
        ("https://h/r?next=https%3A%2F%2Fa%2Ff%3Faccess_token%3Dabc123%26page%3D2",
         "https://h/r?next=https%3A%2F%2Fa%2Ff%3Faccess_token%3DREDACTED%26page%3D2"),
        ("https://h/r?next=https%253A%252F%252Fa%252Ff%253Fapi-key%253Dabc123%2526x%253D1",
         "https://h/r?next=https%253A%252F%252Fa%252Ff%253Fapi-key%253DREDACTED%2526x%253D1"),
        ("https://h/r?u=%2Ff%3Fsig%3Dabc", "https://h/r?u=%2Ff%3Fsig%3DREDACTED"),
    ])
    func nested(input: String, expected: String) {
        let out = SecretRedactor().redact(input)
        #expect(out == expected)
        #expect(!out.contains("abc"))
    }

    @Test("user info is masked in every URL of a message, a lone user name too")
    func everyURL() {
        let text = "redirect from https://u:pw1@a.example/x to https://ghp_abc@b.example/y failed"
        #expect(SecretRedactor().redact(text) == "redirect from https://u:REDACTED@a.example/x to https://REDACTED@b.example/y failed")
    }

    @Test("a base URL for links keeps no secret; a kept URL is masked and restored from the config")
    func credentialURL() {
        #expect(CredentialURL.withoutSecrets("https://u:p@h/feed?access_token=abc&page=2#top") == "https://h/feed?page=2#top")
        #expect(CredentialURL.withoutSecrets("https://h/feed?AccessToken=abc") == "https://h/feed")
        #expect(CredentialURL.withoutSecrets("https://h/feed?next=%2Fa%3Ftoken%3Dabc") == "https://h/feed?next=%2Fa%3Ftoken%3DREDACTED")
        let configured = "https://u:pw@old.example/feed?x-api-key=K1&page=2"
        let moved = "https://u:pw@new.example/feed?x-api-key=K1&page=2"
        let kept = CredentialURL.masked(moved)
        #expect(!kept.contains("K1") && !kept.contains("pw"))
        #expect(CredentialURL.restore(kept, from: configured) == moved)
        #expect(CredentialURL.restore("https://n.example/f?token=REDACTED", from: configured) == nil, "a secret the config does not have")
        #expect(CredentialURL.restore("https://n.example/f?a=1", from: configured) == "https://n.example/f?a=1")
    }
}
