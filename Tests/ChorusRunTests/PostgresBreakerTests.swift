import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// The circuit breaker on a shared PostgreSQL state: a poison-pill source that kills worker 1's
/// runs is quarantined in the database, so worker 2 (another output folder, the same poison in
/// its environment) skips it instead of dying, and both deliver the other sources exactly once.
@Suite("Circuit breaker on PostgreSQL", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresBreakerTests {
    static let feeds = ["alpha", "poison", "beta"]

    @Test func aPoisonPillQuarantinedByOneWorkerIsSkippedByTheOthers() throws {
        let h = try IngestHarness()
        for (i, feed) in Self.feeds.enumerated() { try h.writeFeed(feed, items: (i * 10)..<(i * 10 + 3)) }
        let c = try WorkerCluster(h, database: "breaker")
        for n in 1...2 { try c.writeConfig(worker: n, sources: Self.feeds) }
        let poison = ["CHORUS_FAULT_KILL_SOURCE": "poison"]

        for attempt in 1...3 {
            let w = try c.start(worker: 1, environment: poison)
            _ = w.wait()
            #expect(w.process.terminationReason == .uncaughtSignal, "run \(attempt) is killed by the poison: \(w.said)")
        }
        // The fourth run counts the third strike and quarantines the source in PostgreSQL.
        let fourth = try c.start(worker: 1, environment: poison)
        #expect(fourth.wait() == 1, "a quarantined source is a partial failure: \(fourth.said)")
        #expect(fourth.said.contains("quarantined until"))
        #expect(try c.query("SELECT strikes FROM breaker WHERE name = 'poison' AND quarantined_until IS NOT NULL") == "3")
        #expect(try c.query("SELECT count(*) FROM breaker") == "1", "the bystanders' strikes were cleared")

        // Worker 2 has never died, but reads the quarantine from the shared state.
        try h.writeFeed("alpha", items: 0..<5)
        try h.writeFeed("beta", items: 20..<26)
        let other = try c.start(worker: 2, environment: poison)
        #expect(other.wait() == 1, "skipped, not killed: \(other.said)")
        #expect(other.process.terminationReason == .exit)
        #expect(other.said.contains("poison") && other.said.contains("quarantined until"), "\(other.said)")
        let all = try c.ids(workers: 1...2)
        #expect(Set(all).count == all.count, "no item twice")
        #expect(all.count == 5 + 6, "alpha's 5 and beta's 6 items, each once, none of the poison's")
    }
}
