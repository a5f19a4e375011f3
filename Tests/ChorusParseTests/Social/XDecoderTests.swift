import Testing
import ChorusModel
@testable import ChorusParse

@Suite("X posts to items")
struct XDecoderTests {
    static let root = "995680316458262533"

    func page() throws -> SocialPage {
        try XDecoder.decode(try SocialFixture.bytes("x/recent-zte.json"), context: SocialFixture.context("zte-x"))
    }

    @Test("Replies: string ids, joined author, URL, hashtags and public metrics")
    func reply() throws {
        let page = try page()
        #expect(page.items.count == 5)
        #expect(page.newestID == "996006405622538240")
        #expect(page.nextCursor == nil)
        let reply = page.items[0]
        #expect(reply.nativeID == "996006405622538240")
        #expect(reply.id == ItemID.make(platform: .x, key: "996006405622538240"))
        #expect(reply.kind == .reply)
        #expect(reply.inReplyTo == Self.root)
        #expect(reply.url == "https://x.com/ana_r/status/996006405622538240")
        #expect(reply.author == Author(name: "Ana R.", handle: "ana_r", url: "https://x.com/ana_r"))
        #expect(reply.tags == ["ZTE"])
        #expect(reply.metrics == Metrics(likes: 2, reposts: 0, replies: 0, quotes: 0))
        #expect(reply.publishedAt == SocialFixture.date("2018-05-14T11:05:00"))
    }

    @Test("Quotes, retweets and long posts are marked and read")
    func referencedTweets() throws {
        let items = try page().items
        #expect(items[1].kind == .post)
        #expect(items[1].quoteOf == Self.root)
        #expect(items[1].lang == "zh")
        #expect(items[1].author?.name == "张伟")
        #expect(items[2].kind == .repost)
        #expect(items[2].repostOf == Self.root)
        #expect(items[3].text?.hasSuffix("Commerce Department has been instructed to get it done!") == true)
        #expect(items[3].metrics?.likes == 88_000)
    }

    @Test("An author missing from includes leaves the author null; 'und' language is null")
    func unknownAuthor() throws {
        let item = try page().items[4]
        #expect(item.author == nil)
        #expect(item.url == "https://x.com/i/status/995680000000000000")
        #expect(item.lang == nil)
    }

    @Test("Numeric ids larger than 2^53 keep every digit")
    func hugeNumericIDs() throws {
        let json = #"{"data": [{"id": 1900511234567890123, "text": "x", "author_id": 1401}], "includes": {"users": [{"id": 1401, "username": "a"}]}}"#
        let item = try XDecoder.decode(Array(json.utf8), context: SocialFixture.context()).items[0]
        #expect(item.nativeID == "1900511234567890123")
        #expect(item.author?.handle == "a")
    }

    @Test("An empty result has no items; an error-only body names the error")
    func emptyAndErrors() throws {
        let empty = try XDecoder.decode(try SocialFixture.bytes("x/empty.json"), context: SocialFixture.context())
        #expect(empty.items.isEmpty)
        let json = #"{"errors": [{"message": "Invalid 'query': unbalanced parentheses", "title": "Invalid Request"}]}"#
        let error = try #require(throws: ParseError.self) { try XDecoder.decode(Array(json.utf8), context: SocialFixture.context()) }
        #expect(error.message == "parse: zte-test: the X API answered with an error: Invalid 'query': unbalanced parentheses")
    }

    @Test("Unexpected shapes fail with the path", arguments: [
        (#"{"data": [{"id": "1", "text": 5}]}"#, "parse: zte-test: unexpected type at data[0].text (expected string, found number)"),
        (#"{"data": [{"text": "x"}]}"#, "parse: zte-test: missing string at data[0].id"),
        (#"{"data": {"id": "1"}}"#, "parse: zte-test: JSON object with keys [data] is no supported X shape"),
        (#"{"data": 7}"#, "parse: zte-test: unexpected type at data (expected array, found number)"),
        (#"{"includes": {}}"#, "parse: zte-test: JSON object with keys [includes] is no supported X shape"),
        (#"{"data": [{"id": "1", "public_metrics": {"like_count": "lots"}}]}"#,
         "parse: zte-test: unexpected type at data[0].public_metrics.like_count (expected integer, found string)"),
    ])
    func unexpectedTypes(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) { try XDecoder.decode(Array(json.utf8), context: SocialFixture.context()) }
        #expect(error.message == message)
    }
}
