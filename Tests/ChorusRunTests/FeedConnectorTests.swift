import ChorusTestSupport
import Foundation
import GRDB
import Testing
@testable import ChorusConnectors
import ChorusModel

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

    /// The stored cursor holds the URL's digest, the same after every poll (the connector
    /// rewrites it only when it changes, which leaves the same bytes); a state an earlier
    /// version wrote (the plain URL under a flat `origin` key) is upgraded to the digest on its
    /// next poll and keeps its validators (304).
    @Test func theCursorKeepsTheURLDigestAcrossPollsAndUpgradesALegacyOrigin() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("news", h.url("alpha.rss"))])
        let queue = { try DatabaseQueue(path: h.statePath.path) }
        func cursor() throws -> String? {
            try queue().read { try String.fetchOne($0, sql: "SELECT cursor FROM source WHERE name = 'news'") }
        }
        let digest = "sha256:" + Hex.lowercase(SHA256.hash(Array(h.url("alpha.rss").utf8)).prefix(16))
        let typed = "{\"feed\":{\"origin\":\"\(digest)\"}}"
        #expect(try h.run().status == 0)
        #expect(try cursor() == typed)
        #expect(try h.run(["--ignore-schedule"]).status == 0)
        #expect(try cursor() == typed)
        try queue().write { try $0.execute(sql: "UPDATE source SET cursor = ? WHERE name = 'news'", arguments: ["{\"origin\":\"\(h.url("alpha.rss"))\"}"]) }
        #expect(try h.run(["--ignore-schedule"]).status == 0)
        #expect(try cursor() == typed)
        let summary = try #require(try h.summaries().last)
        #expect((summary["sources"] as? [[String: Any]])?.first?["http_status"] as? Int == 304)
        #expect(try h.allRecords().count == 2)
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
