import ChorusModel
import ChorusParse
import Testing

/// JSON Feeds with members of the wrong type keep their items: the odd member is coerced when
/// its meaning is plain, dropped otherwise, and every case is a warning naming its path.
@Suite("JSON Feed leniency")
struct JSONFeedLeniencyTests {
    private let doc = """
        {"version": "https://jsonfeed.org/version/1.1", "title": 42, "home_page_url": "https://j.example/",
         "authors": [{"name": "Ann", "url": "https://j.example/ann", "avatar": "a.png", "_ext": {"x": 1}, "email": "ann@j.example"}],
         "items": [
          {"id": 1, "title": 2018, "content_text": "Numbers", "tags": "zte, trade", "author": {"name": "Bob", "twitter": "@bob"}},
          {"id": "2", "url": 5, "content_html": "<p>Two</p>", "tags": ["a", 3, {"x": 1}],
           "attachments": [{"url": "https://j.example/a.mp3", "size_in_bytes": "1234"}, 7]},
          "not an item",
          {"id": "4", "title": "Four", "author": "Carol", "date_published": "2020/1/10 14:33:00"}
         ]}
        """

    @Test func everyItemIsKeptWithItsOddMembersCoercedOrDropped() throws {
        let result = try Fixture.parse(doc)
        #expect(result.platform == .jsonfeed)
        #expect(result.items.map(\.nativeID) == ["1", "2", "4"])
        #expect(result.feed?.title == "42")
        let first = result.items[0]
        #expect(first.title == "2018")
        #expect(first.tags == ["zte", "trade"])
        #expect(first.author == Author(name: "Bob"))
        let second = result.items[1]
        #expect(second.url == nil)
        #expect(second.tags == ["a", "3"])
        #expect(second.author == Author(name: "Ann", url: "https://j.example/ann"))
        #expect(second.enclosures == [Enclosure(url: "https://j.example/a.mp3", type: nil, length: 1234)])
        #expect(result.items[2].author == Author(name: "Carol"))
        #expect(result.items[2].publishedAt.map(RFC3339.format) == "2020-01-10T14:33:00Z")
    }

    @Test func eachOddMemberIsAWarningNamingItsPath() throws {
        let result = try Fixture.parse(doc)
        #expect(result.recovered)
        let paths = result.warnings.map { String($0.prefix { $0 != ":" }) }
        #expect(paths == ["title", "items[0].title", "items[0].tags", "items[1].url", "items[1].tags[1]",
                          "items[1].tags[2]", "items[1].attachments[1]", "items[2]", "items[3].author"])
    }

    @Test func theRealJSONFeedsParseWithoutWarnings() throws {
        for name in ["feedjira__json_feed.json", "feedjira__json_feed_with_escaped_uris.json"] {
            let result = try RealWorld.parse(name)
            #expect(result.platform == .jsonfeed)
            #expect(!result.items.isEmpty)
            #expect(result.warnings.isEmpty, "\(name): \(result.warnings)")
        }
    }
}
