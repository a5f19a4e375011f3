import ChorusModel
import ChorusParse
import Foundation
import Testing

/// The second round of `scripts/conformance` findings (issue #11): entries written as `item`
/// in an Atom feed, the podcast and Media RSS keyword lists as tags, `itunes:subtitle` as the
/// last body, and a declaration that never ends read as text. Each with a document written
/// here and a hostile variant.
@Suite("Peer conformance follow-up")
struct PeerConformanceFollowUpTests {
    private static let itunes = #"xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd""#
    private static let media = #"xmlns:media="http://search.yahoo.com/mrss/""#

    // MARK: An `item` in an Atom feed

    @Test func anItemRightUnderAnAtomFeedIsAnEntry() throws {
        let result = try Fixture.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Mixed</title>
            <item><id>tag:m,1</id><title>Written as an item</title><link href="https://m.example/1"/></item>
            <entry><id>tag:m,2</id><title>Written as an entry</title></entry>
            </feed>
            """)
        #expect(result.platform == .atom)
        #expect(result.items.map(\.nativeID) == ["tag:m,1", "tag:m,2"])
        #expect(result.items.first?.url == "https://m.example/1")
        #expect(result.items.first?.title == "Written as an item")
    }

    @Test func anItemDeeperInAnAtomFeedOrInAnotherNamespaceIsNot() throws {
        // Inside an entry (an extension's own `item`), inside a feed-level element, or in a
        // foreign namespace: none of them is an entry.
        let result = try Fixture.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="http://x.example/ns"><title>F</title>
            <x:item><id>tag:no,1</id></x:item>
            <author><item><id>tag:no,2</id></item></author>
            <entry><id>tag:yes,1</id><x:list><item>not an entry</item></x:list></entry>
            </feed>
            """)
        #expect(result.items.map(\.nativeID) == ["tag:yes,1"])
    }

    // MARK: iTunes categories

    @Test func itunesCategoriesOfAnItemAreTags() throws {
        let item = try Fixture.rssItem("""
            <title>Episode</title><category>Interviews</category>
            <itunes:category text="Technology"><itunes:category text="Gadgets"/></itunes:category>
            <itunes:category text="Business"></itunes:category>
            """, namespaces: Self.itunes)
        #expect(item.tags == ["Interviews", "Technology", "Gadgets", "Business"])
    }

    @Test func itunesCategoryOddities() throws {
        // No or a blank `text`, a repeated one, text content instead of the attribute (not
        // Apple's form: ignored), and the channel's own categories (not the item's).
        let item = try Fixture.rssItem("""
            <title>Episode</title>
            <itunes:category/><itunes:category text="  "/><itunes:category>Content</itunes:category>
            <itunes:category text=" News &amp; Politics "><itunes:category text="News &amp; Politics"/></itunes:category>
            """, channel: #"<itunes:category text="Channel only"/>"#, namespaces: Self.itunes)
        #expect(item.tags == ["News & Politics"])
    }

    // MARK: Keyword lists

    @Test func keywordListsAreSplitIntoTags() throws {
        let item = try Fixture.rssItem("""
            <title>Episode</title><itunes:keywords>chips, trade ,export</itunes:keywords>
            <media:group><media:keywords>trade, Shenzhen</media:keywords></media:group><tags>tag one, tag two</tags>
            <category>category one</category>
            """, namespaces: "\(Self.itunes) \(Self.media)")
        #expect(item.tags == ["chips", "trade", "export", "Shenzhen", "tag one", "tag two", "category one"])
    }

    @Test func hostileKeywordListsStayBounded() throws {
        // Empty pieces, only commas, markup inside, and far more keywords than an item keeps.
        let many = (0..<5_000).map { "k\($0)" }.joined(separator: ",")
        let item = try Fixture.rssItem("""
            <itunes:keywords>,, , ,</itunes:keywords><tags><b>bold</b>, &lt;i&gt;</tags>
            <media:keywords>\(many)</media:keywords>
            """, namespaces: "\(Self.itunes) \(Self.media)")
        #expect(item.tags.count == ItemLimits.tags)
        #expect(Array(item.tags.prefix(3)) == ["bold", "<i>", "k0"])
        #expect(!item.tags.contains(""))
    }

    @Test func keywordListsOutsideTheItemAreNotTags() throws {
        // The channel's keywords, and keywords describing one medium inside media:content.
        let item = try Fixture.rssItem("""
            <title>t</title>
            <media:content url="https://m.example/a.mp3"><media:keywords>medium</media:keywords></media:content>
            """, channel: "<itunes:keywords>channel</itunes:keywords><tags>channel tags</tags>",
            namespaces: "\(Self.itunes) \(Self.media)")
        #expect(item.tags == [])
        #expect(item.enclosures.map(\.url) == ["https://m.example/a.mp3"])
    }

    // MARK: itunes:subtitle

    @Test func itunesSubtitleIsTheLastFallbackBody() throws {
        let only = try Fixture.rssItem("<title>t</title><itunes:subtitle>A short one</itunes:subtitle>", namespaces: Self.itunes)
        #expect(only.text == "A short one")
        let both = try Fixture.rssItem("""
            <itunes:subtitle>Short</itunes:subtitle><itunes:summary>The long summary</itunes:summary>
            """, namespaces: Self.itunes)
        #expect(both.text == "The long summary")
        let described = try Fixture.rssItem("<description>Described</description><itunes:subtitle>Short</itunes:subtitle>",
                                            namespaces: Self.itunes)
        #expect(described.text == "Described")
    }

    @Test func hostileItunesSubtitle() throws {
        // Blank, and repeated (the first wins); the channel's subtitle is not an item body.
        let blank = try Fixture.rssItem("<title>t</title><itunes:subtitle>  </itunes:subtitle>",
                                        channel: "<itunes:subtitle>Channel</itunes:subtitle>", namespaces: Self.itunes)
        #expect(blank.text == nil)
        let twice = try Fixture.rssItem("<itunes:subtitle>First</itunes:subtitle><itunes:subtitle>Second</itunes:subtitle>",
                                        namespaces: Self.itunes)
        #expect(twice.text == "First")
    }

    // MARK: A declaration that never ends

    @Test func anUnterminatedDoctypeIsText() throws {
        let item = try Fixture.rssItem("<description><![CDATA[ <!DOCTYPE ]]></description>")
        #expect(item.text == "<!DOCTYPE")
        #expect(HTMLText.plainText("<p>Start a page with</p> <!DOCTYPE html") == "Start a page with\n<!DOCTYPE html")
        #expect(HTMLText.plainText("x &amp; y<!doctype") == "x & y<!doctype")
    }

    @Test func closedDeclarationsAndCommentsAreStillMarkup() throws {
        #expect(HTMLText.plainText("<!DOCTYPE html><p>Body</p>") == "Body")
        #expect(HTMLText.plainText("a <!DOCTYPE x> b <!") == "a b <!")
        // An unclosed comment hides the rest (as in HTML), an unterminated CDATA-like opener too.
        #expect(HTMLText.plainText("a <!-- never closed") == "a")
        #expect(HTMLText.plainText("<!") == "<!")
        #expect(HTMLText.plainText("<!DOCTYPE") == "<!DOCTYPE")
    }
}

