import ChorusParse
import Foundation
import Testing

/// Real documents in each encoding Chorus promises (fixtures made with the codecs themselves).
@Suite("Encodings")
struct EncodingTests {
    @Test("Declared or BOM-marked encodings decode to the right UTF-8 text", arguments: [
        "utf-8-bom", "utf-16le", "utf-16be", "iso-8859-1", "windows-1252", "gb2312", "gbk", "gb18030", "big5", "shift_jis", "koi8-r",
    ])
    func declared(name: String) throws {
        let expected = try Fixture.text("encodings/\(name).txt")
        let result = try DocumentParser.parse(try Fixture.bytes("encodings/\(name).rss"), context: Fixture.context())
        let item = try #require(result.items.first)
        #expect(item.title == expected)
        #expect(item.text == expected)
        #expect(item.nativeID == name)
        #expect(!result.recovered)
    }

    @Test("The HTTP charset decodes a document that declares nothing", arguments: [("http-shift_jis", "Shift_JIS"), ("http-koi8-r", "KOI8-R")])
    func httpCharset(name: String, charset: String) throws {
        let expected = try Fixture.text("encodings/\(name).txt")
        let result = try DocumentParser.parse(try Fixture.bytes("encodings/\(name).rss"), context: Fixture.context(charset: charset))
        #expect(result.items.first?.title == expected)
    }

    @Test("The HTTP charset wins over a wrong XML declaration")
    func httpWinsOverDeclaration() throws {
        // The GB18030 fixture with its declaration rewritten to a wrong one (same byte length).
        var doc = try Fixture.bytes("encodings/gb18030.rss")
        let declared = Array("GB18030".utf8), wrong = Array("LATIN-1".utf8)
        let at = try #require((0..<100).first { Array(doc[$0..<($0 + declared.count)]) == declared })
        doc.replaceSubrange(at..<(at + declared.count), with: wrong)
        let result = try DocumentParser.parse(doc, context: Fixture.context(charset: "GB18030"))
        #expect(result.items.first?.title == (try Fixture.text("encodings/gb18030.txt")))
    }

    @Test("A feed declaring UTF-8 but holding Windows-1252 bytes is repaired, not mangled")
    func wrongDeclaredEncoding() throws {
        var doc = Array(#"<?xml version="1.0" encoding="UTF-8"?><rss><channel><item><title>Soci"#.utf8)
        doc += [0xE9, 0x74, 0xE9, 0x20, 0x93, 0x41, 0x94]  // "Société “A”" in Windows-1252
        doc += Array("</title><description>fine</description></item></channel></rss>".utf8)
        let result = try DocumentParser.parse(doc, context: Fixture.context())
        #expect(result.items.first?.title == "Société “A”")
        #expect(result.recovered)
    }
}
