import ChorusFetch
import ChorusTestSupport
import Foundation
import GRDB
import Synchronization
import Testing
@testable import ChorusRun

/// Where a run's store calls go: every SQL statement of a run, from the plan's reads through the
/// seen-id lookups, leases and claims to the commit, runs on the run's ``BlockingQueue``, never
/// on the cooperative pool, and a source costs at most one lookup (sources that look up at the
/// same time share one) and, on PostgreSQL, at most one claim.
@Suite("Store calls of a run: at most one lookup per source, off the cooperative pool", .serialized)
struct RunStoreCallTests {
    /// Statements SQLite ran, with whether each ran inside a ``BlockingQueue`` body.
    final class StatementLog: Sendable {
        private let entries = Mutex<[(sql: String, onQueue: Bool)]>([])
        func note(_ sql: String) { entries.withLock { $0.append((sql, BlockingQueue.isCurrent)) } }
        var all: [(sql: String, onQueue: Bool)] { entries.withLock { $0 } }
    }

    @Test func eachSourceLooksUpItsSeenIdsInAtMostOneStatementOnTheBlockingQueue() async throws {
        let h = try IngestHarness()
        try h.writeFeed("big", items: 0..<120)
        try h.writeFeed("small", items: 0..<3)
        try h.writeConfig(feeds: [("big", h.url("big.rss")), ("small", h.url("small.rss"))])
        let config = try ConfigLoader.load(path: h.configURL.path, environment: [:])
        let store = try SQLiteStateStore(path: config.state.path)
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let options = RunOptions(ignoreSchedule: true)
        let first = try await IngestRun(config: config, options: options, fetcher: fetcher, store: store, analyzer: nil).run()
        #expect(first.written == 123)

        let log = StatementLog()
        store.queue.inDatabase { db in db.trace { log.note("\($0)") } }
        // Both change (an unchanged feed answers 304 and looks nothing up).
        try h.writeFeed("big", items: 0..<125)
        try h.writeFeed("small", items: 0..<4)
        let second = try await IngestRun(config: config, options: options, fetcher: fetcher, store: store, analyzer: nil).run()
        #expect(second.written == 6)

        let statements = log.all
        let lookups = statements.filter { $0.sql.contains("FROM seen WHERE id IN") }
        #expect((1...2).contains(lookups.count), "at most one lookup per source: \(lookups.map(\.sql))")
        #expect(statements.contains { $0.sql.contains("INSERT OR REPLACE INTO seen") }, "the commit ran")
        let elsewhere = statements.filter { !$0.onQueue }.map(\.sql)
        #expect(elsewhere.isEmpty, "statements run on the cooperative pool: \(elsewhere)")
    }

    /// On PostgreSQL a run also leases its sources a chunk at a time and claims the items it
    /// writes: those calls too go to the blocking queue, and their number follows the sources
    /// (and chunks), not the items. Pairs of feeds carry the same items, so the claims and the
    /// run's own dedup meet.
    @Test(.enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
    func onPostgreSQLLeasesClaimsAndLookupsRunOnTheBlockingQueue() async throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database("storecalls_" + UUID().uuidString.prefix(8))
        var feeds: [(String, String)] = []
        for i in 0..<10 {
            let feed = FeedFixture.rss(feed: "pair\(i)", items: 0..<(5 + i))
            for side in ["a", "b"] {
                try feed.write(to: h.www.appendingPathComponent("\(side)\(i).rss"), atomically: true, encoding: .utf8)
                feeds.append(("\(side)\(i)", h.url("\(side)\(i).rss")))
            }
        }
        try h.writeConfig(feeds: feeds, extra: "concurrency: 4")
        var yaml = try String(contentsOf: h.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(
            of: "state: { path: state/chorus.sqlite }", with: "state: { url: \"\(url)\", password: \"${CHORUS_TEST_PG_PASSWORD}\" }")
        try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: h.configURL.path, environment: ProcessInfo.processInfo.environment)
        let store = TracedStore(try PostgresStateStore(url: url, password: TestPostgres.password, owner: "calls"))
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let outcome = try await IngestRun(config: config, options: RunOptions(ignoreSchedule: true), fetcher: fetcher, store: store, analyzer: nil).run()
        #expect(outcome.written == (0..<10).map { 5 + $0 }.reduce(0, +), "each item of a pair once")

        let calls = store.calls
        let count = { (name: String) in calls.filter { $0.call == name }.count }
        // 20 sources leased 8 at a time (the chunk is at least 8): 8 + 8 + 4.
        #expect(count("lease") == 3, "\(calls.map(\.call))")
        #expect((1...20).contains(count("claim")), "at most one claim per source: \(calls.map(\.call))")
        #expect((1...20).contains(count("seenRecords")), "at most one lookup per source: \(calls.map(\.call))")
        #expect(count("commit") == 1 && count("beginOutput") == 1)
        let elsewhere = calls.filter { !$0.onQueue }.map(\.call)
        #expect(elsewhere.isEmpty, "store calls on the cooperative pool: \(elsewhere)")
    }

    @Test func theQueueReturnsTheBodysResultAndErrorAndMarksOnlyItsOwnThread() async throws {
        let queue = BlockingQueue()
        #expect(!BlockingQueue.isCurrent)
        #expect(await queue.run { BlockingQueue.isCurrent })
        await #expect(throws: StateError.self) {
            try await queue.run { () throws(StateError) -> Int in throw StateError("state: test") }
        }
        #expect(!BlockingQueue.isCurrent)
    }
}
