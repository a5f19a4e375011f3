import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// The PostgreSQL server restarted (`pg_ctl restart -m fast`) or stopped for a while in the middle
/// of a real `chorus ingest`, on a cluster of the test's own (``PrivatePostgres``), with the state
/// and, in some cases, `output.postgres.table` on it. Whenever the server goes, the run stops with
/// exit 70 and one line that says the connection was lost and why; nothing is half-committed (the
/// state never records an item no published file holds, every published item is noted, and the
/// table holds exactly the items of the published files); and the next run, with the server
/// back, delivers every item exactly once across the files, the table agreeing.
@Suite("PostgreSQL restarted or stopped mid-run", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresServerFaultTests {
    /// What happens to the server.
    enum Fault: String, CustomStringConvertible, Sendable {
        /// Restarted at once.
        case restart
        /// Stopped until the run has ended (and a run started meanwhile has failed to connect), then started.
        case stop

        var description: String { rawValue }
    }

    /// Quick feeds (nginx), five items each; `slow` sources answer after `delay` seconds (three items each).
    static let quick = (0..<6).map { "q\($0)" }
    static let slow = ["slow1", "slow2"]

    /// One test's world: the feeds, the private cluster and a config whose state is on it.
    private struct World {
        let h: IngestHarness
        let slowServer: LoopbackServer
        let pg: PrivatePostgres
        let table: Bool

        init(table: Bool, slowDelay: Int) throws {
            h = try IngestHarness()
            slowServer = try LoopbackServer(pythonScript: "slow_feed_server.py")
            pg = try PrivatePostgres()
            self.table = table
            for name in PostgresServerFaultTests.quick { try h.writeFeed(name, items: 0..<5) }
            var yaml = """
                output: { dir: out\(table ? ", postgres: { table: items }" : "") }
                state: { url: "\(pg.url)", password: "${CHORUS_FAULT_PG_PASSWORD}" }
                sources:

                """
            for name in PostgresServerFaultTests.quick { yaml += "  - { name: \(name), type: feed, url: \"\(h.url("\(name).rss"))\" }\n" }
            for name in PostgresServerFaultTests.slow where slowDelay >= 0 {
                yaml += "  - { name: \(name), type: feed, url: \"\(slowServer.baseURL)/\(name).rss?delay=\(slowDelay)\" }\n"
            }
            try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
        }

        /// The guids (`native_id`) of every item the quick feeds hold.
        var expected: Set<String> {
            Set(PostgresServerFaultTests.quick.flatMap { f in (0..<5).map { "urn:chorus-test:\(f):\($0)" } })
        }

        /// Starts `chorus ingest`, optionally under `prefix` (strace); its process and stderr file.
        func start(prefix: [String] = []) throws -> (Process, URL) {
            let (process, _, err) = try h.start(["--ignore-schedule"], environment: ["CHORUS_FAULT_PG_PASSWORD": pg.password], prefix: prefix)
            return (process, err)
        }

        /// Runs `chorus ingest` to the end: exit status and stderr.
        func run() throws -> (status: Int32, stderr: String) {
            let (process, err) = try start()
            IngestHarness.wait(process)
            return (process.terminationStatus, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
        }

        /// The ids of one column of the server's tables (none before the run made them).
        func ids(_ sql: String) throws -> [String] {
            try pg.connect().execute(sql).rows.compactMap { $0.first ?? nil }
        }

        /// Polls the server (a fresh connection each time) every 20 ms for up to 20 s until `sql` gives `value`.
        func until(_ sql: String, gives value: String) -> Bool {
            WorkerCluster.until(20) { (try? pg.connect().execute(sql).scalar) == value }
        }

        /// What must hold whenever no run is working: the state records no item that no
        /// published file holds, every item of a published file is committed or noted with its
        /// file (recovery adopts it), the table holds exactly the published items, no temporary
        /// file is left. Returns the guids (`native_id`) of the published lines, with repetitions.
        func nothingHalfCommitted(_ when: String) throws -> [String] {
            let records = try h.allRecords()
            let files = Set(records.map { ($0?["id"] as? String) ?? "unreadable line" })
            let published = records.map { ($0?["native_id"] as? String) ?? "unreadable line" }
            let seen = Set(try ids("SELECT id FROM seen"))
            let noted = Set(try ids("SELECT unnest(seen_ids) FROM pending_output"))
            #expect(seen.isSubset(of: files), "\(when): \(seen.subtracting(files).count) items committed that no file holds")
            #expect(files.isSubset(of: seen.union(noted)), "\(when): \(files.subtracting(seen.union(noted)).count) published items neither committed nor noted")
            if table {
                let rows = try ids("SELECT id FROM items")
                #expect(rows.count == Set(rows).count, "\(when): one row per item")
                #expect(Set(rows) == files, "\(when): the table and the files agree (\(Set(rows).subtracting(files).count) rows without a line, \(files.subtracting(rows).count) lines without a row)")
            }
            #expect(h.allOutputNames().allSatisfy { !$0.hasSuffix(".tmp") }, "\(when): \(h.allOutputNames())")
            return published
        }

        /// The run after the fault, with the server back: exit 0, every item once across the
        /// files, the table agreeing, nothing left pending.
        func nextRunRepairs(expected: Set<String>) throws {
            let again = try run()
            #expect(again.status == 0, "\(again.stderr)")
            let published = try nothingHalfCommitted("after the next run")
            #expect(published.count == Set(published).count, "no item twice: \(published.count) lines")
            #expect(Set(published) == expected, "every item: \(expected.subtracting(published).count) lost")
            #expect(try ids("SELECT temp_path FROM pending_output").isEmpty, "nothing is left pending")
        }
    }

    /// The single line a run that lost the server says: the operation and the first cause.
    private func expectOneLine(_ stderr: String, naming operation: String) {
        let lines = stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, not a stack: \(stderr)")
        #expect(lines.first?.contains("state: postgres: cannot \(operation) (connection lost: ") == true, "\(stderr)")
    }

    @Test(arguments: [(Fault.restart, false), (.restart, true), (.stop, false), (.stop, true)])
    func aServerGoneWhileSourcesArePolledStopsTheRunCleanlyAndTheNextRunRepairs(fault: Fault, table: Bool) throws {
        let w = try World(table: table, slowDelay: 3)
        let slowIDs = Self.slow.flatMap { s in (0..<3).map { "urn:chorus-slow:\(s):\($0)" } }
        let (run, err) = try w.start()
        // Mid-way: the quick feeds' 30 items are claimed, the slow sources are still being fetched.
        #expect(w.until("SELECT count(*) FROM seen_claim", gives: "30"), "the quick sources were polled")
        #expect(run.isRunning, "the slow sources are still being fetched")
        switch fault {
        case .restart:
            try w.pg.restart()
            IngestHarness.wait(run)
        case .stop:
            try w.pg.stop()
            do {
                defer { try? w.pg.start() }
                IngestHarness.wait(run)
                // A run started while the server is down stops at once, on one line.
                let refused = try w.run()
                #expect(refused.status == 70, "\(refused.stderr)")
                #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
                #expect(refused.stderr.contains("state: postgres: \(w.pg.url): cannot connect"), "\(refused.stderr)")
            }
        }
        let stderr = try String(contentsOf: err, encoding: .utf8)
        #expect(run.terminationStatus == 70, "\(stderr)")
        expectOneLine(stderr, naming: "read seen ids")
        #expect(try w.nothingHalfCommitted("after the fault").isEmpty, "nothing is published")
        #expect(try w.ids("SELECT id FROM seen").isEmpty, "nothing is committed")
        try w.nextRunRepairs(expected: w.expected.union(slowIDs))
    }

    /// The reply to the COMMIT of the note never arrives (a proxy cuts the connection once the
    /// server has committed): the run cannot know the note holds, so it keeps its unpublished
    /// file for the next run's recovery, which withdraws the note and its table rows, and the
    /// items are delivered by the next poll. An item the feed dropped meanwhile stays in no file
    /// and no row.
    @Test func aNoteWhoseCommitReplyIsLostIsWithdrawnByTheNextRun() throws {
        let w = try World(table: true, slowDelay: -1)
        let port = try #require(w.pg.url.split(separator: ":").last?.split(separator: "/").first.map(String.init))
        let proxy = try LoopbackServer(pythonScript: "pg_drop_proxy.py", arguments: [port, "INSERT INTO pending_output"])
        defer { proxy.stop() }
        let direct = try String(contentsOf: w.h.configURL, encoding: .utf8)
        try direct.replacingOccurrences(of: ":\(port)/", with: ":\(proxy.port)/").write(to: w.h.configURL, atomically: true, encoding: .utf8)
        let failed = try w.run()
        #expect(failed.status == 70, "\(failed.stderr)")
        expectOneLine(failed.stderr, naming: "note a pending output")
        #expect(w.h.outputFiles().isEmpty, "nothing is published")
        #expect(try w.ids("SELECT id FROM seen").isEmpty, "nothing is committed")
        #expect(try w.ids("SELECT temp_path FROM pending_output").count == 1, "the server committed the note")
        #expect(try w.ids("SELECT id FROM items").count == 30, "and its rows")
        // The feed q0 moves on: its first five items are never delivered.
        try w.h.writeFeed("q0", items: 5..<10)
        try direct.write(to: w.h.configURL, atomically: true, encoding: .utf8)
        let moved = Set((5..<10).map { "urn:chorus-test:q0:\($0)" })
        try w.nextRunRepairs(expected: w.expected.filter { !$0.hasPrefix("urn:chorus-test:q0:") }.union(moved))
    }

    /// Restarted after the run's file was noted (with its table rows) and published, before the
    /// state commit: the file stays, noted as pending, and the next run adopts it.
    @Test func aServerRestartedBetweenPublishAndCommitLeavesANotedFileThatTheNextRunAdopts() throws {
        let w = try World(table: true, slowDelay: -1)
        // strace holds the run for 3 s right after it links the file to its published name.
        let (run, err) = try w.start(prefix: ["/usr/bin/strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=link",
                                              "-e", "inject=link:delay_exit=3000000"])
        #expect(WorkerCluster.until(20) { !w.h.outputFiles().isEmpty }, "the file is published")
        try w.pg.restart()
        IngestHarness.wait(run)
        let stderr = try String(contentsOf: err, encoding: .utf8)
        #expect(run.terminationStatus == 70, "\(stderr)")
        expectOneLine(stderr, naming: "commit the run")
        let published = try w.nothingHalfCommitted("after the fault")
        #expect(Set(published) == w.expected, "the file holds every item")
        #expect(try w.ids("SELECT id FROM seen").isEmpty, "nothing is committed")
        #expect(try w.ids("SELECT temp_path FROM pending_output").count == 1, "the file is noted as pending")
        try w.nextRunRepairs(expected: w.expected)
        #expect(try w.ids("SELECT id FROM seen").count == w.expected.count, "its items are adopted as seen")
    }
}
