import ChorusParse
import Testing

@Suite("HTMLText")
struct HTMLTextTests {
    @Test("HTML fragments become plain text", arguments: [
        ("<p>Hello <b>ZTE</b> staff</p>", "Hello ZTE staff"),
        ("<p>one</p><p>two</p>", "one\ntwo"),
        ("line<br>break<br/>again", "line\nbreak\nagain"),
        ("<ul><li>Qualcomm</li><li>Intel</li></ul>", "Qualcomm\nIntel"),
        ("Read <a href=\"/x\">the denial order</a> now", "Read the denial order now"),
        ("before<script>var x = '<p>no</p>';</script>after", "before after"),
        ("<style>p { color: red }</style>visible", "visible"),
        ("caf&eacute; &amp; cr&ecirc;pes &hellip; &nbsp;&yuml;", "café & crêpes … ÿ"),
        ("&#8220;Wow!&#8221; &#x201C;Almost there&#x201D;", "“Wow!” “Almost there”"),
        ("&amp;eacute;", "&eacute;"),
        ("AT&T and R&D", "AT&T and R&D"),
        ("  spaced \n\t out  ", "spaced out"),
        ("<div><p>好消息</p>终于</div>", "好消息\n终于"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("plain text, no markup", "plain text, no markup"),
        ("", ""),
        ("<img src=x.png alt=logo>", ""),
        ("<html><head><title>page</title></head><body>body text</body></html>", "body text"),
    ])
    func plainText(html: String, expected: String) {
        #expect(HTMLText.plainText(html) == expected)
    }

    @Test("Block elements end a line; spaces around a break and repeated breaks fold into one line feed", arguments: [
        ("<p>A</p><p>B</p>", "A\nB"),
        ("<li>A</li><li>B</li>", "A\nB"),
        ("a <p> b </p> c", "a\nb\nc"),
        ("<div><div><p>deep</p></div></div><blockquote>quote</blockquote><h3>head</h3>tail", "deep\nquote\nhead\ntail"),
        ("one<br><br><br>two", "one\ntwo"),
        ("<p> </p><p>\n</p>only", "only"),
        ("<tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>", "a b\nc"),
    ])
    func lineBreaks(html: String, expected: String) {
        #expect(HTMLText.plainText(html) == expected)
    }

    @Test("Text after an inline element at the top level stays on its line (libxml2's implied <p> is no break)", arguments: [
        ("<b>Update:</b> the ban is lifted", "Update: the ban is lifted"),
        ("<a href=\"/x\">linked</a> after <i>it</i> too", "linked after it too"),
        ("<span>a</span>b<p>c</p>d", "ab\nc\nd"),
    ])
    func impliedParagraph(html: String, expected: String) {
        #expect(HTMLText.plainText(html) == expected)
    }
}
