import Testing
import ChorusModel
@testable import ChorusParse

@Suite("Mastodon statuses to items")
struct MastodonDecoderTests {
    func items() throws -> [Item] {
        try MastodonDecoder.decode(try SocialFixture.bytes("mastodon/tag-zte.json"), context: SocialFixture.context()).items
    }

    @Test("Every status becomes one item, ids from the federation uri")
    func identity() throws {
        let items = try items()
        #expect(items.count == 8)
        let first = items[0]
        #expect(first.nativeID == "100026959265792003")
        #expect(first.id == ItemID.make(platform: .mastodon, key: "https://other.example/users/ana/statuses/100026959265792003"))
        #expect(first.platform == .mastodon)
        #expect(first.source == "zte-test")
        #expect(first.fetchedAt == SocialFixture.context().fetchedAt)
        #expect(Set(items.map(\.id)).count == items.count)
    }

    @Test("A reply keeps its parent id, edit time, counts and an author handle with host")
    func reply() throws {
        let reply = try items()[0]
        #expect(reply.kind == .reply)
        #expect(reply.inReplyTo == "100023537500160001")
        #expect(reply.publishedAt == SocialFixture.date("2018-05-14T09:31:12"))
        #expect(reply.updatedAt == SocialFixture.date("2018-05-14T09:33:40"))
        #expect(reply.metrics == Metrics(likes: 9, reposts: 2, replies: 1, quotes: 0))
        #expect(reply.author == Author(name: "Ana R.", handle: "ana@other.example", url: "https://other.example/@ana"))
        #expect(reply.tags == ["zte"])
        #expect(reply.lang == "en")
        let text = try #require(reply.text)
        #expect(text.hasPrefix("Almost there"))
        #expect(text.contains("🚀"))
        #expect(!text.contains("<"))
    }

    @Test("Chinese text, language and media attachments survive")
    func chineseWithMedia() throws {
        let item = try items()[1]
        #expect(item.kind == .post)
        #expect(item.lang == "zh")
        #expect(item.text?.contains("中兴通讯的禁令可能很快解除。好消息！") == true)
        #expect(item.enclosures == [Enclosure(url: "https://files.mastodon.example.cn/media/zte-hq.jpg", type: "image/*")])
        #expect(item.author?.name == "李伟 🇨🇳")
    }

    @Test("Spoiler text becomes the content warning; a null url falls back to the uri; quotes are linked")
    func contentWarningAndQuote() throws {
        let item = try items()[2]
        #expect(item.contentWarning == "US politics, trade war")
        #expect(item.lang == nil)
        #expect(item.url == "https://fosstodon.example/users/sam/statuses/100024398839808002")
        #expect(item.quoteOf == "100023537500160001")
    }

    @Test("A boost is a repost by the booster with the boosted text")
    func boost() throws {
        let items = try items()
        let boost = items[3]
        #expect(boost.kind == .repost)
        // One id space: the boosted status's id, which is the native_id of that status's own item.
        #expect(boost.repostOf == "100023537500160001")
        // The boost's own url is its ActivityPub activity; a reader opens the boosted status's page.
        #expect(boost.url == "https://social.example/@technews/100023537500160001")
        #expect(items[4].nativeID == boost.repostOf)
        #expect(boost.author?.handle == "kit@social.example")
        #expect(boost.text?.contains("Wow! Breaking good news!") == true)
        #expect(boost.text?.contains("back into business, fast") == true)
        #expect(boost.publishedAt == SocialFixture.date("2018-05-13T19:05:30"))
        // The boosted status itself, with an empty display name and a local handle.
        let original = items[4]
        #expect(original.kind == .post)
        #expect(original.author == Author(handle: "technews@social.example", url: "https://social.example/@technews"))
        #expect(original.metrics?.reposts == 120)
    }

    @Test("Missing optional fields are null rather than errors")
    func missingOptionalFields() throws {
        let last = try items()[7]
        #expect(last.lang == nil)
        #expect(last.updatedAt == nil)
        #expect(last.metrics?.quotes == nil)
        #expect(last.metrics?.likes == 0)
    }

    @Test("A v2 search result is read from its statuses member")
    func searchResult() throws {
        let page = try MastodonDecoder.decode(try SocialFixture.bytes("mastodon/search-zte.json"), context: SocialFixture.context())
        #expect(page.items.count == 2)
        #expect(page.sortTimes.count == 2)
    }

    @Test("Unexpected types fail with the path of the value", arguments: [
        (#"[{"id": 5, "uri": "u"}]"#, "parse: zte-test: unexpected type at [0].id (expected string, found number)"),
        (#"[{"id": "5"}]"#, "parse: zte-test: missing string at [0].uri"),
        (#"[{"id": "5", "uri": "u", "account": "ana"}]"#, "parse: zte-test: unexpected type at [0].account (expected object, found string)"),
        (#"[{"id": "5", "uri": "u", "favourites_count": "9"}]"#, "parse: zte-test: unexpected type at [0].favourites_count (expected integer, found string)"),
        (#"[{"id": "5", "uri": "u", "tags": [{"name": 1}]}]"#, "parse: zte-test: unexpected type at [0].tags[0].name (expected string, found number)"),
        (#"{"error": "This action is outside the authorized scopes"}"#, "parse: zte-test: the Mastodon API answered with an error: This action is outside the authorized scopes"),
        (#"{"ancestors": [], "descendants": {}}"#, "parse: zte-test: unexpected type at descendants (expected array, found object)"),
        (#"[{"type": "mention", "account": {}, "status": {"id": "5"}}]"#, "parse: zte-test: missing string at [0].status.uri"),
        (#"[{"content": "<p>edit</p>", "created_at": "2018-05-14T00:00:00Z"}]"#,
         "parse: zte-test: JSON array of 1 object with keys [content, created_at] is no supported Mastodon shape"),
        (#"{"name": "zte"}"#, "parse: zte-test: JSON object with keys [name] is no supported Mastodon shape"),
        (#"[{"id": "1", "username": "ana", "acct": "ana"}]"#,
         "parse: zte-test: JSON array of 1 object with keys [acct, id, username] is no supported Mastodon shape"),
        (#"[{"id": "1", "uri": "u"}, 7]"#, "parse: zte-test: unexpected type at [1] (expected object, found number)"),
    ])
    func unexpectedTypes(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) {
            try MastodonDecoder.decode(Array(json.utf8), context: SocialFixture.context())
        }
        #expect(error.message == message)
    }

    @Test("Malformed JSON names the source and the position")
    func malformed() throws {
        let error = try #require(throws: ParseError.self) {
            try MastodonDecoder.decode(Array("[{\"id\": \"1\",".utf8), context: SocialFixture.context())
        }
        #expect(error.message.hasPrefix("parse: zte-test: malformed JSON at line 1, column 13: "))
    }
}
