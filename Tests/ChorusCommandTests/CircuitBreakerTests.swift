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

    /// `chorus status` as a table 200 columns wide (its detail lines are cut to the width).
    func statusTable(_ h: IngestHarness) throws -> String {
        let (process, out, err) = try h.start([], command: "status", environment: ["COLUMNS": "200"])
        IngestHarness.wait(process)
        #expect(process.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        return (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    }

    /// `chorus status --format json`'s entry for each source, by name.
    func statusSources(_ h: IngestHarness) throws -> [String: [String: Any]] {
        let r = try h.run(["--format", "json"], command: "status")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let sources = try #require(object["sources"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: sources.compactMap { s in (s["name"] as? String).map { ($0, s) } })
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

        // Status shows the strikes counted so far (runs 2 and 3 each counted one), not yet a quarantine.
        let struck = try #require(try statusSources(h)["poison"])
        #expect(struck["strikes"] as? Int == 2, "\(struck)")
        #expect(struck["state"] as? String != "quarantined")
        #expect(struck["quarantined_until"] is NSNull)
        #expect((struck["strike_cause"] as? String)?.contains("the run died") == true)
        let struckTable = try statusTable(h)
        #expect(struckTable.contains("  strikes: 2 of 3, it runs alone first next time: the run died"), "\(struckTable)")
        let struckCheck = try h.run([], command: "check")
        #expect(struckCheck.status == 0)
        #expect(struckCheck.stderr.contains("check: source poison: 2 strikes of 3 (the run died"), "\(struckCheck.stderr)")

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

        // Status shows the quarantine: state, strikes, cause and until when, in both formats.
        let status = try statusSources(h)
        let held = try #require(status["poison"])
        #expect(held["state"] as? String == "quarantined")
        #expect(held["strikes"] as? Int == 3)
        #expect((held["strike_cause"] as? String)?.contains("the run died") == true)
        let until = try #require(held["quarantined_until"] as? String)
        let untilDate = try #require(ISO8601DateFormatter().date(from: until))
        #expect(untilDate.timeIntervalSinceNow > 3000 && untilDate.timeIntervalSinceNow <= 3600, "quarantined for an hour: \(until)")
        #expect(held["next_due"] as? String == until, "the next fetch waits for the quarantine to end")
        #expect(status["alpha"]?["state"] as? String == "ok")
        #expect(status["alpha"]?["strikes"] as? Int == 0)
        #expect(status["alpha"]?["quarantined_until"] is NSNull)
        let table = try statusTable(h)
        let poisonRow = try #require(table.split(separator: "\n").first { $0.hasPrefix("poison ") })
        #expect(poisonRow.contains("quarantined"), "\(table)")
        #expect(table.contains("  quarantined until \(until) (in "), "\(table)")
        #expect(table.contains("after 3 strikes: the run died"), "\(table)")
        #expect(!table.contains("strikes: 0"), "\(table)")
        // A quarantined source counts as failing for --fail-after (poison never succeeded: since its last strike).
        #expect(held["failing_since"] is String, "\(held)")
        let overdue = try h.run(["--fail-after", "1ms"], command: "status")
        #expect(overdue.status == 2, "\(overdue.stderr)")
        #expect(overdue.stderr.contains("failing for longer than 1ms: poison"), "\(overdue.stderr)")

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

    /// The issue's poison pill: a JSON Feed whose attachment size is 1e999 or 2^64 trapped and
    /// killed every run before anything was written. Now the config with it and a good feed
    /// writes both, the huge size as a null length.
    @Test func theIssuesPoisonPillConfigWritesEverySource() throws {
        let h = try IngestHarness()
        try h.writeFeed("good", items: 0..<3)
        let poison = """
            {"version":"https://jsonfeed.org/version/1.1","title":"p","items":[
            {"id":"p1","url":"https://x.example/1","attachments":[{"url":"https://x.example/a.mp3","mime_type":"audio/mpeg","size_in_bytes":1e999}]},
            {"id":"p2","url":"https://x.example/2","attachments":[{"url":"https://x.example/b.mp3","size_in_bytes":18446744073709551616}]}]}
            """
        try poison.write(to: h.www.appendingPathComponent("poison.json"), atomically: true, encoding: .utf8)
        try h.writeConfig(feeds: [("good", h.url("good.rss")), ("poison", h.url("poison.json"))])
        let r = try h.run()
        #expect(r.status == 0, "\(r.stderr)")
        let records = try h.allRecords().compactMap { $0 }
        #expect(records.filter { $0["source"] as? String == "good" }.count == 3)
        let pills = records.filter { $0["source"] as? String == "poison" }
        #expect(pills.count == 2)
        for item in pills {
            let enclosure = try #require((item["enclosures"] as? [[String: Any]])?.first)
            #expect(enclosure["length"] is NSNull, "\(enclosure)")
        }
        #expect(try h.run(["--ignore-schedule"]).status == 0, "and again on the next run")
    }
}
