import ChorusTestSupport
import Foundation
import Testing

/// `chorus ingest` over feeds that need recovery: every readable item is written, the run
/// summary counts the recovered document and its damaged items, and a cut is never silent.
@Suite("chorus ingest of damaged feeds", .serialized)
struct IngestDamagedFeedTests {
    private func feed(items: Int, broken: Int, cutAfter: Int? = nil) -> String {
        var xml = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>D</title><link>https://d.example/</link>"#
        for i in 0..<items {
            let body = i == broken ? "a < b & c" : "body \(i)"
            xml += "<item><guid>https://d.example/\(i)</guid><title>Item \(i)</title><description>\(body)</description></item>"
        }
        xml += "</channel></rss>"
        if let cutAfter, let range = xml.range(of: "<title>Item \(cutAfter)</title>") { xml = String(xml[..<range.upperBound]) }
        return xml
    }

    private func source(_ summary: [String: Any]) -> [String: Any]? {
        (summary["sources"] as? [[String: Any]])?.first
    }

    @Test func aBareLessThanInTheSecondItemCostsNoItemAndIsCounted() throws {
        let h = try IngestHarness()
        try feed(items: 6, broken: 1).write(to: h.www.appendingPathComponent("d.rss"), atomically: true, encoding: .utf8)
        try h.writeConfig(feeds: [("damaged", h.url("d.rss"))])
        let run = try h.run()
        #expect(run.status == 0, "\(run.stderr)")
        let records = try h.allRecords().compactMap { $0 }
        #expect(records.map { $0["title"] as? String } == (0..<6).map { "Item \($0)" })
        #expect(records[1]["text"] as? String == "a < b & c")
        let summary = try #require(try h.summaries().last)
        #expect(source(summary)?["recovered"] as? Int == 1)
        #expect(source(summary)?["damaged"] as? Int == 1)
        #expect((summary["totals"] as? [String: Any])?["recovered"] as? Int == 1)
        #expect(!run.stderr.contains("cut short"))
    }

    @Test func aDocumentCutShortIsAWarningNamingTheSource() throws {
        let h = try IngestHarness()
        try feed(items: 6, broken: -1, cutAfter: 4).write(to: h.www.appendingPathComponent("d.rss"), atomically: true, encoding: .utf8)
        try h.writeConfig(feeds: [("cut-feed", h.url("d.rss"))])
        let run = try h.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try h.allRecords().compactMap { $0?["title"] as? String } == (0..<5).map { "Item \($0)" })
        #expect(run.stderr.contains("parse: cut-feed: the document was cut short; kept 5 items (1 damaged)"), "\(run.stderr)")
        let summary = try #require(try h.summaries().last)
        #expect(source(summary)?["damaged"] as? Int == 1)
    }
}
