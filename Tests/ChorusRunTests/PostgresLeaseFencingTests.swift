import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Leases on a shared PostgreSQL state under a slow source and a stalled worker, with real
/// processes: a live worker renews its leases while a slow source runs, so no other worker takes
/// its sources; a worker stopped (SIGSTOP) past its lease loses them to another worker, which
/// delivers, and after SIGCONT its fenced commit fails with "lease lost" and writes nothing.
@Suite("Lease renewal and fencing", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresLeaseFencingTests {
    static let feeds = ["slow", "f0", "f1", "f2", "f3"]
    /// Items in all feeds: 40 in `slow`, 12 in each other.
    static let total = 40 + 4 * 12

    /// A cluster whose `slow.rss` (11 KB, not compressed) trickles out over about five seconds (nginx `limit_rate`),
    /// with leases of one second.
    private func cluster(_ name: String) throws -> WorkerCluster {
        let h = try IngestHarness(extraServerConfig: "location = /slow.rss { gzip off; limit_rate 2000; }")
        for feed in Self.feeds { try h.writeFeed(feed, items: 0..<(feed == "slow" ? 40 : 12)) }
        var c = try WorkerCluster(h, database: name)
        c.stateExtra = "lease: 1s"
        for n in 1...2 { try c.writeConfig(worker: n, sources: Self.feeds) }
        return c
    }

    /// Sources whose lease carries a token (a run holds them); 0 before the first run made the tables.
    private func leased(_ c: WorkerCluster) -> Int {
        Int((try? c.query("SELECT count(*) FROM source WHERE lease_token IS NOT NULL")) ?? "0") ?? 0
    }

    @Test func aLiveWorkerRenewsItsLeasesSoASlowSourceIsNotTakenOver() throws {
        let c = try cluster("renew")
        let a = try c.start(worker: 1)
        #expect(WorkerCluster.until(20) { leased(c) == Self.feeds.count }, "worker 1 leases every source")
        // Well past the one-second lease: only renewal keeps the sources worker 1's.
        usleep(2_500_000)
        #expect(a.process.isRunning, "worker 1 is still fetching the slow source")
        let b = try c.start(worker: 2)
        #expect(b.wait() == 0, "\(b.said)")
        #expect(a.wait() == 0, "\(a.said)")
        #expect(try c.ids(worker: 2).isEmpty, "worker 2 polled nothing worker 1 held")
        let all = try c.ids(workers: 1...2)
        #expect(all.count == Self.total && Set(all).count == all.count, "every item once: \(all.count)")
    }

    @Test func aWorkerStalledPastItsLeaseIsFencedAndTheWorkerThatTookOverDelivers() throws {
        let c = try cluster("fence")
        let a = try c.start(worker: 1)
        #expect(WorkerCluster.until(20) { leased(c) == Self.feeds.count }, "worker 1 leases every source")
        kill(a.process.processIdentifier, SIGSTOP)
        defer { kill(a.process.processIdentifier, SIGCONT) }
        usleep(2_000_000)
        // Worker 1's leases expired while it was stopped: worker 2 takes every source over.
        let b = try c.start(worker: 2)
        #expect(b.wait() == 0, "\(b.said)")
        #expect(Set(try c.ids(worker: 2)).count == Self.total, "worker 2 delivered every item")
        kill(a.process.processIdentifier, SIGCONT)
        #expect(a.wait() == 70, "the stalled worker's run is fatal: \(a.said)")
        #expect(a.said.contains("lease lost"), "\(a.said)")
        #expect(a.said.contains("slow"), "the line names a source taken over: \(a.said)")
        #expect(try c.ids(worker: 1).isEmpty, "the stalled worker published nothing")
        let left = (FileManager.default.enumerator(atPath: c.harness.root.appendingPathComponent("out-1").path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty, "no temporary file left behind: \(left)")
        let all = try c.ids(workers: 1...2)
        #expect(all.count == Self.total && Set(all).count == all.count, "every item once: \(all.count)")
        // The next run of the stalled worker finds nothing left to do twice.
        let again = try c.start(worker: 1)
        #expect(again.wait() == 0, "\(again.said)")
        #expect(try c.ids(worker: 1).isEmpty)
    }
}
