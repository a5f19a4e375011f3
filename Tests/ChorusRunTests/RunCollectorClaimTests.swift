import ChorusConnectors
import ChorusModel
import Foundation
import Testing
@testable import ChorusRun

/// The collector's claims on a shared store: results that arrive while no claim has gone out
/// wait, and one claim (one statement) covers the new items of all of them; only what it got is
/// written, in arrival order, with the run's own dedup across the sources of one claim.
@Suite("Claims batched over sources", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct RunCollectorClaimTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A source's result whose items (all to be written, at `revision`) are `ids`, each with its line.
    private func result(_ ids: [String], revision: Int = 0) -> SourceTask.Result {
        var lines: [UInt8] = []
        let items = ids.map { id in
            let start = lines.count
            lines += Array("{\"id\":\"\(id)\"}\n".utf8)
            return SourceTask.Classified(
                id: id, source: "s", updatedAt: nil, revision: revision, preview: nil, fingerprint: "h-\(id)", prior: nil, emit: true,
                line: start..<lines.count)
        }
        return SourceTask.Result(
            report: SourceReport(name: "s", status: .ok), poll: PollResult(items: [], state: SourceState()), items: items, lines: lines)
    }

    private func source(_ name: String) -> SourceConfig { SourceConfig(name: name, spec: .feed(url: "http://127.0.0.1/\(name)")) }

    @Test func resultsThatArriveTogetherAreClaimedInOneStatementAndWrittenInOrder() throws {
        let url = try TestPostgres.database("batchclaim_" + UUID().uuidString.prefix(8))
        let other = try PostgresStateStore(url: url, password: TestPostgres.password, owner: "other")
        #expect(try other.claim([("x", 0)]) == ["x"], "another live run holds x")
        let mine = TracedStore(try PostgresStateStore(url: url, password: TestPostgres.password, owner: "mine"))
        let collector = RunCollector(sink: ItemSink(.preview(ndjson: true)), now: now, limit: nil, claims: mine)

        #expect(try !collector.accept(result(["x", "y"]), source: source("one"), saved: SourceRecord(name: "one")), "held for the claim")
        #expect(try !collector.accept(result(["y", "z"]), source: source("two"), saved: SourceRecord(name: "two")))
        #expect(collector.itemsWritten == 0 && !collector.isSettled)
        let job = try #require(collector.nextClaim())
        #expect(collector.nextClaim() == nil, "one claim in flight at a time")
        #expect(try !collector.accept(result(["w"]), source: source("three"), saved: SourceRecord(name: "three")), "waits for the next claim")
        let got = try job()
        #expect(got == ["y", "z"], "x is the other run's; y is asked for once")
        #expect(try collector.claimed(got) == ["one", "two"])
        #expect(mine.calls.filter { $0.call == "claim" }.count == 1, "one statement for both sources")
        #expect(collector.reports["one"]?.new == 1 && collector.reports["one"]?.duplicate == 1, "x is a duplicate here")
        #expect(collector.reports["two"]?.new == 1 && collector.reports["two"]?.duplicate == 1, "y was written by source one")
        #expect(collector.reports["three"] == nil, "not done before its claim")

        let next = try #require(collector.nextClaim())
        #expect(try collector.claimed(try next()) == ["three"])
        #expect(collector.isSettled)
        #expect(collector.seen.map(\.id) == ["y", "z", "w"], "written in arrival order")
        #expect(collector.itemsWritten == 3)
    }

    /// Another run committed x between this run's lookups for two sources, so they ask for it at
    /// two revisions: the second source waits for its own claim, as if it had arrived alone.
    @Test func anIdAtAnotherRevisionWaitsForTheNextClaim() throws {
        let url = try TestPostgres.database("batchclaim_" + UUID().uuidString.prefix(8))
        let other = try PostgresStateStore(url: url, password: TestPostgres.password, owner: "other")
        #expect(try other.claim([("x", 0)]) == ["x"])
        let mine = TracedStore(try PostgresStateStore(url: url, password: TestPostgres.password, owner: "mine"))
        let collector = RunCollector(sink: ItemSink(.preview(ndjson: true)), now: now, limit: nil, claims: mine)
        try collector.accept(result(["x"], revision: 0), source: source("one"), saved: SourceRecord(name: "one"))
        try collector.accept(result(["x", "y"], revision: 1), source: source("two"), saved: SourceRecord(name: "two"))
        let first = try #require(collector.nextClaim())
        #expect(try collector.claimed(try first()) == ["one"], "source two waits")
        #expect(collector.reports["one"]?.duplicate == 1, "x at revision 0 is the other run's")
        let second = try #require(collector.nextClaim())
        #expect(try collector.claimed(try second()) == ["two"])
        #expect(collector.reports["two"]?.new == 2, "x at revision 1 was claimed on its own and written")
        #expect(collector.seen.map(\.id) == ["x", "y"] && collector.seen.first?.revision == 1)
    }

    @Test func aResultWithNothingToWriteIsDoneAtOnceWithoutAClaim() throws {
        let url = try TestPostgres.database("batchclaim_" + UUID().uuidString.prefix(8))
        let mine = TracedStore(try PostgresStateStore(url: url, password: TestPostgres.password, owner: "mine"))
        let collector = RunCollector(sink: ItemSink(.preview(ndjson: true)), now: now, limit: nil, claims: mine)
        var known = result(["a"])
        known.items[0].emit = false
        #expect(try collector.accept(known, source: source("one"), saved: SourceRecord(name: "one")))
        #expect(collector.nextClaim() == nil && collector.isSettled)
        #expect(collector.reports["one"]?.duplicate == 1)
        #expect(mine.calls.isEmpty)
    }
}
