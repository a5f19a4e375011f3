import ChorusTestSupport
import Foundation
import GRDB
import Testing
@testable import ChorusConnectors

@Suite("Feed connector", .serialized)
struct FeedConnectorTests {
    @Test(arguments: [
        ("application/rss+xml; charset=windows-1252", "windows-1252"),
        ("text/xml; Charset=\"UTF-8\"", "UTF-8"),
        ("application/atom+xml", nil),
        ("text/xml; charset=", nil),
    ] as [(String, String?)])
    func theCharsetComesFromTheContentTypeParameter(_ header: String, _ charset: String?) {
        #expect(FeedConnector.charset(header) == charset)
    }

    @Test func aPermanentRedirectIsRememberedAsTheCurrentURLAndUsedNextTime() throws {
        let h = try IngestHarness(extraServerConfig: "location = /old.rss { return 301 /alpha.rss; }")
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("moved", h.url("old.rss"))])
        #expect(try h.run().status == 0)
        #expect(try h.allRecords().count == 2)
        let queue = try DatabaseQueue(path: h.statePath.path)
        let row = try queue.read { try Row.fetchOne($0, sql: "SELECT current_url, etag FROM source WHERE name = 'moved'") }
        #expect(row?["current_url"] as String? == h.url("alpha.rss"))
        #expect((row?["etag"] as String?)?.isEmpty == false)
        // The next run goes straight to the new URL with the stored ETag: 304, nothing written.
        #expect(try h.run(["--ignore-schedule"]).status == 0)
        let summary = try #require(try h.summaries().last)
        #expect((summary["sources"] as? [[String: Any]])?.first?["http_status"] as? Int == 304)
    }

    @Test func changingTheConfiguredURLDropsTheOldValidators() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeFeed("beta", items: 0..<3)
        try h.writeConfig(feeds: [("news", h.url("alpha.rss"))])
        #expect(try h.run().status == 0)
        try h.writeConfig(feeds: [("news", h.url("beta.rss"))])
        #expect(try h.run(["--ignore-schedule"]).status == 0)
        let summary = try #require(try h.summaries().last)
        #expect((summary["sources"] as? [[String: Any]])?.first?["http_status"] as? Int == 200)
        #expect(try h.allRecords().count == 5)
    }
}
