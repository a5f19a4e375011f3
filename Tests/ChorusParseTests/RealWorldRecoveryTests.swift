import ChorusModel
import ChorusParse
import Foundation
import Testing

/// Real feeds that are broken in the ways real publishers break them, and hostile variants:
/// bytes in the wrong encoding, bare `<` and `&`, unclosed tags, a cut. Every item a person
/// can read comes out, and the result says what was repaired.
@Suite("Real-world recovery and encodings")
struct RealWorldRecoveryTests {
    @Test func windows1252BytesInCDATAOfAUTF8FeedNoLongerEndTheParse() throws {
        // Declared UTF-8; item 9 holds a 0x92 (Windows-1252 apostrophe) inside CDATA.
        let result = try RealWorld.parse("feedjira__old_IanLandsmansWeblogv20.xml")
        #expect(result.items.count == 10)
        let peldi = try #require(result.items.first { $0.title == "Advice for Peldi" })
        #expect(peldi.text?.contains("“I don’t really feel like") == true)
        #expect(result.recovered)
    }

    @Test func aLatin1FeedWithoutDeclarationKeepsEveryItem() throws {
        let result = try RealWorld.parse("rss-parser__uolNoticias.rss")
        #expect(result.items.count == 15)
        #expect(result.items.first?.title == "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno")
        #expect(result.feed?.title == "UOL Noticias")
    }

    @Test func utf8ItemsInAFeedDeclaredISO88591AreReadAsUTF8() throws {
        let result = try RealWorld.parse("feedkit__Ampersand.xml")
        #expect(result.items.count == 20)
        #expect(result.items[1].title == "Brøndby til fans: Tag ikke til Horsens")
        #expect(!result.items.contains { ($0.title ?? "").contains("Ã") || ($0.text ?? "").contains("Ã") })
    }

    @Test func c1BytesInAnISO88591FeedAreWindows1252Quotes() throws {
        var doc = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>"#.utf8)
        doc += [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]  // “Café” – €5
        doc += Array("</title></item></channel></rss>".utf8)
        let result = try DocumentParser.parse(doc, context: Fixture.context())
        #expect(result.items.first?.title == "“Café” – €5")
    }

    @Test func aPlainISO88591FeedIsReadAsDeclared() throws {
        var doc = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>"#.utf8)
        doc += [0x53, 0x6F, 0x63, 0x69, 0xE9, 0x74, 0xE9, 0x20, 0xC3, 0x20, 0xA9]  // "Société Ã ©"
        doc += Array("</title></item></channel></rss>".utf8)
        let result = try DocumentParser.parse(doc, context: Fixture.context())
        #expect(result.items.first?.title == "Société Ã ©")
        #expect(!result.recovered)
    }

    private func feed(_ items: [String]) -> String {
        #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><link>https://e.example/</link>"#
            + items.enumerated().map { "<item><title>Item \($0.offset)</title><link>https://e.example/\($0.offset)</link>\($0.element)</item>" }.joined()
            + "</channel></rss>"
    }

    @Test(arguments: [
        ("<description>a < b and c & d</description>", "a < b and c & d"),
        ("<description>x <= y</description>", "x <= y"),
        ("<description><b>bold, never closed</description>", "bold, never closed"),
        ("<foo><description>inside an unclosed element</description>", "inside an unclosed element"),
        ("<description>stray end tag</i></description>", "stray end tag"),
    ])
    func brokenMarkupInTheSecondItemCostsNothingElse(_ broken: String, _ text: String) throws {
        let items = (0..<6).map { $0 == 1 ? broken : "<description>fine \($0)</description>" }
        let result = try Fixture.parse(feed(items))
        #expect(result.items.map(\.title) == (0..<6).map { "Item \($0)" })
        #expect(result.items.map(\.url) == (0..<6).map { "https://e.example/\($0)" })
        #expect(result.items[1].text == text)
        #expect(result.items[5].text == "fine 5")
        #expect(result.recovered && result.damagedItems >= 1 && !result.truncated)
    }

    @Test func aCutInsideTheLastItemKeepsWhatItHasAndSaysSo() throws {
        let whole = feed((0..<4).map { "<description>body \($0)</description>" })
        let cut = String(whole[..<whole.range(of: "body 3")!.upperBound])
        let result = try Fixture.parse(cut)
        #expect(result.items.map(\.title) == ["Item 0", "Item 1", "Item 2", "Item 3"])
        #expect(result.items[3].text == "body 3")
        #expect(result.truncated && result.damagedItems == 1)
        #expect(result.warnings.first == "the document is cut short (elements left open at its end)")
    }

    @Test func repairNeverTouchesCDATACommentsOrAWellFormedFeed() throws {
        let xml = feed(["<description><![CDATA[a < b & <not-a-tag>]]></description><!-- < & -->"])
        let result = try Fixture.parse(xml)
        #expect(result.items.first?.text == "a < b &")
        #expect(!result.recovered && result.damagedItems == 0)
    }

    @Test(arguments: [1, 2, 3, 7, 4096])
    func theRepairIsTheSameWhateverTheChunksAre(_ size: Int) throws {
        var doc = Array(#"<?xml version="1.0" encoding="utf-8"?><rss><channel><item><title><![CDATA[Caf"#.utf8)
        doc += [0xE9, 0x20, 0xE2, 0x82, 0xAC, 0x20, 0xF0, 0x9F, 0x98, 0x80, 0x20, 0x93, 0x71, 0x94]  // é € 😀 “q” (é, “ ” in Windows-1252)
        doc += Array("]]></title></item><item><title>next</title></item></channel></rss>".utf8)
        var titles: [String?] = []
        let parser = FeedStreamParser(context: Fixture.context()) { titles.append($0.title) }
        var i = 0
        while i < doc.count {
            parser.feed(Array(doc[i..<min(i + size, doc.count)]))
            i += size
        }
        let result = try parser.finish()
        #expect(titles == ["Café € 😀 “q”", "next"])
        #expect(result.recovered)
    }
}
