import ChorusFetch
import ChorusTestSupport
import Foundation
import GRDB
import Synchronization
import Testing
@testable import ChorusRun

/// Where a run's store calls go: every SQL statement of a run, from the plan's reads through the
/// seen-id lookups to the commit, runs on the run's ``BlockingQueue``, never on the cooperative
/// pool, and each source looks up its seen ids in one statement.
@Suite("Store calls of a run: one lookup per source, off the cooperative pool", .serialized)
struct RunStoreCallTests {
    /// Statements SQLite ran, with whether each ran inside a ``BlockingQueue`` body.
    final class StatementLog: Sendable {
        private let entries = Mutex<[(sql: String, onQueue: Bool)]>([])
        func note(_ sql: String) { entries.withLock { $0.append((sql, BlockingQueue.isCurrent)) } }
        var all: [(sql: String, onQueue: Bool)] { entries.withLock { $0 } }
    }

    @Test func eachSourceLooksUpItsSeenIdsInOneStatementOnTheBlockingQueue() async throws {
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
        #expect(lookups.count == 2, "one lookup per source: \(lookups.map(\.sql))")
        #expect(statements.contains { $0.sql.contains("INSERT OR REPLACE INTO seen") }, "the commit ran")
        let elsewhere = statements.filter { !$0.onQueue }.map(\.sql)
        #expect(elsewhere.isEmpty, "statements run on the cooperative pool: \(elsewhere)")
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
