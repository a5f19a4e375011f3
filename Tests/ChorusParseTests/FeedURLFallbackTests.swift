import ChorusModel
import Testing
@testable import ChorusParse

/// When a feed names no link of its own, its URL in the output falls back to the document URL
/// without the credentials private feeds carry in it.
@Suite("Feed URL fallback")
struct FeedURLFallbackTests {
    static let linkless = "<rss version=\"2.0\"><channel><title>T</title><item><guid>a</guid><title>x</title></item></channel></rss>"

    @Test("the fallback drops the query, user info and fragment", arguments: [
        ("https://feeds.example/private.xml?token=SECRET&user=me", "https://feeds.example/private.xml"),
        ("https://me:SECRET@feeds.example/p/feed.rss#top", "https://feeds.example/p/feed.rss"),
        ("http://feeds.example:8080/a.xml", "http://feeds.example:8080/a.xml"),
    ])
    func fallbackIsStripped(_ documentURL: String, _ expected: String) throws {
        let result = try Fixture.parse(Self.linkless, baseURL: documentURL)
        #expect(result.feed?.url == expected)
        #expect(result.feed?.title == "T")
    }

    @Test("a feed's own link is kept as written")
    func ownLinkIsKept() throws {
        let xml = "<rss version=\"2.0\"><channel><title>T</title><link>https://site.example/?ref=rss</link></channel></rss>"
        let result = try Fixture.parse(xml, baseURL: "https://feeds.example/a.xml?token=SECRET")
        #expect(result.feed?.url == "https://site.example/?ref=rss")
    }

    @Test("a document URL that does not parse leaves the feed without a URL")
    func unparseableFallbackIsDropped() throws {
        let result = try Fixture.parse(Self.linkless, baseURL: "not a url ?token=SECRET")
        #expect(result.feed?.url == nil)
        #expect(result.feed?.title == "T")
    }
}
