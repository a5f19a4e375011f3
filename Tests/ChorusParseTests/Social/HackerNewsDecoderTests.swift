import Testing
import ChorusModel
@testable import ChorusParse

@Suite("Hacker News hits to items")
struct HackerNewsDecoderTests {
    func page() throws -> SocialPage {
        try HackerNewsDecoder.decode(try SocialFixture.bytes("hackernews/search-zte.json"), context: SocialFixture.context("zte-hn"))
    }

    @Test("Comments are replies with plain text, the story as their feed; deleted hits are skipped")
    func comments() throws {
        let page = try page()
        #expect(page.items.count == 4)
        #expect(page.warnings == ["skipped deleted item 17063050"])
        #expect(page.pageCount == 1)
        let comment = page.items[0]
        #expect(comment.id == ItemID.make(platform: .hackernews, key: "17065490"))
        #expect(comment.kind == .reply)
        #expect(comment.inReplyTo == "17063110")
        #expect(comment.url == "https://news.ycombinator.com/item?id=17065490")
        #expect(comment.title == nil)
        #expect(comment.text?.hasPrefix("Almost there") == true)
        #expect(comment.feed == FeedRef(title: "Trump vows to help ZTE get back into business", url: "https://news.ycombinator.com/item?id=17063005"))
        #expect(comment.author == Author(handle: "pat", url: "https://news.ycombinator.com/user?id=pat"))
        #expect(comment.publishedAt == SocialFixture.date("2018-05-14T09:41:00"))
        #expect(comment.metrics == nil)
        #expect(page.items[1].text?.contains("好消息") == true)
    }

    @Test("Stories carry their title, points and comment count")
    func stories() throws {
        let items = try page().items
        let story = items[2]
        #expect(story.kind == .post)
        #expect(story.title == "Trump vows to help ZTE get back into business")
        #expect(story.text == nil)
        #expect(story.metrics == Metrics(replies: 389, score: 412))
        let ask = items[3]
        #expect(ask.text?.hasPrefix("Wow! Breaking good news!") == true)
    }

    @Test("Numeric object ids are kept as their literal text")
    func numericObjectID() throws {
        let json = #"{"hits": [{"objectID": 17065490, "author": "pat", "title": "t", "_tags": ["story"], "created_at_i": 1526290860}], "nbPages": 1}"#
        let page = try HackerNewsDecoder.decode(Array(json.utf8), context: SocialFixture.context())
        #expect(page.items[0].nativeID == "17065490")
    }

    @Test("Unexpected shapes fail with the path", arguments: [
        (#"{"hits": [{"objectID": "1", "author": "a", "points": "many", "_tags": ["story"]}]}"#,
         "parse: zte-test: unexpected type at hits[0].points (expected integer, found string)"),
        (#"{"hits": [{"author": "a"}]}"#, "parse: zte-test: missing string at hits[0].objectID"),
        (#"{"message": "Invalid API key", "status": 403}"#, "parse: zte-test: the Hacker News search API answered with an error: 403 Invalid API key"),
        (#"{"hits": {}}"#, "parse: zte-test: unexpected type at hits (expected array, found object)"),
        (#"{"nbHits": 0}"#, "parse: zte-test: JSON object with keys [nbHits] is no supported Hacker News shape"),
        (#"{"hits": [{"objectID": "1", "author": "a", "comment_text": ["x"], "_tags": ["comment"]}]}"#,
         "parse: zte-test: unexpected type at hits[0].comment_text (expected string, found array)"),
    ])
    func unexpectedTypes(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) { try HackerNewsDecoder.decode(Array(json.utf8), context: SocialFixture.context()) }
        #expect(error.message == message)
    }
}
