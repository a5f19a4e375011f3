import ChorusModel
import ChorusParse
import Foundation
import Testing

/// dc:, content:, atom: in RSS, media:, itunes:, feedburner:, slash:, matched by namespace URI.
@Suite("Feed modules")
struct ModuleTests {
    static let ns = """
        xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/" \
        xmlns:m="http://search.yahoo.com/mrss/" xmlns:it="http://www.itunes.com/dtds/podcast-1.0.dtd" \
        xmlns:fb="http://rssnamespace.org/feedburner/ext/1.0" xmlns:sl="http://purl.org/rss/1.0/modules/slash/" \
        xmlns:a="http://www.w3.org/2005/Atom"
        """

    @Test("Modules are found by URI under any prefix")
    func modules() throws {
        let item = try Fixture.rssItem("""
            <title>t</title><link>https://x.example/redirect/1</link>
            <fb:origLink>https://x.example/real/1</fb:origLink>
            <description>short</description><c:encoded>&lt;p&gt;long body&lt;/p&gt;</c:encoded>
            <d:creator>Dee Creator</d:creator><d:date>2018-05-14T09:30:00Z</d:date><d:subject>zte</d:subject>
            <d:language>zh-CN</d:language>
            <m:group><m:content url="https://x.example/v.mp4" type="video/mp4" fileSize="1000"/></m:group>
            <m:thumbnail url="https://x.example/t.jpg"/>
            <sl:comments>42</sl:comments>
            """, namespaces: ModuleTests.ns)
        #expect(item.url == "https://x.example/real/1")
        #expect(item.text == "long body")
        #expect(item.author == Author(name: "Dee Creator"))
        #expect(item.publishedAt.map(RFC3339.format) == "2018-05-14T09:30:00Z")
        #expect(item.tags == ["zte"])
        #expect(item.lang == "zh-CN")
        #expect(item.enclosures == [Enclosure(url: "https://x.example/v.mp4", type: "video/mp4", length: 1000), Enclosure(url: "https://x.example/t.jpg")])
        #expect(item.metrics == Metrics(replies: 42))
    }

    @Test("A prefix bound to an unknown namespace is not mistaken for a module")
    func prefixIsNotNamespace() throws {
        let item = try Fixture.rssItem("<title>t</title><dc:creator>Not Dublin Core</dc:creator><content:encoded>not content</content:encoded><description>real</description>",
                                       namespaces: #"xmlns:dc="urn:other" xmlns:content="urn:other2""#)
        #expect(item.author == nil)
        #expect(item.text == "real")
    }

    @Test("itunes:author and itunes:summary are used when nothing richer is there")
    func itunes() throws {
        let item = try Fixture.rssItem("<title>Ep 1</title><it:author>Pod Host</it:author><it:summary>About ZTE.</it:summary>", namespaces: ModuleTests.ns)
        #expect(item.author == Author(name: "Pod Host"))
        #expect(item.text == "About ZTE.")
    }

    @Test("atom:link inside RSS gives the channel link when RSS has none; rel=self is ignored")
    func atomInRSS() throws {
        let xml = """
            <rss version="2.0" \(ModuleTests.ns)><channel><title>T</title>
            <a:link rel="self" href="https://x.example/feed.xml"/><a:link rel="alternate" href="https://x.example/"/>
            <item><guid isPermaLink="false">7</guid><title>x</title></item></channel></rss>
            """
        let result = try Fixture.parse(xml)
        #expect(result.feed?.url == "https://x.example/")
    }

    @Test("Authors in every form feeds use", arguments: [
        ("<author>ana@zte.example (Ana Li)</author>", Author(name: "Ana Li", email: "ana@zte.example")),
        ("<author>Ana Li &lt;ana@zte.example&gt;</author>", Author(name: "Ana Li", email: "ana@zte.example")),
        ("<author>ana@zte.example</author>", Author(email: "ana@zte.example")),
        ("<author>Ana Li</author>", Author(name: "Ana Li")),
        ("<d:creator>Ana Li</d:creator><it:author>Pod</it:author>", Author(name: "Ana Li")),
        ("<a:author><a:name>Ana</a:name><a:email>a@x.example</a:email><a:uri>https://x.example/ana</a:uri></a:author>",
         Author(name: "Ana", url: "https://x.example/ana", email: "a@x.example")),
    ])
    func authors(body: String, expected: Author) throws {
        let item = try Fixture.rssItem("<title>t</title>" + body, namespaces: ModuleTests.ns)
        #expect(item.author == expected)
    }
}
