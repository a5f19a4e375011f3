import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Claims on seen ids in a shared PostgreSQL state: one item reached from two different sources
/// by two runs at once is written by one of them.
@Suite("Claims on seen ids", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresClaimTests {
    private func store(_ url: String, holder: String) throws -> PostgresStateStore {
        try PostgresStateStore(url: url, password: TestPostgres.password, owner: holder)
    }

    @Test func aClaimIsExclusiveUntilItsRunDiesAndAWrittenItemIsNeverClaimedAgain() throws {
        let url = try TestPostgres.database("claims_" + UUID().uuidString.prefix(8))
        let a = try store(url, holder: "a"), b = try store(url, holder: "b")
        #expect(try a.claim([("x", 0), ("y", 0), ("y", 0)]) == ["x", "y"])
        #expect(try b.claim([("y", 0), ("z", 0)]) == ["z"], "y is a's while a lives")
        #expect(try b.claim([("y", 1)]) == ["y"], "another revision is another claim")
        // a writes x and y: its commit makes the claims permanent and records the seen ids.
        let now = Date()
        let seen = ["x", "y"].map { SeenRecord(id: $0, source: "s", firstSeen: now, lastSeen: now, contentHash: "h", updatedAt: nil, revision: 0) }
        try a.commit(StateCommit(seen: seen, now: now))
        let c = try store(url, holder: "c")
        #expect(try c.claim([("x", 0), ("w", 0)]) == ["w"], "a written item stays taken")
        // A run of the same holder that died left a live claim: the holder's next run takes it at once.
        let b2 = try store(url, holder: "b")
        #expect(try b2.claim([("z", 0)]) == ["z"])
        // b's claim on z moved to b2: b's commit is fenced.
        #expect(throws: StateError.self) { try b.commit(StateCommit(now: now)) }
        do { try b.commit(StateCommit(now: now)) } catch { #expect(error.message.contains("claim lost"), "\(error.message)") }
    }

    /// Worker 1 polls feeds a0…a5, worker 2 feeds b0…b5, each pair carrying the same items (the
    /// same guids); each worker also has a slow feed of its own, so both runs are polling at
    /// once and neither has committed when the other claims. Round after round, every item is
    /// written once, by one of them.
    @Test func oneItemFromTwoSourcesOnTwoWorkersIsWrittenOnce() throws {
        let h = try IngestHarness(extraServerConfig: "location ~ ^/slow { gzip off; limit_rate 4000; }")
        let c = try WorkerCluster(h, database: "crossdedup")
        let pairs = 0..<6
        try c.writeConfig(worker: 1, sources: pairs.map { "a\($0)" } + ["slow1"])
        try c.writeConfig(worker: 2, sources: pairs.map { "b\($0)" } + ["slow2"])
        var expected = 0
        for (round, count) in [5, 9].enumerated() {
            for i in pairs {
                let feed = FeedFixture.rss(feed: "x\(i)", items: 0..<count)
                for side in ["a", "b"] { try feed.write(to: h.www.appendingPathComponent("\(side)\(i).rss"), atomically: true, encoding: .utf8) }
            }
            for n in 1...2 { try h.writeFeed("slow\(n)", items: (round * 100)..<(round * 100 + 30)) }
            expected = pairs.count * count + 2 * 30 * (round + 1)
            let workers = try (1...2).map { try c.start(worker: $0) }
            for w in workers { #expect(w.wait() == 0, "round \(round): \(w.said)") }
            let all = try c.ids(workers: 1...2)
            #expect(all.count == expected, "round \(round): every item once, none twice (\(all.count) of \(expected))")
            #expect(Set(all).count == all.count, "round \(round): no item in two files")
        }
    }
}
