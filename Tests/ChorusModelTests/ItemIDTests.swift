import Foundation
import Testing
@testable import ChorusModel

@Suite("Item ids and timestamps")
struct ItemIDTests {
    @Test("SHA-256 matches the FIPS 180-4 vectors", arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(input: String, expected: String) {
        let hex = SHA256.hash(Array(input.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hex == expected)
    }

    @Test("The same native id gives the same id whatever the feed format")
    func feedFormatsShareNamespace() {
        let rss = ItemID.make(platform: .rss, key: "https://example.com/a")
        let atom = ItemID.make(platform: .atom, key: "https://example.com/a")
        let mastodon = ItemID.make(platform: .mastodon, key: "https://example.com/a")
        #expect(rss == atom)
        #expect(rss != mastodon)
        #expect(rss.count == 32)
    }

    @Test("Bare guids are scoped by their feed, URL-like guids are not")
    func bareGuidsAreScoped() {
        let a = ItemID.forFeedEntry(platform: .rss, nativeID: "42", url: nil, title: nil, published: nil, feedScope: "https://a.example/feed")
        let b = ItemID.forFeedEntry(platform: .rss, nativeID: "42", url: nil, title: nil, published: nil, feedScope: "https://b.example/feed")
        #expect(a != b)
        let c = ItemID.forFeedEntry(platform: .rss, nativeID: "tag:a.example,2018:1", url: nil, title: nil, published: nil, feedScope: "x")
        let d = ItemID.forFeedEntry(platform: .rss, nativeID: "tag:a.example,2018:1", url: nil, title: nil, published: nil, feedScope: "y")
        #expect(c == d)
    }

    @Test("Entries without a native id fall back to the URL, then title and date")
    func fallbacks() {
        let byURL = ItemID.forFeedEntry(platform: .rss, nativeID: nil, url: "https://a.example/1", title: "T", published: nil, feedScope: nil)
        let byURL2 = ItemID.forFeedEntry(platform: .rss, nativeID: "", url: "https://a.example/1", title: "Other", published: nil, feedScope: nil)
        #expect(byURL == byURL2)
        let t1 = ItemID.forFeedEntry(platform: .rss, nativeID: nil, url: nil, title: "T", published: Date(timeIntervalSince1970: 0), feedScope: nil)
        let t2 = ItemID.forFeedEntry(platform: .rss, nativeID: nil, url: nil, title: "T", published: Date(timeIntervalSince1970: 60), feedScope: nil)
        #expect(t1 != t2)
    }

    @Test("RFC 3339 output is UTC with whole seconds", arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_526_290_200.0, "2018-05-14T09:30:00Z"),
        (1_526_290_200.999, "2018-05-14T09:30:00Z"),
        (951_782_400.0, "2000-02-29T00:00:00Z"),
        (-1.0, "1969-12-31T23:59:59Z"),
        (4_102_444_799.0, "2099-12-31T23:59:59Z"),
    ])
    func rfc3339(seconds: Double, expected: String) {
        #expect(RFC3339.format(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
