import ChorusModel
import ChorusParse
import Foundation
import Testing

/// FeedStreamParser gives the same items however the bytes are cut, one at a time, in order.
@Suite("Streaming")
struct StreamingTests {
    @Test("Byte-at-a-time and odd chunk sizes give the same items as one buffer", arguments: [1, 3, 7, 64, 4096])
    func chunking(size: Int) throws {
        for sample in ["reuters-zte.rss", "techwire-zte.atom", "zte-weibo-gb18030.rss", "telegraphe-cp1252.rss", "zte-broken.rss", "zte-notes.json"] {
            let bytes = try Fixture.sample(sample)
            let whole = try DocumentParser.parse(bytes, context: Fixture.context())
            var streamed: [Item] = []
            let parser = FeedStreamParser(context: Fixture.context()) { streamed.append($0) }
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + size, bytes.count)
                parser.feed(Array(bytes[offset..<end]))
                offset = end
            }
            let result = try parser.finish()
            #expect(streamed == whole.items, "\(sample) in chunks of \(size)")
            #expect(result.items.isEmpty)
            #expect(result.recovered == whole.recovered)
        }
    }

    @Test("Items arrive while the document is still being fed")
    func itemsArriveEarly() throws {
        var seen: [String?] = []
        let parser = FeedStreamParser(context: Fixture.context()) { seen.append($0.title) }
        parser.feed(Array("<rss><channel><item><title>first</title></item>".utf8))
        #expect(seen == ["first"])
        parser.feed(Array("<item><title>second</title></item></channel></rss>".utf8))
        #expect(seen == ["first", "second"])
        _ = try parser.finish()
    }

    @Test("A long generated feed streams every item in order")
    func longFeed() throws {
        let parser: FeedStreamParser
        var count = 0
        var ordered = true
        parser = FeedStreamParser(context: Fixture.context()) { item in
            if item.nativeID != "g\(count)" { ordered = false }
            count += 1
        }
        parser.feed(Array("<rss><channel><title>big</title>".utf8))
        for i in 0..<20_000 {
            parser.feed(Array("<item><guid isPermaLink=\"false\">g\(i)</guid><title>Item \(i) &amp; ZTE</title><description>&lt;p&gt;Body \(i)&lt;/p&gt;</description></item>".utf8))
        }
        parser.feed(Array("</channel></rss>".utf8))
        _ = try parser.finish()
        #expect(count == 20_000)
        #expect(ordered)
    }
}
