import Foundation
import Testing
@testable import ChorusParse

@Suite("Social HTML fast path")
struct SocialHTMLTextTests {
    /// Fragments in the shapes Mastodon and HN send, plus edge cases.
    static let fragments: [String] = [
        "<p>Almost there! <a href=\"https://social.example/tags/launchday\" class=\"mention hashtag\" rel=\"tag\">#<span>launchday</span></a></p>",
        "<p>中兴通讯的禁令可能很快解除。好消息！<br>ZTE could be back in business — 好消息 🎉</p>",
        "<p>Line one</p><p>Line two</p>",
        "<p>a<br/>b<br />c</p>",
        "Almost there &#x2F; the $1bn fine is the last blocker. &quot;Back into business, fast&quot; indeed.",
        "<p>As someone in Shenzhen: 好消息.<p>Still, export controls &amp; bargaining chips.",
        "US bans sales &lt;- that&#x27;s a huge blow. <a href=\"https://news.example/zte-ban\" rel=\"nofollow noopener\" target=\"_blank\"><span class=\"invisible\">https://</span><span class=\"\">news.example/zte-ban</span></a>",
        "Wow! Breaking good news!&nbsp;&nbsp;Really &mdash; &ldquo;fast&rdquo;&hellip;",
        "  spaced \n\t out  <p>  text </p>  ",
        "<ul><li>one</li><li>two</li></ul><blockquote>quoted</blockquote>",
        "<p><strong>bold</strong><em>italic</em><code>code</code></p>",
        "<a title='a > b' href=\"x\">link</a>",
        "&#128512; &#x1F389;",
        // Every UTF-8 length for numeric references; long quoted attributes holding `<`, `>` and the other quote.
        "caf&#233; &#xE9;t&#xE9; &#8364;&#x20AC; &#x10348;",
        "<a title=\"a long title with <angle> brackets and 'single' quotes inside\" href='https://example.com/a/long/path?x=\"1\"'>linked text</a> after",
        "<P>Upper</P><BR>case",
        "<p></p>",
        // Inline elements at the top level, text after them, cells and images: no line break.
        "<b>Update:</b> the ban is lifted <i>today</i> for <a href=\"x\">ZTE</a>.",
        "<table><tr><td>c1</td><td>c2</td></tr><tr><th>c3</th></tr></table>after",
        "word<img src=\"x.png\">word <p> spaced </p> <br> end",
        "plain text",
        // Feed bodies (content:encoded) take the same fast path.
        "<p>The U.S. Commerce Department banned sales to ZTE. <a href=\"https://news.example/1\">Read more.</a> &amp; more&hellip;</p><p>Second paragraph.</p>",
    ]

    @Test("Matches the libxml2 extractor on social-style fragments", arguments: fragments)
    func agreesWithLibxml2(html: String) throws {
        var fast = SocialHTMLText()
        let converted = fast.plainText(html)
        let quick = try #require(converted, "the fast path should handle this fragment")
        #expect(quick == HTMLTextExtractor().plainText(html))
    }

    @Test("Leaves anything unusual to libxml2", arguments: [
        "<script>alert(1)</script>text", "<!-- note -->text", "a < b", "AT&T", "&unknownentity;", "&#0;", "&#x80;",
        "<style>p{}</style>", "<p unterminated", "<title>t</title>", "&apos;",
    ])
    func fallsBack(html: String) {
        var fast = SocialHTMLText()
        let converted = fast.plainText(html)
        #expect(converted == nil)
    }

    @Test("Every sample Mastodon and HN body converts the same either way")
    func samplesAgree() throws {
        for (file, path) in [("mastodon/tag-zte.json", "content"), ("hackernews/search-zte.json", "comment_text")] {
            let doc = try JSONReader.parse(try SocialFixture.bytes(file)).root
            let list = doc.kind == .array ? doc.elements : (try doc.array("hits") ?? [])
            for entry in list {
                guard let html = try entry.string(path), !html.isEmpty else { continue }
                var fast = SocialHTMLText()
                let converted = fast.plainText(html)
                if let quick = converted { #expect(quick == HTMLTextExtractor().plainText(html), "\(html)") }
            }
        }
    }
}
