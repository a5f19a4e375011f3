import ChorusModel
import ChorusParse
import Foundation
import Testing

/// What `scripts/conformance` found against feedparser's and gofeed's suites, each with a
/// document written here and a hostile variant.
@Suite("Peer conformance findings")
struct PeerConformanceTests {
    private static let atom = "http://www.w3.org/2005/Atom"

    private func atomEntry(_ body: String, feedAttributes: String = "", baseURL: String? = nil) throws -> Item {
        let result = try Fixture.parse("<feed xmlns=\"\(Self.atom)\" \(feedAttributes)><title>F</title><entry>\(body)</entry></feed>", baseURL: baseURL)
        try #require(result.items.count == 1)
        return result.items[0]
    }

    private func base64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }

    // MARK: Atom 1.0 media types (RFC 4287 §4.1.3.3)

    @Test func anAtomBodyWithABinaryMediaTypeIsBase64() throws {
        let item = try atomEntry("""
            <title type="application/octet-stream">\(base64("Night <i>owls</i>"))</title>
            <content type="application/octet-stream">
              \(base64("<p>Moths &amp; lamps</p>"))
            </content>
            """)
        #expect(item.title == "Night owls")
        #expect(item.text == "Moths & lamps")
    }

    @Test(arguments: ["text/plain", "text/csv", "application/rss+xml", "text/xml"])
    func textualAndXMLMediaTypesAreNotBase64(_ type: String) throws {
        let item = try atomEntry(#"<title>t</title><content type="\#(type)">aGVsbG8=</content>"#)
        #expect(item.text == "aGVsbG8=")
    }

    @Test func brokenBase64InABinaryMediaTypeKeepsTheEntry() throws {
        // Not base64 at all, and base64 of bytes that are not UTF-8 (an image, Latin-1 text):
        // the entry stays, that element gives no text, and the summary beside it is the text.
        let junk = try atomEntry(#"<id>tag:j,1</id><content type="image/png">%%% not base64 %%%</content>"#)
        #expect(junk.nativeID == "tag:j,1")
        #expect(junk.text == nil)
        let image = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]).base64EncodedString()
        let binary = try atomEntry(#"<id>tag:j,2</id><summary>What a sunset</summary><content type="image/jpeg">\#(image)</content>"#)
        #expect(binary.nativeID == "tag:j,2")
        #expect(binary.text == "What a sunset")
        let latin1 = try atomEntry(#"<id>tag:j,3</id><summary>Caf\#u{E9} summary</summary><content type="application/octet-stream">Q2Fm6Q==</content>"#)
        #expect(latin1.text == "Caf\u{E9} summary")
    }

    @Test func base64WithoutPaddingOrWithLineBreaksIsRead() throws {
        let unpadded = try atomEntry(#"<title>t</title><content type="application/octet-stream">aGVsbG8</content>"#)
        #expect(unpadded.text == "hello")
        let wrapped = try atomEntry("<title>t</title><content type=\"application/octet-stream\">aGVs\n bG8g\r\nd29y bGQ=</content>")
        #expect(wrapped.text == "hello world")
    }

    @Test func aMediaTypeIsReadWithoutItsParameters() throws {
        let xhtml = try atomEntry(#"<title>t</title><content type="application/xhtml+xml; charset=utf-8"><div xmlns="http://www.w3.org/1999/xhtml"><p>Great product</p></div></content>"#)
        #expect(xhtml.text == "Great product")
        let xml = try atomEntry(#"<title>t</title><content type="application/xml ; charset=utf-8"><x>hello xml</x></content>"#)
        #expect(xml.text == "hello xml")
        let html = try atomEntry(#"<title>t</title><content type="text/html;charset=utf-8">&lt;b&gt;bold&lt;/b&gt; move</content>"#)
        #expect(html.text == "bold move")
    }

    @Test func atom03ContentWithAMediaTypeIsInlineNotBase64() throws {
        // Atom 0.3's mode defaults to xml: a media type alone says nothing of base64.
        let result = try Fixture.parse(#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><id>tag:a,1</id><title>t</title><content type="application/x-note">Inline note text</content></entry></feed>"#)
        #expect(result.items.first?.text == "Inline note text")
    }

    // MARK: Atom without its namespace

    @Test func aNamespacelessFeedRootIsAtom() throws {
        let result = try Fixture.parse("""
            <feed xmlns:x="http://x.example/ns"><title>Plain</title>
            <entry><id x:note="ignored">tag:p,1</id><title type="html">A &amp;lt;b&amp;gt; tag</title>
            <link rel="alternate" href="/p/1"/><updated>2021-02-03T04:05:06+01:00</updated></entry></feed>
            """, baseURL: "https://p.example/feed")
        #expect(result.platform == .atom)
        let item = try #require(result.items.first)
        #expect(item.nativeID == "tag:p,1")
        #expect(item.url == "https://p.example/p/1")
        #expect(item.publishedAt == Date(timeIntervalSince1970: 1_612_321_506))
        #expect(item.feed?.title == "Plain")
    }

    @Test func aNamespacelessFeedBelowTheRootIsNoFeed() throws {
        #expect(throws: ParseError.self) {
            try Fixture.parse("<page><feed><entry><id>tag:n,1</id></entry></feed></page>")
        }
        // RSS elements inside a namespace-less feed are not its entries.
        let rssInside = try Fixture.parse("<feed><item><title>not an entry</title></item></feed>")
        #expect(rssInside.items.isEmpty)
    }

    // MARK: Atom author URIs

    @Test func anAuthorURIResolvesAgainstXMLBaseAndTheDocument() throws {
        let based = try atomEntry("<title>t</title><author><name>Ann</name><uri>people/ann</uri></author>",
                                  feedAttributes: #"xml:base="https://b.example/team/""#)
        #expect(based.author?.url == "https://b.example/team/people/ann")
        let documented = try atomEntry("<title>t</title><author><name>Ann</name><uri>/ann</uri></author>", baseURL: "https://d.example/x/feed")
        #expect(documented.author?.url == "https://d.example/ann")
        let absolute = try atomEntry("<title>t</title><author><uri>mailto:ann@d.example</uri></author>", baseURL: "https://d.example/")
        #expect(absolute.author?.url == "mailto:ann@d.example")
    }

    @Test func anAtom03HomepageIsTheAuthorsURL() throws {
        let result = try Fixture.parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>t</title>
            <author><name>Bo</name><homepage>https://bo.example/</homepage></author></entry></feed>
            """)
        #expect(result.items.first?.author == Author(name: "Bo", url: "https://bo.example/"))
        // An empty homepage is no URL (never "" and never the base).
        let empty = try Fixture.parse(#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>t</title><author><name>Bo</name><homepage> </homepage></author></entry></feed>"#,
                                      baseURL: "https://b.example/")
        #expect(empty.items.first?.author == Author(name: "Bo"))
    }

    // MARK: Language

    @Test func anEmptyXMLLangStatesNoLanguage() throws {
        let item = try atomEntry(#"<title>t</title>"#, feedAttributes: #"xml:lang="de""#)
        #expect(item.lang == "de")
        let result = try Fixture.parse("<feed xmlns=\"\(Self.atom)\" xml:lang=\"de\"><entry xml:lang=\"\"><title>t</title></entry></feed>")
        #expect(result.items.first?.lang == nil)
        let rss = try Fixture.parse(#"<rss version="2.0"><channel xml:lang=""><item xml:lang=""><title>t</title></item></channel></rss>"#)
        #expect(rss.items.first?.lang == nil)
    }

    @Test func anEmptyXMLLangDoesNotTakeBackTheChannelsLanguageElement() throws {
        let rss = try Fixture.parse(#"<rss version="2.0" xml:lang=""><channel><language>en</language><item><title>t</title></item></channel></rss>"#)
        #expect(rss.items.first?.lang == "en")
        let own = try Fixture.parse(#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><language>en</language><item xml:lang=""><dc:language>fr</dc:language><title>t</title></item></channel></rss>"#)
        #expect(own.items.first?.lang == "fr")
    }

    @Test func anEmptyJSONFeedLanguageIsNull() throws {
        let result = try Fixture.parse(#"{"version":"https://jsonfeed.org/version/1.1","language":"","items":[{"id":"1","content_text":"x"},{"id":"2","content_text":"y","language":""}]}"#)
        #expect(result.items.map(\.lang) == [nil, nil])
        let inherited = try Fixture.parse(#"{"version":"https://jsonfeed.org/version/1.1","language":"de","items":[{"id":"1","content_text":"x","language":""}]}"#)
        #expect(inherited.items.first?.lang == "de")
    }

    // MARK: JSON Feed with a bare version number

    @Test(arguments: ["1", "1.0", "1.1"])
    func aBareVersionNumberWithItemsIsAJSONFeed(_ version: String) throws {
        let result = try Fixture.parse(#"{"version":"\#(version)","title":"J","items":[{"id":"7","title":"Seven","content_text":"body"}]}"#)
        #expect(result.platform == .jsonfeed)
        #expect(result.items.first?.title == "Seven")
    }

    @Test func aBareVersionWithoutItemsOrOfAnotherFormatIsNoJSONFeed() throws {
        for doc in [#"{"version":"1.1","title":"no items"}"#, #"{"version":"2.0","items":[{"id":"1"}]}"#] {
            let result = try? Fixture.parse(doc)
            #expect(result?.platform != .jsonfeed, "\(doc)")
        }
    }

    // MARK: RSS bodies without a namespace

    @Test func anRSSBodyElementIsTheItemsContent() throws {
        let item = try Fixture.rssItem(#"<title>t</title><description>short</description><body>kept<script>alert("x")</script> <b>whole</b></body>"#)
        #expect(item.text == "kept whole")
        let full = try Fixture.rssItem("<title>t</title><fullitem>&lt;p&gt;All &amp;amp; more&lt;/p&gt;</fullitem>")
        #expect(full.text == "All & more")
    }

    @Test func anRSSBodyOfCDATAOrEscapedMarkupIsReadAsHTML() throws {
        let cdata = try Fixture.rssItem("<title>t</title><body><![CDATA[<p>Hello <b>world</b></p>]]></body>")
        #expect(cdata.text == "Hello world")
        let escaped = try Fixture.rssItem("<title>t</title><body>&lt;p&gt;Escaped &amp;amp; body&lt;/p&gt;</body>")
        #expect(escaped.text == "Escaped & body")
        let plain = try Fixture.rssItem("<title>t</title><body>Just words</body>")
        #expect(plain.text == "Just words")
    }

    @Test func theFirstBodyWinsAndAChannelBodyIsNoItems() throws {
        let ns = #"xmlns:content="http://purl.org/rss/1.0/modules/content/""#
        let item = try Fixture.rssItem("<title>t</title><content:encoded>&lt;p&gt;encoded&lt;/p&gt;</content:encoded><body><p>second</p></body>", namespaces: ns)
        #expect(item.text == "encoded")
        let channel = try Fixture.rssItem("<title>t</title>", channel: "<body><p>channel body</p></body>")
        #expect(channel.text == nil)
    }

    // MARK: Media RSS title and category

    @Test func mediaTitleAndCategoryBelongToTheEntry() throws {
        let ns = #"xmlns:media="http://search.yahoo.com/mrss/""#
        let item = try Fixture.rssItem("<media:title>Clip</media:title><media:category>owls</media:category><category>birds</category><media:category>owls</media:category>", namespaces: ns)
        #expect(item.title == "Clip")
        #expect(item.tags == ["owls", "birds"])
        let titled = try Fixture.rssItem("<title>Own</title><media:title>Clip</media:title>", namespaces: ns)
        #expect(titled.title == "Own")
    }

    @Test func aMediaContentsTitleAndCategoryAreNotTheEntrys() throws {
        let ns = #"xmlns:media="http://search.yahoo.com/mrss/""#
        let item = try Fixture.rssItem("""
            <guid>g1</guid><media:content url="https://m.example/a.mp4"><media:title>&lt;script&gt;x</media:title>
            <media:category>inner</media:category></media:content>
            """, namespaces: ns)
        #expect(item.title == nil)
        #expect(item.tags.isEmpty)
        #expect(item.enclosures.map(\.url) == ["https://m.example/a.mp4"])
    }
}
