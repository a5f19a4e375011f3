import Testing
import ChorusModel
@testable import ChorusParse

@Suite("Bluesky posts to items")
struct BlueskyDecoderTests {
    static let wow = "at://did:plc:zte4newsdeskxyz/app.bsky.feed.post/3kzte0wowgood"

    func search() throws -> SocialPage {
        try BlueskyDecoder.decode(try SocialFixture.bytes("bluesky/search-zte.json"), context: SocialFixture.context("zte-bsky"))
    }

    func feed() throws -> SocialPage {
        try BlueskyDecoder.decode(try SocialFixture.bytes("bluesky/author-feed.json"), context: SocialFixture.context("zte-bsky"))
    }

    @Test("Search results: at-uri identity, web URL, text, language, counts and the cursor")
    func searchPosts() throws {
        let page = try search()
        #expect(page.items.count == 5)
        #expect(page.nextCursor == "4")
        let reply = page.items[0]
        let uri = "at://did:plc:ana7examplexyz/app.bsky.feed.post/3kzte3almost"
        #expect(reply.id == ItemID.make(platform: .bluesky, key: uri))
        #expect(reply.nativeID == uri)
        #expect(reply.url == "https://bsky.app/profile/ana.example.net/post/3kzte3almost")
        #expect(reply.kind == .reply)
        #expect(reply.inReplyTo == Self.wow)
        #expect(reply.text == "Almost there… the Commerce Department still has to sign off 🤞")
        #expect(reply.lang == "en")
        #expect(reply.author == Author(name: "Ana R.", handle: "ana.example.net", url: "https://bsky.app/profile/ana.example.net"))
        #expect(reply.metrics == Metrics(likes: 5, reposts: 0, replies: 0, quotes: 0))
        let published = try #require(reply.publishedAt)
        #expect(abs(published.timeIntervalSince(SocialFixture.date("2018-05-14T09:40:11")) - 0.9) < 0.000_001)
    }

    @Test("Tags come from facets and record tags, without duplicates")
    func tags() throws {
        let items = try search().items
        #expect(items[1].tags == ["中兴", "ZTE"])
        #expect(items[1].lang == "zh")
        #expect(items[3].tags == ["ZTE"])
    }

    @Test("An invalid handle falls back to the DID; quotes, missing counts and empty text are handled")
    func quoteWithoutHandle() throws {
        let items = try search().items
        let quote = items[2]
        #expect(quote.author?.handle == "did:plc:gone0examplexyz")
        #expect(quote.url == "https://bsky.app/profile/did:plc:gone0examplexyz/post/3kzte1quote")
        #expect(quote.quoteOf == Self.wow)
        #expect(quote.metrics == nil)
        #expect(quote.lang == nil)
        #expect(quote.text?.contains("&amp;") == true, "Bluesky text is plain: entities are literal")
        // Empty text with only a link card: the card's title (its description is empty).
        #expect(items[4].text == "US bans sales to ZTE")
    }

    @Test("Author feed: a reasonRepost entry is a repost by the reposter at repost time")
    func repost() throws {
        let page = try feed()
        #expect(page.items.count == 5)
        #expect(page.nextCursor == "2018-04-16T21:15:02.000Z")
        let repost = page.items[1]
        #expect(repost.kind == .repost)
        #expect(repost.repostOf == "at://did:plc:ana7examplexyz/app.bsky.feed.post/3kzte3almost")
        #expect(repost.author?.handle == "newsdesk.example.com")
        #expect(repost.id == ItemID.make(platform: .bluesky, key: "at://did:plc:zte4newsdeskxyz/app.bsky.feed.repost/3kzte3rp01"))
        #expect(repost.publishedAt == SocialFixture.date("2018-05-14T09:45:00"))
        #expect(page.sortTimes[1] == SocialFixture.date("2018-05-14T09:45:00"))
        #expect(repost.inReplyTo == nil)
        #expect(repost.text?.hasPrefix("Almost there") == true)
        // The reposted post is a different item from the repost.
        let original = try search().items[0]
        #expect(original.id != repost.id)
    }

    @Test("A reply whose parent was deleted still names the parent")
    func replyToDeleted() throws {
        let item = try feed().items[2]
        #expect(item.kind == .reply)
        #expect(item.inReplyTo == "at://did:plc:gone0examplexyz/app.bsky.feed.post/3kzdeleted")
    }

    @Test("Sort times never run ahead of the AppView's index time")
    func sortTimes() throws {
        let page = try BlueskyDecoder.decode(Array("""
            {"posts": [{"uri": "at://did:plc:x/app.bsky.feed.post/1", "cid": "c", "author": {"did": "did:plc:x", "handle": "x.example"},
              "record": {"text": "from the future", "createdAt": "2030-01-01T00:00:00Z"}, "indexedAt": "2018-05-14T00:00:00Z"}]}
            """.utf8), context: SocialFixture.context())
        #expect(page.sortTimes == [SocialFixture.date("2018-05-14T00:00:00")])
        #expect(page.items[0].publishedAt == SocialFixture.date("2030-01-01T00:00:00"))
    }

    @Test("Web URLs are built only from post at-uris", arguments: [
        ("at://did:plc:abc/app.bsky.feed.post/3k2", "h.example", "https://bsky.app/profile/h.example/post/3k2"),
        ("at://did:plc:abc/app.bsky.feed.post/3k2", nil, "https://bsky.app/profile/did:plc:abc/post/3k2"),
        ("at://did:plc:abc/app.bsky.feed.like/3k2", "h.example", nil),
        ("https://bsky.app/profile/h/post/3k2", "h.example", nil),
    ] as [(String, String?, String?)])
    func webURL(uri: String, handle: String?, expected: String?) {
        #expect(BlueskyDecoder.webURL(uri: uri, handle: handle, did: nil) == expected)
    }

    @Test("Unexpected shapes fail with the path", arguments: [
        (#"{"feed": [{"post": {"uri": "at://a/app.bsky.feed.post/1", "author": {"handle": "a"}, "record": {"text": 5}}}]}"#,
         "parse: zte-test: unexpected type at feed[0].post.record.text (expected string, found number)"),
        (#"{"feed": [{"reason": {}}]}"#, "parse: zte-test: missing object at feed[0].post"),
        (#"{"posts": [{"uri": "at://a/app.bsky.feed.post/1"}]}"#, "parse: zte-test: missing object at posts[0].author"),
        (#"{"cursor": "x"}"#, "parse: zte-test: JSON object with keys [cursor] is no supported Bluesky shape"),
        (#"{"error": "InvalidRequest", "message": "Profile not found"}"#, "parse: zte-test: the Bluesky API answered with an error: InvalidRequest: Profile not found"),
        (#"{"thread": {"post": {"uri": "at://a/app.bsky.feed.post/1", "author": {}}, "replies": 5}}"#,
         "parse: zte-test: unexpected type at thread.replies (expected array, found number)"),
        (#"{"feed": {}}"#, "parse: zte-test: unexpected type at feed (expected array, found object)"),
        (#"[]"#, "parse: zte-test: empty JSON array is no supported Bluesky shape"),
    ])
    func unexpectedTypes(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) { try BlueskyDecoder.decode(Array(json.utf8), context: SocialFixture.context()) }
        #expect(error.message == message)
    }
}
