import ChorusModel
import ChorusParse
import Foundation
import Testing

/// Recover mode keeps what it can and says so; hostile documents expand nothing and fetch nothing.
@Suite("Broken and hostile feeds")
struct BrokenFeedTests {
    @Test("Bare ampersands and undeclared entities keep their literal text")
    func bareAmpersand() throws {
        let result = try Fixture.parse("<rss><channel><item><title>AT&T & R&D &bogus; ok</title><link>https://x.example/?a=1&b=2</link></item></channel></rss>")
        let item = try #require(result.items.first)
        #expect(item.title == "AT&T & R&D &bogus; ok")
        #expect(item.url == "https://x.example/?a=1&b=2")
        #expect(result.recovered)
    }

    @Test("HTML named entities without a DTD are decoded, not dropped or truncated at", arguments: [
        ("&nbsp;x&nbsp;", "x"), ("caf&eacute;", "café"), ("wait&hellip;", "wait…"), ("&yuml;", "ÿ"), ("&mdash;&ndash;", "—–"),
        ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"), ("&#233;&#xE9;", "éé"),
    ])
    func htmlEntities(raw: String, expected: String) throws {
        let result = try Fixture.parse("<rss><channel><item><guid>g</guid><description>\(raw)</description><author>\(raw)</author></item></channel></rss>")
        #expect(result.items.first?.text == expected)
        #expect(result.items.first?.author?.name == expected)
        #expect(!result.recovered)
    }

    @Test("Junk after the root element: items kept, flagged as recovered")
    func junkAfterRoot() throws {
        let result = try Fixture.parse("<rss><channel><item><title>kept</title></item></channel></rss>\n<html>junk</html>")
        #expect(result.items.map(\.title) == ["kept"])
        #expect(result.recovered)
    }

    @Test("A truncated feed keeps the complete items and what the cut one has, and says it was cut")
    func truncated() throws {
        let result = try Fixture.parse("<rss><channel><item><title>one</title></item><item><title>two</title></item><item><title>thr")
        #expect(result.items.map(\.title) == ["one", "two", "thr"])
        #expect(result.recovered && result.truncated)
        #expect(result.damagedItems == 1)
        #expect(result.warnings.first?.contains("cut short") == true)
        let whole = try Fixture.parse("<rss><channel><item><title>cut")
        #expect(whole.items.map(\.title) == ["cut"] && whole.truncated)
    }

    @Test("Documents that yield nothing are errors that name the source and the cause", arguments: [
        ("", "parse: test: empty document"),
        ("   \n ", "parse: test: empty document"),
        ("<html><body>Not a feed</body></html>", "parse: test: not a feed: root element is <html>"),
        ("just some text", "parse: test: not a feed: malformed XML (line 1: "),
        ("<rss><channel><title>no items", "parse: test: malformed XML, no items recovered (the document is cut short"),
        ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "parse: test: malformed JSON ("),
    ])
    func failures(doc: String, message: String) throws {
        do {
            _ = try Fixture.parse(doc)
            Issue.record("expected an error for \(doc)")
        } catch {
            #expect((error as? ParseError)?.message.hasPrefix(message) == true, "\(error)")
        }
    }

    @Test("JSON that is not UTF-8 is an error naming the source, not repaired text")
    func jsonNotUTF8() throws {
        var bytes = Array(#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "caf"#.utf8)
        bytes += [0xE9] + Array(#""}]}"#.utf8)
        do {
            _ = try DocumentParser.parse(bytes, context: Fixture.context())
            Issue.record("expected an error for Latin-1 bytes in JSON")
        } catch {
            #expect(error.message == "parse: test: malformed JSON (not valid UTF-8)")
        }
    }

    @Test("A JSON Feed in little-endian UTF-16 or UTF-32 without a byte order mark reads like its UTF-8 form",
          arguments: [String.Encoding.utf16LittleEndian, .utf32LittleEndian])
    func jsonInWiderEncodings(encoding: String.Encoding) throws {
        let text = #"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "好消息 café"}]}"#
        let utf8 = try DocumentParser.parse(Array(text.utf8), context: Fixture.context())
        let wide = try DocumentParser.parse(Array(try #require(text.data(using: encoding))), context: Fixture.context())
        #expect(wide.platform == .jsonfeed)
        #expect(wide.items.map(\.title) == ["好消息 café"])
        #expect(wide.items.map(\.id) == utf8.items.map(\.id))
    }

    @Test("Billion laughs: internal DTD entities are never expanded")
    func billionLaughs() throws {
        var dtd = "<!ENTITY lol \"lol\">"
        for i in 1...9 { dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(dtd)]><rss><channel><item><title>&lol9;</title><guid>x</guid></item></channel></rss>"
        let result = try Fixture.parse(xml)
        let title = result.items.first?.title ?? ""
        #expect(title.count < 20)
        #expect(!title.contains("lollol"))
    }

    @Test("XXE: external entities are not resolved and no file is read")
    func externalEntity() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss><channel><item><title>a&xxe;b</title><guid>x</guid></item></channel></rss>"
        let result = try Fixture.parse(xml)
        let title = try #require(result.items.first?.title)
        #expect(!title.contains("root:"))
        #expect(title.hasPrefix("a"))
    }

    @Test("An external DTD is not loaded (no network, no file)")
    func externalDTD() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/never.dtd\"><rss><channel><item><title>t&eacute;</title></item></channel></rss>"
        #expect(try Fixture.parse(xml).items.first?.title == "té")
    }
}
