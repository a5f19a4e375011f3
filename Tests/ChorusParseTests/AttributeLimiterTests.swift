import ChorusModel
import Foundation
import Testing
@testable import ChorusParse

/// One element may keep at most AttributeLimiter.maxAttributes attributes (libxml2 checks
/// them against each other in quadratic time): the rest are dropped before libxml2 reads them.
@Suite("Attributes per element")
struct AttributeLimiterTests {
    static let max = AttributeLimiter.maxAttributes

    static func attributes(_ n: Int, from first: Int = 0) -> String {
        (first..<(first + n)).map { "a\($0)=\"v\($0)>'\"" }.joined(separator: " ")
    }

    /// The limiter's output for `bytes` pushed in chunks of `size`.
    static func limited(_ bytes: [UInt8], chunk size: Int) -> (text: String, cut: Int) {
        var limiter = AttributeLimiter()
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + size)
            bytes[i..<end].withUnsafeBytes { limiter.filter($0) { out.append(contentsOf: $0) } }
            i = end
        }
        return (String(decoding: out, as: UTF8.self), limiter.cutTags)
    }

    @Test("A tag over the limit keeps its first attributes and its end, in chunks of any size", arguments: [1, 7, 64, 1000, 1 << 20])
    func cutsInChunks(size: Int) {
        let text = String(repeating: "x = y ", count: 400)
        let document = "<r><e \(Self.attributes(Self.max + 300))/><t>\(text)</t><f \(Self.attributes(Self.max))>z</f></r>"
        let (out, cut) = Self.limited(Array(document.utf8), chunk: size)
        #expect(out == "<r><e \(Self.attributes(Self.max))/><t>\(text)</t><f \(Self.attributes(Self.max))>z</f></r>")
        #expect(cut == 1)
    }

    @Test("Documents without such a tag pass unchanged, CDATA and comments too")
    func unchangedOtherwise() {
        let document = "<?xml version=\"1.0\"?><!-- \(String(repeating: "a=b ", count: 2000)) --><r x=\"1\"><![CDATA[\(String(repeating: "<p q='1'> ", count: 500))]]></r>"
        #expect(Self.limited(Array(document.utf8), chunk: 100).text == document)
    }

    @Test("The last `<` search finds the last one at every offset")
    func lastLT() {
        for length in 0..<20 {
            for at in [-1] + Array(0..<length) {
                var bytes = [UInt8](repeating: UInt8(ascii: "="), count: length)
                if at >= 0 { bytes[at] = UInt8(ascii: "<") }
                // A `=` (0x3D, one above `<`) right after the match must not be taken for one.
                let found = bytes.withUnsafeBytes { AttributeLimiter.lastLT($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, from: 0, to: length) }
                #expect(found == (at >= 0 ? at : nil))
            }
        }
    }

    @Test("An entry whose link holds 100,000 attributes keeps its href when it comes first, and says what was dropped")
    func hugeElement() throws {
        let junk = (0..<100_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let result = try Fixture.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id><link href="https://x.example/1" \(junk)/><title>one</title></entry>
            <entry><id>e2</id><link \(junk) href="https://x.example/2"/><title>two</title></entry></feed>
            """)
        #expect(result.items.map(\.url) == ["https://x.example/1", nil])
        #expect(result.items.map(\.title) == ["one", "two"])
        #expect(result.recovered)
        #expect(result.warnings.contains("2 elements with more than \(Self.max) attributes: the rest ignored"))
    }

    /// `xml` in UTF-16 or UTF-32 of the given byte order, with a byte order mark when `bom`.
    static func wide(_ xml: String, form: WideTranscoder.Form, bom: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        let scalars = (bom ? [Unicode.Scalar(0xFEFF)!] : []) + Array(xml.unicodeScalars)
        for scalar in scalars {
            let units: [UInt32] = form.unitSize == 4 ? [scalar.value] : String(scalar).utf16.map { UInt32($0) }
            for unit in units {
                let le = (0..<form.unitSize).map { UInt8(truncatingIfNeeded: unit >> (8 * UInt32($0))) }
                bytes += form == .utf16LE || form == .utf32LE ? le : le.reversed()
            }
        }
        return bytes
    }

    @Test("UTF-16 and UTF-32 documents get the same limit (transcoded to UTF-8 before libxml2)",
          arguments: [(WideTranscoder.Form.utf16LE, true), (.utf16BE, true), (.utf16LE, false), (.utf16BE, false),
                      (.utf32LE, true), (.utf32BE, true), (.utf32LE, false), (.utf32BE, false)])
    func wideDocuments(form: WideTranscoder.Form, bom: Bool) throws {
        let junk = (0..<100_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let xml = """
            <?xml version="1.0" encoding="\(form.unitSize == 2 ? "UTF-16" : "UTF-32")"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id><link href="https://x.example/1" \(junk)/><title>un été 🌞</title></entry></feed>
            """
        let result = try DocumentParser.parse(Self.wide(xml, form: form, bom: bom), context: Fixture.context())
        #expect(result.items.map(\.title) == ["un été 🌞"])
        #expect(result.items.map(\.url) == ["https://x.example/1"])
        #expect(result.warnings.contains("1 element with more than \(Self.max) attributes: the rest ignored"))
    }
}
