import Testing
import ChorusModel
@testable import ChorusParse

@Suite("Generic JSON through a mapping")
struct JSONMappingDecoderTests {
    static let weibo = JSONMapping(
        itemsPath: "data.list", id: "idstr", url: nil, title: nil, text: "text", textIsHTML: true,
        authorHandle: "user.screen_name", authorName: "user.name", publishedAt: "created_at", lang: nil, tags: "topics",
        likes: "attitudes_count", reposts: "reposts_count", replies: "comments_count")

    @Test("A Weibo-style export maps onto items; entries without an id are skipped")
    func weiboExport() throws {
        let page = try JSONMappingDecoder.decode(try SocialFixture.bytes("json/weibo-export.json"), mapping: Self.weibo, context: SocialFixture.context("weibo"))
        #expect(page.items.count == 2)
        #expect(page.warnings == ["skipped an entry without idstr at data.list[2]"])
        let first = page.items[0]
        #expect(first.id == ItemID.make(platform: .json, key: "4240000000000001", scope: "weibo"))
        #expect(first.platform == .json)
        #expect(first.text?.hasPrefix("中兴禁令或将解除，好消息！") == true)
        #expect(first.text?.contains("<a") == false)
        #expect(first.author == Author(name: "科技观察", handle: "科技观察"))
        #expect(first.publishedAt == SocialFixture.date("2018-05-14T00:00:00"))
        #expect(first.tags == ["中兴", "ZTE"])
        #expect(first.metrics == Metrics(likes: 900, reposts: 120, replies: 45))
        let second = page.items[1]
        #expect(second.publishedAt == SocialFixture.date("2018-05-14T00:00:00"))
        #expect(second.tags == ["ZTE"])
        #expect(second.author == Author(handle: "trade_cn"))
    }

    @Test("Numeric ids, array indexes and millisecond epochs")
    func pathsAndNumbers() throws {
        let json = #"[{"mid": 4240000000000001, "media": [{"url": "https://img.example/1.jpg"}], "ts": 1526256000000}]"#
        let mapping = JSONMapping(id: "mid", url: "media.0.url", publishedAt: "ts")
        let item = try JSONMappingDecoder.decode(Array(json.utf8), mapping: mapping, context: SocialFixture.context()).items[0]
        #expect(item.nativeID == "4240000000000001")
        #expect(item.url == "https://img.example/1.jpg")
        #expect(item.publishedAt == SocialFixture.date("2018-05-14T00:00:00"))
    }

    @Test("Wrong types and a missing array fail with the path", arguments: [
        (#"{"data": {"list": {}}}"#, "parse: zte-test: unexpected type at data.list (expected array, found object)"),
        (#"{"data": {}}"#, "parse: zte-test: missing array at data.list"),
        (#"{"data": {"list": [{"idstr": "1", "text": ["a"]}]}}"#, "parse: zte-test: unexpected type at data.list[0].text (expected string, found array)"),
        (#"{"data": {"list": [{"idstr": "1", "topics": [1]}]}}"#, "parse: zte-test: unexpected type at data.list[0].topics[0] (expected string, found number)"),
        (#"{"data": {"list": [{"idstr": "1", "user": "x"}]}}"#, "parse: zte-test: unexpected type at data.list[0].user (expected object, found string)"),
        (#"{"data": {"list": [{"idstr": true}]}}"#, "parse: zte-test: unexpected type at data.list[0].idstr (expected string or number, found boolean)"),
        (#"{"data": {"list": [{"idstr": "1", "created_at": {}}]}}"#, "parse: zte-test: unexpected type at data.list[0].created_at (expected date text or epoch number, found object)"),
    ])
    func unexpectedTypes(json: String, message: String) throws {
        let error = try #require(throws: ParseError.self) {
            try JSONMappingDecoder.decode(Array(json.utf8), mapping: Self.weibo, context: SocialFixture.context())
        }
        #expect(error.message == message)
    }
}
