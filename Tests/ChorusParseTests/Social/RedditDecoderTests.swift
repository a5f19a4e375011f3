import Testing
import Foundation
import ChorusModel
@testable import ChorusParse

@Suite("Reddit listings to items")
struct RedditDecoderTests {
    func page() throws -> SocialPage {
        try RedditDecoder.decode(try SocialFixture.bytes("reddit/new-technology.json"), context: SocialFixture.context("zte-reddit"))
    }

    @Test("Link posts: fullname identity, permalink URL, flair, score and comments")
    func linkPost() throws {
        let page = try page()
        #expect(page.items.count == 5)
        #expect(page.nextCursor == "t3_8cdz01")
        let link = page.items[0]
        #expect(link.id == ItemID.make(platform: .reddit, key: "t3_8jk2zq"))
        #expect(link.nativeID == "t3_8jk2zq")
        #expect(link.kind == .post)
        #expect(link.url?.hasPrefix("https://www.reddit.com/r/technology/comments/8jk2zq/") == true)
        #expect(link.title == "Almost there: ZTE deal said to include $1bn fine")
        #expect(link.text == nil)
        #expect(link.author == Author(handle: "u/trade_watcher", url: "https://www.reddit.com/user/trade_watcher"))
        #expect(link.metrics == Metrics(replies: 12, score: 57))
        #expect(link.tags == ["Business"])
        #expect(link.feed == FeedRef(title: "r/technology", url: "https://www.reddit.com/r/technology"))
        #expect(link.publishedAt == SocialFixture.date("2018-05-14T09:50:00"))
    }

    @Test("Self posts keep their Markdown text and edit time")
    func selfPost() throws {
        let post = try page().items[1]
        #expect(post.text?.hasPrefix("Trump says he wants ZTE \"back into business, fast\".") == true)
        #expect(post.updatedAt == SocialFixture.date("2018-05-14T02:30:00"))
    }

    @Test("Removed posts have no author and no text but keep their title")
    func deleted() throws {
        let post = try page().items[2]
        #expect(post.author == nil)
        #expect(post.text == nil)
        #expect(post.title == "[deleted by user]")
    }

    @Test("Chinese titles and missing optional fields")
    func chinese() throws {
        let post = try page().items[3]
        #expect(post.title == "中兴禁令：一个中国用户的看法 🇨🇳")
        #expect(post.updatedAt == nil)
        #expect(post.tags.isEmpty)
    }

    @Test("Comments are replies to their parent; unknown kinds are skipped with a warning")
    func commentsAndOtherKinds() throws {
        let json = #"{"kind": "Listing", "data": {"after": null, "children": [{"kind": "t1", "data": {"name": "t1_abc", "body": "Back into business, fast!", "parent_id": "t3_8jk2zq", "author": "x", "created_utc": 1526290200, "permalink": "/r/t/comments/8jk2zq/_/abc/"}}, {"kind": "more", "data": {}}]}}"#
        let page = try RedditDecoder.decode(Array(json.utf8), context: SocialFixture.context())
        #expect(page.items.count == 1)
        #expect(page.nextCursor == nil)
        #expect(page.items[0].kind == .reply)
        #expect(page.items[0].inReplyTo == "t3_8jk2zq")
        #expect(page.items[0].text == "Back into business, fast!")
        #expect(page.warnings == ["skipped a listing entry of kind more at data.children[1]"])
    }

    @Test("Unexpected shapes fail with the path", arguments: [
        (#"{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_x", "score": "high"}}]}}"#,
         "parse: zte-test: unexpected type at data.children[0].data.score (expected integer, found string)"),
        (#"{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"title": "no name"}}]}}"#,
         "parse: zte-test: missing string at data.children[0].data.name"),
        (#"{"kind": "Listing"}"#, "parse: zte-test: missing object at data"),
        (#"{"message": "Forbidden", "error": 403}"#, "parse: zte-test: the Reddit API answered with an error: 403 Forbidden"),
        (#"{"subreddits": []}"#, "parse: zte-test: JSON object with keys [subreddits] is no supported Reddit shape"),
        (#"[1, 2]"#, "parse: zte-test: JSON array of numbers is no supported Reddit shape"),
        (#"{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"name": "t3_x", "created_utc": "yesterday"}}]}}"#,
         "parse: zte-test: unexpected type at data.children[0].data.created_utc (expected number, found string)"),
    ])
    func unexpectedTypes(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) { try RedditDecoder.decode(Array(json.utf8), context: SocialFixture.context()) }
        #expect(error.message == message)
    }
}
