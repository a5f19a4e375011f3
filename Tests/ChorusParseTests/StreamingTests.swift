import ChorusModel
import ChorusParse
import Foundation
import Synchronization
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

    @Test("The pipelined parser gives the same items, in order, as the single-threaded one")
    func pipelined() throws {
        for sample in ["reuters-zte.rss", "techwire-zte.atom", "zte-wire.rdf", "zte-weibo-gb18030.rss", "zte-broken.rss", "zte-notes.json"] {
            let bytes = try Fixture.sample(sample)
            let whole = try DocumentParser.parse(bytes, context: Fixture.context())
            let collected = Collected()
            let parser = FeedStreamParser.pipelined(context: Fixture.context()) { collected.append($0) }
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 100, bytes.count)
                parser.feed(Array(bytes[offset..<end]))
                offset = end
            }
            let result = try parser.finish()
            #expect(collected.items == whole.items, "\(sample)")
            #expect(result.recovered == whole.recovered)
            #expect(result.unparsedDates == whole.unparsedDates)
        }
    }

    @Test("A long feed through the pipeline keeps every item and the order, and counts the dates it cannot read")
    func pipelinedLong() throws {
        let collected = Collected()
        let parser = FeedStreamParser.pipelined(context: Fixture.context()) { collected.append($0) }
        parser.feed(Array("<rss><channel><title>big</title>".utf8))
        for i in 0..<5_000 {
            let date = i % 7 == 0 ? "<pubDate>not a date</pubDate>" : ""
            parser.feed(Array("<item><guid isPermaLink=\"false\">g\(i)</guid><title>Item \(i)</title>\(date)<description>&lt;p&gt;Body \(i)&lt;/p&gt;</description></item>".utf8))
        }
        parser.feed(Array("</channel></rss>".utf8))
        let result = try parser.finish()
        // The worker's adapter reads the dates: its count reaches the result.
        #expect(result.unparsedDates == (0..<5_000).filter { $0 % 7 == 0 }.count)
        #expect(collected.items.map(\.nativeID) == (0..<5_000).map { "g\($0)" })
        #expect(collected.items.last?.text == "Body 4999")
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

/// Items gathered by a pipelined parser's worker thread and read after `finish()` returned.
final class Collected: Sendable {
    private let storage = Mutex<[Item]>([])

    func append(_ item: Item) { storage.withLock { $0.append(item) } }

    var items: [Item] { storage.withLock { $0 } }
}
