import ChorusTestSupport
import Foundation
import Testing

/// A source that kills the process on every run is quarantined after three strikes while the
/// other sources land exactly once; it is tried again when asked for, and clears when it finishes.
@Suite("Circuit breaker for poison pills", .serialized)
struct CircuitBreakerTests {
    func run(_ h: IngestHarness, _ args: [String], poison: String?) throws -> (status: Int32, killed: Bool, stderr: String) {
        let (process, _, err) = try h.start(args, environment: poison.map { ["CHORUS_FAULT_KILL_SOURCE": $0] } ?? [:])
        IngestHarness.wait(process)
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return (process.terminationStatus, killed, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    @Test func aSourceThatKillsEveryRunIsQuarantinedAndTheOthersLand() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeFeed("beta", items: 10..<12)
        try h.writeFeed("poison", items: 20..<22)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss")), ("poison", h.url("poison.rss")), ("beta", h.url("beta.rss"))])

        // Three runs die with the poison in flight (strikes 1 and 2 are counted by the next runs).
        for attempt in 1...3 {
            let r = try run(h, ["--ignore-schedule"], poison: "poison")
            #expect(r.killed, "run \(attempt) is killed by the poison source: \(r.status) \(r.stderr)")
        }
        #expect(try h.allRecords().isEmpty, "nothing was ever committed")

        // The fourth run counts the third strike, quarantines the poison, and the rest land.
        let landed = try run(h, ["--ignore-schedule"], poison: "poison")
        #expect(!landed.killed)
        #expect(landed.status == 1, "a quarantined source is a partial failure: \(landed.stderr)")
        #expect(landed.stderr.contains("poison"))
        #expect(landed.stderr.contains("quarantined until"))
        let ids = try h.allRecords().compactMap { $0?["id"] as? String }
        #expect(ids.count == 5, "alpha and beta land, once each")
        #expect(Set(ids).count == ids.count)
        let summary = try #require(try h.summaries().last)
        let sources = try #require(summary["sources"] as? [[String: Any]])
        let poisonReport = try #require(sources.first { $0["name"] as? String == "poison" })
        #expect(poisonReport["status"] as? String == "quarantined")
        #expect((poisonReport["error"] as? String)?.contains("the run died") == true)
        #expect(sources.filter { $0["status"] as? String == "ok" }.count == 2, "the bystanders' strikes were cleared")
        #expect((summary["totals"] as? [String: Any])?["quarantined_sources"] as? Int == 1)

        let check = try h.run([], command: "check")
        #expect(check.status == 0)
        #expect(check.stderr.contains("source poison: quarantined until"), "\(check.stderr)")
        #expect(!check.stderr.contains("source alpha"), "\(check.stderr)")

        // Still quarantined on the next run; asked for by name (its input fixed), it runs and clears.
        #expect(try run(h, ["--ignore-schedule"], poison: nil).status == 1)
        let named = try run(h, ["--source", "poison"], poison: nil)
        #expect(named.status == 0, "\(named.stderr)")
        #expect(try h.allRecords().count == 7)
        let after = try run(h, ["--ignore-schedule"], poison: nil)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try h.run([], command: "check").stderr.isEmpty)
    }
}
