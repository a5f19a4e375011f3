import ChorusModel
import ChorusParse
import Testing

/// HTML to text around the elements whose content is not text (scripts, styles, embedded
/// objects and frames, metadata) and XHTML bodies.
@Suite("Embedded content and XHTML bodies")
struct EmbeddedContentTextTests {
    @Test(arguments: [
        ("a<script>alert(1)</script>b", "a b"),
        ("a <style>p { color: red }</style>b", "a b"),
        ("a <object data=\"x.swf\"><param name=\"q\" value=\"1\">Flash fallback</object> b", "a b"),
        ("a <applet code=\"A.class\">Java fallback</applet> b", "a b"),
        ("a <iframe src=\"https://v.example/\">Frame fallback</iframe> b", "a b"),
        ("a <frame src=\"f.html\"><noframes>No frames</noframes> b", "a b"),
        ("a <embed src=\"x.swf\"> b", "a b"),
        ("a <meta name=\"k\" content=\"v\"> <link rel=\"x\" href=\"y\"> b", "a b"),
        ("safe<object classid=\"clsid:D27CDB6E\"> description", "safe description"),
        ("x<iframe src=\"v\"> y <b>z</b>", "x y z"),
        ("<ul><li>Qualcomm</li><li>Intel</li></ul><p>Analysts</p>", "Qualcomm\nIntel\nAnalysts"),
        ("one<br>two<br/>three", "one\ntwo\nthree"),
        ("<h2>Head</h2>line<table><tr><td>c1</td><td>c2</td></tr><tr><td>c3</td></tr></table>", "Head\nline\nc1 c2\nc3"),
    ])
    func hiddenContentNeverReachesTextAndUnclosedTagsSwallowNothing(_ html: String, _ text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test func anAtomXHTMLDivHoldingEscapedMarkupGivesItsText() throws {
        let result = try Fixture.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>tag:a,1</id><title>T</title>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&lt;p&gt;Escaped &lt;b&gt;markup&lt;/b&gt;&lt;/p&gt;</div></content>
            </entry><entry><id>tag:a,2</id><title>U</title>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Real <b>markup</b> a &lt; b</p><script>x()</script></div></content>
            </entry></feed>
            """)
        #expect(result.items.map(\.text) == ["Escaped markup", "Real markup a < b"])
    }

    @Test func anRSSXHTMLBodyGivesItsText() throws {
        let item = try Fixture.rssItem(
            "<title>X</title><xhtml:body><xhtml:p>Body <xhtml:b>text</xhtml:b></xhtml:p><xhtml:p>More</xhtml:p></xhtml:body>",
            namespaces: #"xmlns:xhtml="http://www.w3.org/1999/xhtml""#)
        #expect(item.text == "Body text\nMore")
    }

    @Test func unescapedMarkupInAnRSSDescriptionKeepsItsLineBreaks() throws {
        let item = try Fixture.rssItem("<title>X</title><description>one\n<b>bold</b> <ul><li>two</li><li>three</li></ul>four</description>")
        #expect(item.text == "one bold\ntwo\nthree\nfour")
    }

    @Test func titlesStayOnOneLine() throws {
        let item = try Fixture.rssItem("<title>First&lt;br&gt;Second&lt;p&gt;Third&lt;/p&gt;</title><description>d</description>")
        #expect(item.title == "First Second Third")
        let atom = try #require(try Fixture.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Feed</p><p>Name</p></div></title>
            <entry><id>tag:a,1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A</p><p>B</p></div></title></entry></feed>
            """).items.first)
        #expect(atom.title == "A B")
        #expect(atom.feed?.title == "Feed Name")
    }
}
