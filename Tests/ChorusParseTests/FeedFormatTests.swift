import ChorusModel
import ChorusParse
import Foundation
import Testing

/// RSS 0.90–0.94 and 2.0, RSS 1.0, Atom 0.3 and 1.0, JSON Feed 1.0/1.1, detected from content.
@Suite("Feed formats")
struct FeedFormatTests {
    @Test("RSS 0.90 (RDF with the Netscape namespace) yields its items, not the image")
    func rss090() throws {
        let result = try DocumentParser.parse(try Fixture.bytes("rss090.rdf"), context: Fixture.context())
        #expect(result.platform == .rdf)
        #expect(result.items.map(\.title) == ["ZTE export ban announced", "ZTE: back into business"])
        #expect(result.items.map(\.url) == ["http://old.example/zte-ban", "http://old.example/zte-back"])
        #expect(result.feed == FeedRef(title: "Netscape-era Wire", url: "http://old.example/"))
    }

    @Test("RSS 0.91 with a DOCTYPE: the DTD is not fetched, image and textinput are skipped")
    func rss091() throws {
        let result = try DocumentParser.parse(try Fixture.bytes("rss091.xml"), context: Fixture.context())
        #expect(result.platform == .rss)
        #expect(result.items.count == 1)
        #expect(result.items[0].title == "ZTE & the seven-year ban")
        #expect(result.items[0].text == "Denial order issued én masse.")
        #expect(result.feed?.title == "Wire 0.91")
    }

    @Test("RSS 0.92 item with only a description, an enclosure and a category")
    func rss092() throws {
        let item = try #require(try DocumentParser.parse(try Fixture.bytes("rss092.xml"), context: Fixture.context()).items.first)
        #expect(item.title == nil)
        #expect(item.text == "An item with only a description: ZTE staff say \"almost there\".")
        #expect(item.enclosures == [Enclosure(url: "http://wire092.example/a.mp3", type: "audio/mpeg", length: 12_216_320)])
        #expect(item.tags == ["Business/Telecom"])
        #expect(item.id.count == 32)
    }

    @Test("Atom 0.3: escaped, base64 and xml modes, issued/modified dates, feed author inherited")
    func atom03() throws {
        let result = try DocumentParser.parse(try Fixture.bytes("atom03.xml"), context: Fixture.context())
        #expect(result.platform == .atom)
        #expect(result.feed?.title == "Atom 0.3 <Wire>")
        let first = result.items[0]
        #expect(first.text == "Staff wrote “Wow! Breaking good news!”")
        #expect(first.publishedAt.map(RFC3339.format) == "2018-05-14T02:00:00Z")
        #expect(first.updatedAt.map(RFC3339.format) == "2018-05-14T08:00:00Z")
        #expect(first.author == Author(name: "Old Blogger", url: "http://atom03.example/me"))
        let second = result.items[1]
        #expect(second.title == "ZTE: Almost there")
        #expect(second.text == "Almost\nthere")
    }

