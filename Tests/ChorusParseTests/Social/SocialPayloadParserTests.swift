import Testing
import ChorusModel
@testable import ChorusParse

@Suite("Social payload parser")
struct SocialPayloadParserTests {
    @Test("Each platform's sample decodes through the one entry point", arguments: [
        (Platform.mastodon, "mastodon/tag-zte.json", 8),
        (.bluesky, "bluesky/search-zte.json", 5),
        (.bluesky, "bluesky/author-feed.json", 5),
        (.reddit, "reddit/new-technology.json", 5),
        (.hackernews, "hackernews/search-zte.json", 4),
        (.x, "x/recent-zte.json", 5),
    ])
    func dispatch(platform: Platform, file: String, count: Int) throws {
        let result = try SocialPayloadParser.parse(try SocialFixture.bytes(file), platform: platform, context: SocialFixture.context())
        #expect(result.platform == platform)
        #expect(result.items.count == count)
        #expect(result.items.allSatisfy { $0.platform == platform && $0.source == "zte-test" && $0.publishedAt != nil })
    }

    @Test("Generic JSON finds the items array at the top level or under items/data")
    func genericDefaults() throws {
        for json in [#"[{"id": "1", "text": "Almost there"}]"#, #"{"items": [{"id": "1", "text": "Almost there"}]}"#, #"{"data": [{"id": 1, "text": "Almost there"}]}"#] {
            let result = try SocialPayloadParser.parse(Array(json.utf8), platform: .json, context: SocialFixture.context())
            #expect(result.items.map(\.text) == ["Almost there"])
            #expect(result.items.map(\.nativeID) == ["1"])
        }
    }

    @Test("Generic JSON finds a nested array of objects, such as a Weibo export's data.list")
    func genericNested() throws {
        let result = try SocialPayloadParser.parse(try SocialFixture.bytes("json/weibo-export.json"), platform: .json, context: SocialFixture.context())
        #expect(result.items.map(\.nativeID) == ["4240000000000001", "4240000000000002"])
        #expect(SocialPayloadParser.firstArrayPath(try JSONReader.parse(Array(#"{"meta": {"tags": ["x"]}, "a": {"b": {"c": [{"id": 1}]}}}"#.utf8)).root) == "a.b.c")
    }

    @Test("Feed formats are refused with a clear message")
    func feedFormats() throws {
        let error = try #require(throws: ParseError.self) {
            try SocialPayloadParser.parse(Array("[]".utf8), platform: .rss, context: SocialFixture.context())
        }
        #expect(error.message == "parse: zte-test: rss is a feed format, not a social API payload")
    }

    @Test("Malformed JSON is an error naming the source for every platform", arguments: [Platform.mastodon, .bluesky, .reddit, .hackernews, .x, .json])
    func malformed(platform: Platform) throws {
        let error = try #require(throws: ParseError.self) {
            try SocialPayloadParser.parse(Array("{\"truncated\": [".utf8), platform: platform, context: SocialFixture.context("zte-src"))
        }
        #expect(error.message.hasPrefix("parse: zte-src: malformed JSON at line 1, column 16: "))
    }

    @Test("Fast RFC 3339 dates agree with the calendar", arguments: [
        ("2018-05-14T09:30:00Z", "2018-05-14T09:30:00", 0.0),
        ("2018-05-14T09:30:00.250Z", "2018-05-14T09:30:00", 0.25),
        ("2018-05-14T17:30:00+08:00", "2018-05-14T09:30:00", 0.0),
        ("2018-05-14T04:30:00-05:00", "2018-05-14T09:30:00", 0.0),
        ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00", 0.0),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59", 0.0),
    ])
    func fastDates(text: String, utc: String, fraction: Double) throws {
        let date = try #require(SocialDecoding.fastRFC3339(text))
        #expect(abs(date.timeIntervalSince(SocialFixture.date(utc)) - fraction) < 0.000_001)
    }

    @Test("Unusual date forms are left to the date parser", arguments: ["2018-05-14", "Mon, 14 May 2018 09:30:00 GMT", "2018-05-14T09:30:00", "2018-13-14T09:30:00Z", "yesterday"])
    func slowDates(text: String) {
        #expect(SocialDecoding.fastRFC3339(text) == nil)
    }
}
