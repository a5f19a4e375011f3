import ChorusModel
import ChorusParse
import Testing

/// Real feeds whose structure Chorus misread: namespace URIs in the spellings publishers use,
/// a feed inside an XHTML page, module elements nested in other module elements.
@Suite("Real-world structure")
struct RealWorldStructureTests {
    @Test func rssInTheUserLandNamespaceIsRSS() throws {
        // xmlns="http://backend.userland.com/rss2", windows-1251.
        let result = try RealWorld.parse("node-feedparser__iconv.xml")
        #expect(result.platform == .rss)
        #expect(result.items.count == 10)
        #expect(result.items.first?.title == "В Бузулуке главные стройплощадки – детсад и Ледовый дворец")
        #expect(result.items.first?.url == "http://www.oren.ru/news/2743422/")
    }

    @Test func anAtomFeedInsideAnXHTMLPageIsRead() throws {
        let result = try RealWorld.parse("feedjira__DuplicateContentAtomFeed.xml")
        #expect(result.platform == .atom)
        #expect(result.items.count == 10)
        #expect(result.feed == FeedRef(title: "Avian’s Blog", url: "http://www.tablix.org/~avian/blog/"))
        #expect(result.items.first?.url == "http://www.tablix.org/~avian/blog/archives/2014/07/down_time/")
    }

    @Test func namespaceVariantsWithoutTrailingSlashOrInAnotherCaseAreKnown() throws {
        // dc and content without the trailing slash, the iTunes DTD as `DTDs/Podcast-1.0.dtd`.
        let result = try RealWorld.parse("rss-parser__itunes-missing-image.rss")
        let first = try #require(result.items.first)
        #expect(first.author?.name == "Taverncast")
        #expect(first.text?.hasPrefix("Taverncast tosses around the age old topic: time travel!") == true)
        let item = try Fixture.rssItem(
            "<title>t</title><IT:author>Pod Caster</IT:author><DC:date>2018-05-14T09:30:00Z</DC:date>",
            namespaces: #"xmlns:IT="HTTP://WWW.ITUNES.COM/DTDS/PODCAST-1.0.DTD" xmlns:DC="https://purl.org/dc/elements/1.1""#)
        #expect(item.author?.name == "Pod Caster")
        #expect(item.publishedAt.map(RFC3339.format) == "2018-05-14T09:30:00Z")
    }

    @Test func aDCIdentifierInsideMediaContentIsNotTheItemID() throws {
        // The second item has no guid; its media:content elements each hold a dc:identifier.
        let result = try RealWorld.parse("feedjira__HuffPostCanada.xml")
        #expect(result.items.count == 2)
        #expect(result.items[0].nativeID == "23246627")
        #expect(result.items[1].nativeID == nil)
        #expect(result.items[1].url == "http://www.huffingtonpost.ca/adrian-sutherland/the-once-in-a-lifetime-thrill-of-opening-for-tom-petty_a_23234370/")
    }

    @Test func moduleElementsNestedInOtherModuleElementsAreNotTheEntrys() throws {
        let item = try Fixture.rssItem("""
            <title>Own title</title>
            <media:content url="https://m.example/v.mp4"><dc:identifier>media-1</dc:identifier><media:title>Clip</media:title>
              <dc:creator>Camera Person</dc:creator><media:description>About the clip</media:description></media:content>
            <itunes:owner><itunes:author>Owner</itunes:author></itunes:owner>
            <media:group><media:content url="https://m.example/a.mp3"/><media:description>Group text</media:description></media:group>
            """, namespaces: #"xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd""#)
        #expect(item.nativeID == nil)
        #expect(item.author == nil)
        #expect(item.enclosures.map(\.url) == ["https://m.example/v.mp4", "https://m.example/a.mp3"])
        #expect(item.text == "Group text")
    }

    @Test func elementsAfterTheWrappedFeedAreNotTheFeeds() throws {
        let result = try Fixture.parse("""
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Page</title></head><body>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Inner</title><entry><title>E</title><id>tag:x,2018:1</id></entry></feed>
            <rss><channel><item><title>not this</title></item></channel></rss></body></html>
            """)
        #expect(result.feed?.title == "Inner")
        #expect(result.items.map(\.title) == ["E"])
    }

    @Test func relativeLinksKeepTheirPercentEscapes() throws {
        // <link>/en/games/.../10743874-neverwinter-%26-jingle-jam-humble-bundle%21</link>, the channel link relative too.
        let result = try RealWorld.parse("node-feedparser__rss-with-relative-urls.xml")
        #expect(result.items.first?.url == "/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21")
        let item = try Fixture.rssItem("<title>t</title><link>/a%26b%21c%25d?q=%2F</link>")
        #expect(item.url == "https://feed.example/a%26b%21c%25d?q=%2F")
    }

    @Test func aMediaContentsThumbnailIsStillTheEntrysMediaAndAnUnclosedContainerHidesNoEntry() throws {
        let media = try Fixture.rssItem(
            #"<title>t</title><media:content url="https://m.example/v.mov"><media:thumbnail url="https://m.example/k.jpg"/></media:content>"#,
            namespaces: #"xmlns:media="http://search.yahoo.com/mrss/""#)
        #expect(media.enclosures.map(\.url) == ["https://m.example/v.mov", "https://m.example/k.jpg"])
        // feedjira__ITunesWithSingleQuotedAttributes.xml leaves its outer itunes:category open.
        let result = try RealWorld.parse("feedjira__ITunesWithSingleQuotedAttributes.xml")
        #expect(result.items.map(\.title) == ["Shake Shake Shake Your Spices", "Socket Wrench Shootout", "Red, Whine, & Blue"])
    }
}
