import ChorusTestSupport
import Foundation
import Testing

/// `max_duration` and SIGTERM cut a source stuck in a slow parse (here: escaped HTML in an entry
/// whose one tag has 100,000 attributes, which libxml2 2.9's HTML parser, reached because the body
/// also holds a comment, checks against each other in quadratic time; see docs/parsing.md): the
/// run leaves it behind after a short grace, names it on stderr, commits what finished, and the
/// next run counts the hang as a strike.
@Suite("A slow parse is cut by max_duration and SIGTERM", .serialized)
struct SlowParseTests {
    static func slowFeed() -> String {
        let attributes = (0..<100_000).map { "a\($0)=&quot;v&quot;" }.joined(separator: " ")
        return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>e</id><content type=\"html\">&lt;!-- c --&gt;&lt;p \(attributes)&gt;x</content></entry></feed>"
    }

    func prepare() throws -> IngestHarness {
        let h = try IngestHarness()
        try h.writeFeed("quick", items: 0..<3)
        try Self.slowFeed().write(to: h.www.appendingPathComponent("slow.atom"), atomically: true, encoding: .utf8)
        try h.writeConfig(feeds: [("quick", h.url("quick.rss")), ("slow", h.url("slow.atom"))])
        return h
    }

    func check(_ h: IngestHarness, status: Int32, stderr: String, stoppedBy: String) throws {
        #expect(status == 1, "\(stderr)")
        #expect(stderr.contains("run: slow: still working"), "\(stderr)")
        let records = try h.allRecords()
        #expect(records.count == 3)
        #expect(records.allSatisfy { ($0?["source"] as? String) == "quick" })
        let summary = try #require(try h.summaries().last)
        #expect(summary["stopped_by"] as? String == stoppedBy)
        let statuses = Dictionary(uniqueKeysWithValues: ((summary["sources"] as? [[String: Any]]) ?? []).map {
            ($0["name"] as? String ?? "", $0["status"] as? String ?? "")
        })
        #expect(statuses == ["quick": "ok", "slow": "cancelled"])
    }

    @Test func maxDurationLeavesASlowParseBehind() throws {
        let h = try prepare()
        let (process, _, err) = try h.start(["--max-duration", "2s"])
        // The parse alone takes far longer than this; the cut must not wait for it.
        IngestHarness.wait(process, limit: 25)
        try check(h, status: process.terminationStatus, stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", stoppedBy: "max-duration")
        // The next run counts the hang against the source.
        let next = try h.run(["--max-duration", "2s"])
        #expect(next.stderr.contains("slow was in flight when the previous run died (strike 1 of 3)"), "\(next.stderr)")
    }

    @Test func sigtermLeavesASlowParseBehind() throws {
        let h = try prepare()
        let (process, _, err) = try h.start(["--verbose"])
        func quickDone() -> Bool { ((try? String(contentsOf: err, encoding: .utf8)) ?? "").contains("source=quick") }
        let deadline = Date().addingTimeInterval(20)
        while !quickDone() && Date() < deadline { usleep(20_000) }
        let reached = quickDone()
        usleep(300_000)
        kill(process.processIdentifier, SIGTERM)
        IngestHarness.wait(process, limit: 25)
        try #require(reached, "the run did not report the quick source done within 20 s")
        try check(h, status: process.terminationStatus, stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", stoppedBy: "SIGTERM")
    }
}
