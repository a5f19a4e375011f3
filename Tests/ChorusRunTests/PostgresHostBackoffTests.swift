import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// A host that answers 429 to one worker is paused for every worker on the shared state: the
/// next worker does not ask it at all (for any source on it) until the server's `Retry-After`.
@Suite("Shared host back-off", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresHostBackoffTests {
    @Test func aHostThatAnswered429ToOneWorkerIsNotAskedByAnother() throws {
        let h = try IngestHarness(extraServerConfig: "location = /busy.rss { add_header Retry-After 120 always; return 429; }")
        try h.writeFeed("calm", items: 0..<3)
        let c = try WorkerCluster(h, database: "backoff")
        try c.writeConfig(worker: 1, sources: ["busy"])
        try c.writeConfig(worker: 2, sources: ["calm"])

        let first = try c.start(worker: 1)
        #expect(first.wait() == 1, "the 429 fails its source: \(first.said)")
        let until = try #require(try c.query("SELECT until FROM host_backoff").flatMap(Double.init))
        let wait = until - Date().timeIntervalSince1970
        #expect(wait > 100 && wait <= 120, "the server's Retry-After: \(wait) s")

        // Worker 2 has never been told 429, and its feed is fine: the shared pause keeps it off the host.
        let second = try c.start(worker: 2)
        #expect(second.wait() == 1, "\(second.said)")
        #expect(second.said.contains("asked for a pause until"), "\(second.said)")
        #expect(try c.ids(worker: 2).isEmpty, "calm.rss was not fetched")

        // Once the pause is over, worker 2 fetches it.
        _ = try c.query("UPDATE host_backoff SET until = 0 RETURNING 1")
        let later = try c.start(worker: 2)
        #expect(later.wait() == 0, "\(later.said)")
        #expect(try c.ids(worker: 2).count == 3)
    }
}
