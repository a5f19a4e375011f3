import ChorusModel
import ChorusParse
import Foundation
import Testing

/// Permalinks are absolute and ids follow the documented recipe (docs/schema.md).
@Suite("Links and ids")
struct LinkAndIDTests {
    @Test("Relative RSS links resolve against the document URL, else the channel link", arguments: [
        ("https://site.example/feeds/rss.xml", "https://site.example/feeds/story/1"),
        (nil, "https://feed.example/story/1"),
    ])
    func relativeLinks(base: String?, expected: String) throws {
        let xml = "<rss><channel><link>https://feed.example/</link><item><link>story/1</link><title>x</title></item></channel></rss>"
        #expect(try Fixture.parse(xml, baseURL: base).items.first?.url == expected)
    }

    @Test("A permalink guid is the url when there is no link; a non-permalink guid is not")
    func guidAsLink() throws {
        let a = try Fixture.rssItem("<guid>https://x.example/p/1</guid>")
        #expect(a.url == "https://x.example/p/1")
        let b = try Fixture.rssItem(#"<guid isPermaLink="false">https://x.example/p/2</guid>"#)
        #expect(b.url == nil)
        #expect(b.nativeID == "https://x.example/p/2")
    }

    @Test("Ids follow the recipe: native id (scoped by the feed when bare), else url, else title and date")
    func idRecipe() throws {
        let withGuid = try Fixture.rssItem(#"<guid isPermaLink="false">42</guid><link>https://x.example/42</link>"#)
        #expect(withGuid.id == ItemID.make(platform: .rss, key: "42", scope: "https://feed.example/"))
        let withURL = try Fixture.rssItem("<link>https://x.example/43</link><title>t</title>")
        #expect(withURL.id == ItemID.forFeedEntry(platform: .rss, nativeID: nil, url: "https://x.example/43", title: "t", published: nil, feedScope: nil))
        let bare = try Fixture.rssItem("<title>only a title</title><pubDate>Mon, 14 May 2018 09:30:00 GMT</pubDate>")
        #expect(bare.id == ItemID.forFeedEntry(platform: .rss, nativeID: nil, url: nil, title: "only a title",
                                               published: DateParser.parse("2018-05-14T09:30:00Z"), feedScope: "https://feed.example/"))
    }

    @Test("The same article read as RSS and as Atom gets the same id")
    func crossFormatID() throws {
        let rss = try Fixture.rssItem("<guid>tag:x.example,2018:1</guid>")
        let atom = try Fixture.parse(#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:x.example,2018:1</id></entry></feed>"#)
        #expect(rss.id == atom.items.first?.id)
    }

    @Test("fetched_at comes from the context and a missing date stays null")
    func noNow() throws {
        let item = try Fixture.rssItem("<title>undated</title>")
        #expect(item.fetchedAt == Fixture.fetchedAt)
        #expect(item.publishedAt == nil)
        #expect(item.updatedAt == nil)
    }

    @Test("An unparseable date is null and counted")
    func unparsedCounted() throws {
        let result = try Fixture.parse("<rss><channel><item><title>a</title><pubDate>next Tuesday</pubDate></item><item><title>b</title><pubDate>Mon, 14 May 2018 09:30:00 GMT</pubDate></item></channel></rss>")
        #expect(result.items.map(\.publishedAt).map { $0 == nil } == [true, false])
        #expect(result.unparsedDates == 1)
    }
}
