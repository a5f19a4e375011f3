import ChorusModel
import ChorusParse
import Testing

/// References in attribute values (`href="?a=1&amp;b=2"`) are decoded in every URL: libxml2
/// hands `&amp;` over as `&#38;` when it does not substitute entities.
@Suite("Attribute references")
struct AttributeReferenceTests {
    @Test func realAtomLinksAndRSSEnclosuresAreDecoded() throws {
        let docs = try RealWorld.parse("feedjira__GoogleDocsList.xml")
        #expect(docs.items.first?.url == "https://docs.google.com/Doc?docid=12345&hl=en")
        let guardian = try RealWorld.parse("rss-parser__guardian.rss")
        let first = try #require(guardian.items.first)
        #expect(first.enclosures.first?.url
            == "https://i.guim.co.uk/img/media/b73c8752cd4667c923dff7f1542f1fb20089e421/0_108_3000_1799/master/3000.jpg?w=140&q=55&auto=format&usm=12&fit=max&s=0a4f729a1784060437ae689bc8d26534")
    }

    @Test func noURLInTheRealFeedsHoldsAReference() throws {
        for name in try RealWorld.files(class: "real") {
            guard let result = try? RealWorld.parse(name) else { continue }
            for item in result.items {
                let urls = [item.url, item.author?.url, item.feed?.url].compactMap { $0 } + item.enclosures.map(\.url)
                for url in urls {
                    #expect(url.range(of: #"&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"#, options: .regularExpression) == nil,
                            "\(name): \(url)")
                }
            }
        }
    }

    @Test(arguments: [
        ("?a=1&amp;b=2", "?a=1&b=2"),
        ("?a=1&#38;b=2&#x26;c=3", "?a=1&b=2&c=3"),
        ("?q=caf&eacute;&amp;x=&lt;&gt;&quot;", "?q=café&x=<>\""),
        ("?a=&amp;amp;", "?a=&amp;"),  // decoded once: the value is the text `&amp;`
        ("?a=&nosuchentity;", "?a=&nosuchentity;"),
    ])
    func everyReferenceFormIsDecodedOnce(_ written: String, _ expected: String) throws {
        let item = try Fixture.rssItem("<title>t</title><enclosure url=\"https://e.example/f\(written)\" type=\"audio/mpeg\"/>")
        #expect(item.enclosures.first?.url == "https://e.example/f\(expected)")
    }

    @Test func rdfAboutAndAtomHrefAreDecodedInIDsAndURLs() throws {
        let rdf = try Fixture.parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="https://w.example/"><title>W</title><link>https://w.example/</link></channel>
            <item rdf:about="https://w.example/i?n=1&amp;s=2"><title>One</title></item></rdf:RDF>
            """)
        #expect(rdf.items.first?.nativeID == "https://w.example/i?n=1&s=2")
        #expect(rdf.items.first?.id == ItemID.forFeedEntry(platform: .rdf, nativeID: "https://w.example/i?n=1&s=2", url: nil, title: nil, published: nil, feedScope: nil))
        // The id older versions wrote, for dedup against their state.
        #expect(rdf.items.first?.formerID == ItemID.forFeedEntry(platform: .rdf, nativeID: "https://w.example/i?n=1&#38;s=2", url: nil, title: nil, published: nil, feedScope: nil))
        let atom = try Fixture.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
            <entry><title>E</title><link href="https://a.example/e?x=1&amp;y=2"/></entry></feed>
            """)
        #expect(atom.items.first?.url == "https://a.example/e?x=1&y=2")
        #expect(atom.items.first?.formerURL == "https://a.example/e?x=1&#38;y=2")
        #expect(atom.items.first?.formerID == ItemID.forFeedEntry(platform: .atom, nativeID: nil, url: "https://a.example/e?x=1&#38;y=2", title: nil, published: nil, feedScope: nil))
    }

    @Test func anItemWithoutReferencesHasNoFormerID() throws {
        let item = try Fixture.rssItem("<title>t</title><link>https://e.example/?a=1&amp;b=2</link>")
        #expect(item.url == "https://e.example/?a=1&b=2")
        #expect(item.formerID == nil && item.formerURL == nil)
    }
}