/// Module prefixes a document uses without declaring them (issue #11: gofeed reads them by
/// prefix; libxml2 reports an error and gives no namespace).
@Suite("Undeclared module prefixes")
struct UndeclaredPrefixTests {
    @Test func wellKnownUndeclaredPrefixesAreTheirModules() throws {
        let item = try Fixture.rssItem("""
            <title>t</title><itunes:summary>
              <![CDATA[ Line 1
              Line 2 ]]>
            </itunes:summary><dc:creator>Ann Lee</dc:creator><media:keywords>a, b</media:keywords>
            """)
        #expect(item.text == "Line 1 Line 2")
        #expect(item.author?.name == "Ann Lee")
        #expect(item.tags == ["a", "b"])
    }

    @Test func anUnknownUndeclaredPrefixIsNotRSS() throws {
        // `x:title` and `x:link` are not RSS's title and link, and do not hide the real ones.
        let item = try Fixture.rssItem("<x:title>Wrong</x:title><title>Right</title><x:link>https://x.example/</x:link>")
        #expect(item.title == "Right")
        #expect(item.url == nil)
        let declared = try Fixture.rssItem(#"<title xmlns:dc="urn:not-dc">t</title><dc:creator xmlns:dc="urn:not-dc">No</dc:creator>"#)
        #expect(declared.author == nil)
    }
}
