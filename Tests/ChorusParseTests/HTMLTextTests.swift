import ChorusParse
import Testing

@Suite("HTMLText")
struct HTMLTextTests {
    @Test("HTML fragments become plain text", arguments: [
        ("<p>Hello <b>ZTE</b> staff</p>", "Hello ZTE staff"),
        ("<p>one</p><p>two</p>", "one two"),
        ("line<br>break<br/>again", "line break again"),
        ("<ul><li>Qualcomm</li><li>Intel</li></ul>", "Qualcomm Intel"),
        ("Read <a href=\"/x\">the denial order</a> now", "Read the denial order now"),
        ("before<script>var x = '<p>no</p>';</script>after", "before after"),
        ("<style>p { color: red }</style>visible", "visible"),
        ("caf&eacute; &amp; cr&ecirc;pes &hellip; &nbsp;&yuml;", "café & crêpes … ÿ"),
        ("&#8220;Wow!&#8221; &#x201C;Almost there&#x201D;", "“Wow!” “Almost there”"),
        ("&amp;eacute;", "&eacute;"),
        ("AT&T and R&D", "AT&T and R&D"),
        ("  spaced \n\t out  ", "spaced out"),
        ("<div><p>好消息</p>终于</div>", "好消息 终于"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("plain text, no markup", "plain text, no markup"),
        ("", ""),
        ("<img src=x.png alt=logo>", ""),
        ("<html><head><title>page</title></head><body>body text</body></html>", "body text"),
    ])
    func plainText(html: String, expected: String) {
        #expect(HTMLText.plainText(html) == expected)
    }
}