    @Test("Atom 1.0 text constructs follow their type: text keeps markup-looking text, html is parsed, xhtml is read")
    func atomTextTypes() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x:1</id>
            <title type="text">Use &lt;b&gt; for bold &amp; more</title>
            <summary type="html">&lt;p&gt;Para &lt;b&gt;bold&lt;/b&gt;&lt;/p&gt; &amp;amp; more</summary>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><h1>Head</h1><p>Body &amp; <em>soul</em></p><script>x()</script></div></content>
            </entry></feed>
            """
        let item = try #require(try Fixture.parse(xml).items.first)
        #expect(item.title == "Use <b> for bold & more")
        #expect(item.text == "Head\nBody & soul")
    }

    @Test("RSS titles are HTML: double-escaped entities and markup decode to text; CDATA is literal text")
    func rssTitles() throws {
        let item = try Fixture.rssItem("<title>Caf&amp;eacute; &amp;amp; &lt;b&gt;ZTE&lt;/b&gt;</title><description><![CDATA[a <i>b</i> &amp; c]]></description>")
        #expect(item.title == "Café & ZTE")
        #expect(item.text == "a b & c")
        let atom = try Fixture.parse(#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x:1</id><title type="text"><![CDATA[Use <b> & </b>]]></title></entry></feed>"#)
        #expect(atom.items.first?.title == "Use <b> & </b>")
    }

    @Test("Atom xml:base is honoured, nested and relative to the document URL")
    func xmlBase() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="/blog/">
              <link href="./"/>
              <entry xml:base="2018/">
                <id>urn:x:1</id><link rel="alternate" href="05/zte.html"/>
                <link rel="enclosure" href="../img/a.png" type="image/png"/>
                <content type="html" xml:base="https://cdn.example/">x</content>
              </entry>
              <entry><id>urn:x:2</id><link href="https://abs.example/p"/></entry>
            </feed>
            """
        let result = try Fixture.parse(xml, baseURL: "https://site.example/feeds/atom.xml")
        #expect(result.feed?.url == "https://site.example/blog/")
        #expect(result.items[0].url == "https://site.example/blog/2018/05/zte.html")
        #expect(result.items[0].enclosures.first?.url == "https://site.example/blog/img/a.png")
        #expect(result.items[1].url == "https://abs.example/p")
    }

    @Test("rel=alternate text/html is preferred over other alternates and other relations")
    func alternatePreferred() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x:1</id>
            <link rel="self" href="https://x.example/self"/>
            <link rel="alternate" type="application/json" href="https://x.example/json"/>
            <link rel="alternate" type="text/html" href="https://x.example/html"/>
            <link rel="related" href="https://x.example/related"/>
            </entry></feed>
            """
        #expect(try Fixture.parse(xml).items.first?.url == "https://x.example/html")
    }

    @Test("JSON Feed 1.0: singular author, content_text, relative url, feed author as fallback")
    func jsonFeed10() throws {
        let result = try DocumentParser.parse(try Fixture.bytes("jsonfeed10.json"), context: Fixture.context())
        #expect(result.platform == .jsonfeed)
        #expect(result.items[0].author == Author(name: "Guest"))
        #expect(result.items[0].url == "https://jf10.example/posts/1")
        #expect(result.items[0].text == "ZTE: plain text body")
        #expect(result.items[1].author == Author(name: "Solo Writer", url: "https://jf10.example/me"))
        #expect(result.items[1].text == "no author here")
    }

    @Test("The format comes from content, whatever the file is called", arguments: [
        ("reuters-zte.rss", Platform.rss), ("techwire-zte.atom", .atom), ("zte-wire.rdf", .rdf), ("zte-notes.json", .jsonfeed),
    ])
    func detection(sample: String, platform: Platform) throws {
        let result = try DocumentParser.parse(try Fixture.sample(sample), context: Fixture.context())
        #expect(result.platform == platform)
        #expect(result.items.allSatisfy { $0.platform == platform })
    }

    @Test("A forced platform that does not match the document is an error naming both")
    func forcedMismatch() throws {
        #expect(throws: ParseError("parse: test: expected atom but the document is rss")) {
            try DocumentParser.parse(try Fixture.sample("reuters-zte.rss"), context: Fixture.context(platform: .atom))
        }
    }

    @Test("A bare JSON value (any RFC 8259 value, after blanks and a BOM) is JSON, not XML, and names what it is", arguments: [
        ("42", "a number"), ("  -0.5e3\n", "a number"), ("\u{FEFF}\"text\"", "a string"), ("true", "a boolean"),
        ("false", "a boolean"), ("\r\n\tnull", "null"),
    ])
    func bareJSONValue(document: String, what: String) throws {
        #expect(throws: ParseError("parse: test: not a JSON Feed: top-level value is \(what)")) {
            try DocumentParser.parse(Array(document.utf8), context: Fixture.context())
        }
        // Forced to JSON Feed, the same.
        #expect(throws: ParseError("parse: test: not a JSON Feed: top-level value is \(what)")) {
            try DocumentParser.parse(Array(document.utf8), context: Fixture.context(platform: .jsonfeed))
        }
    }

    @Test("A bare JSON value pushed one byte at a time is still read as JSON")
    func bareJSONValueStreamed() throws {
        let parser = FeedStreamParser(context: Fixture.context()) { _ in }
        for byte in Array(" 17".utf8) { parser.feed([byte]) }
        #expect(throws: ParseError("parse: test: not a JSON Feed: top-level value is a number")) { try parser.finish() }
    }

    @Test("Text that starts no JSON value and no tag is still an XML error")
    func strayText() throws {
        let message: String
        do {
            _ = try DocumentParser.parse(Array("hello".utf8), context: Fixture.context())
            message = ""
        } catch {
            message = error.message
        }
        #expect(message.hasPrefix("parse: test: not a feed: malformed XML"))
    }
}
