import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusConnectors
import ChorusModel
@testable import ChorusRun

/// The real `chorus` binary with its state on the test PostgreSQL server: ingest, dedup across
/// runs, `chorus check`, `chorus state migrate` from a SQLite state this build wrote, and
/// libpq loaded only when the config names PostgreSQL.
@Suite("Ingest with a PostgreSQL state", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresIngestTests {
    let database = "ingest_" + UUID().uuidString.prefix(8)

    /// The config: three feeds, SQLite at state/chorus.sqlite or the test database.
    private func writeConfig(_ h: IngestHarness, postgres: String?) throws {
        let state = postgres.map { "state: { url: \"\($0)\", password: \"${CHORUS_TEST_PG_PASSWORD}\" }" } ?? "state: { path: state/chorus.sqlite }"
        var yaml = "output: { dir: out }\n\(state)\nsources:\n"
        for name in ["a", "b", "c"] { yaml += "  - { name: \(name), type: feed, url: \"\(h.url("\(name).rss"))\" }\n" }
        try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
    }

    /// `chorus state migrate --config <config> --to <url>`, the password from PGPASSWORD.
    private func stateMigrate(_ h: IngestHarness, to url: String) throws -> IngestHarness.Run {
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = ["state", "migrate", "--config", h.configURL.path, "--to", url]
        process.environment = ProcessInfo.processInfo.environment.merging(["PGPASSWORD": TestPostgres.password ?? ""]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let said = out.fileHandleForReading.readDataToEndOfFile(), complained = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return IngestHarness.Run(
            status: process.terminationStatus, stdout: String(decoding: said, as: UTF8.self), stderr: String(decoding: complained, as: UTF8.self))
    }

    private func feeds(_ h: IngestHarness, items: Range<Int>) throws {
        for name in ["a", "b", "c"] { try h.writeFeed(name, items: items) }
    }

    @Test func runsDedupAcrossRunsAndKeepTheirLocalFilesInTheOutputFolder() throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database(database)
        try feeds(h, items: 0..<5)
        try writeConfig(h, postgres: url)
        let first = try h.run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try h.allRecords().count == 15)
        try feeds(h, items: 0..<7)
        let second = try h.run(["--ignore-schedule"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try h.allRecords().count == 21, "the second run adds only the 6 new items")
        #expect(!FileManager.default.fileExists(atPath: h.statePath.path), "no SQLite state is made")
        let local = h.outDir.appendingPathComponent(".chorus")
        #expect(FileManager.default.fileExists(atPath: local.appendingPathComponent("run.lock").path))
        #expect(FileManager.default.fileExists(atPath: local.appendingPathComponent("runs.log").path))
        let store = try PostgresStateStore(url: url, password: TestPostgres.password, readOnly: true)
        #expect(try store.sourceRecords().keys.sorted() == ["a", "b", "c"])
        // `chorus status` reads the same store: three sources, 7 items each first written in the last day.
        let status = try h.run(["--format", "json"], command: "status")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.components(separatedBy: "\"items_24h\":7").count - 1 == 3, "\(status.stdout)")
        let check = try h.run([], command: "check")
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("state: postgres: \(url): connected, schema version \(PostgresSchema.current) (current)"), "\(check.stdout)")
    }

    @Test func aWrongPasswordStopsTheRunWithOneLineThatDoesNotShowIt() throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database(database)
        try feeds(h, items: 0..<2)
        try writeConfig(h, postgres: url)
        let secret = "wrong-\(UUID().uuidString)"
        let (process, _, err) = try h.start([], environment: ["CHORUS_TEST_PG_PASSWORD": secret])
        IngestHarness.wait(process)
        let stderr = try String(contentsOf: err, encoding: .utf8)
        #expect(process.terminationStatus == 70, "\(stderr)")
        #expect(stderr.contains("state: postgres: \(url): cannot connect"), "\(stderr)")
        #expect(!stderr.contains(secret))
        #expect(h.outputFiles().isEmpty)
        let (check, _, checkErr) = try h.start([], command: "check", environment: ["CHORUS_TEST_PG_PASSWORD": secret])
        IngestHarness.wait(check)
        #expect(check.terminationStatus == 70)
        #expect(try String(contentsOf: checkErr, encoding: .utf8).contains("state: postgres: "))
    }

    @Test func migrateCopiesASQLiteStateSoThatThePostgreSQLRunDeliversNothingTwice() throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database(database)
        try feeds(h, items: 0..<4)
        try writeConfig(h, postgres: nil)
        let nothing = try stateMigrate(h, to: url)
        #expect(nothing.status == 70 && nothing.stderr.contains("no SQLite state to copy"), "\(nothing.stderr)")
        let sqliteRun = try h.run()
        #expect(sqliteRun.status == 0, "\(sqliteRun.stderr)")
        let migrate = try stateMigrate(h, to: url)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("3 sources, 12 seen ids, 0 pending outputs"), "\(migrate.stdout)")
        // Every record arrives as SQLite held it: validators, cursors, backoff, seen ids.
        let sqlite = try SQLiteStateStore(path: h.statePath, readOnly: true)
        let postgres = try PostgresStateStore(url: url, password: TestPostgres.password, readOnly: true)
        #expect(try postgres.sourceRecords() == sqlite.sourceRecords())
        #expect(try sqlite.sourceRecords()["a"]?.state.etag != nil, "nginx's ETag is among what is copied")
        let seenIDs = try h.allRecords().compactMap { $0?["id"] as? String }
        #expect(try postgres.seenRecords(seenIDs) == sqlite.seenRecords(seenIDs))
        #expect(try postgres.seenRecords(seenIDs).count == 12)
        // A second copy into the same database is refused: it never merges two states.
        let again = try stateMigrate(h, to: url)
        #expect(again.status == 70)
        #expect(again.stderr.contains("already holds a state"), "\(again.stderr)")
        // The same feeds, now with the PostgreSQL state: nothing is delivered again.
        try writeConfig(h, postgres: url)
        let before = try h.allRecords().count
        try feeds(h, items: 0..<5)
        let run = try h.run(["--ignore-schedule"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try h.allRecords().count == before + 3, "only the one new item of each feed")
    }

    /// A SQLite state as social sources and a killed run leave it: typed cursor records
    /// (Mastodon, a newest-first drain in progress, login tokens), a legacy flat cursor, notes
    /// with seen records, with none and with an empty list. `chorus state migrate` copies all of
    /// it, and PostgreSQL's recovery then completes a copied note as the SQLite state would have.
    @Test func migrateCopiesSocialCursorsAndNotedOutputs() throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database(database)
        try writeConfig(h, postgres: nil)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var social = SourceCursor()
        social.write(MastodonCursor(newestID: "113 \"9\"", account: "zte@mastodon.social", accountID: "42"))
        social.write(LoginTokens(access: "jwt-a", refresh: nil, expires: 1_800_003_600))
        var drain = SourceCursor()
        drain.write(NewestFirstCursor(
            newest: Watermark(millis: 1_799_999_000_123, keys: ["at://b", "at://a"]),
            drain: .init(token: "page-2 中兴", target: Watermark(millis: 1_800_000_000_000, keys: ["at://c"]), window: DrainWindow(lower: 1, upper: 2))))
        let sources = [
            SourceRecord(name: "masto", state: SourceState(cursor: social), lastSuccess: t0, nextDue: t0.addingTimeInterval(600)),
            SourceRecord(name: "bsky", state: SourceState(cursor: drain), lastAttempt: t0, consecutiveFailures: 2, lastStatus: 429, lastError: "rate limited"),
            SourceRecord(name: "old", state: SourceState(etag: "\"v1\"", cursor: ["newest_id": "7", "account_id": "9"])),
        ]
        let record = { (id: String, revision: Int) in
            SeenRecord(id: id, source: "masto", firstSeen: t0, lastSeen: t0, contentHash: "h-\(id)", updatedAt: t0.addingTimeInterval(1), revision: revision)
        }
        let notes = [
            PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: [record("n1", 0), record("n2", 3)]),
            PendingOutput(path: "/out/b.ndjson", temporaryPath: "/out/.b.tmp", createdAt: t0.addingTimeInterval(1), seen: []),
            PendingOutput(path: "/out/c.ndjson", temporaryPath: "/out/.c.tmp", createdAt: t0.addingTimeInterval(2), seen: nil),
        ]
        do {
            try FileManager.default.createDirectory(at: h.statePath.deletingLastPathComponent(), withIntermediateDirectories: true)
            let sqlite = try SQLiteStateStore(path: h.statePath)
            try sqlite.commit(StateCommit(sources: sources, seen: [record("old-1", 0)], now: t0))
            for note in notes { try sqlite.beginOutput(note) }
        }
        let migrate = try stateMigrate(h, to: url)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("3 sources, 1 seen ids, 3 pending outputs"), "\(migrate.stdout)")
        let postgres = try PostgresStateStore(url: url, password: TestPostgres.password, readOnly: true)
        let copied = try postgres.sourceRecords()
        #expect(copied == Dictionary(uniqueKeysWithValues: sources.map { ($0.name, $0) }))
        #expect(copied["masto"]?.state.cursor.read(MastodonCursor.self)?.newestID == "113 \"9\"")
        #expect(copied["masto"]?.state.cursor.read(LoginTokens.self)?.access == "jwt-a")
        #expect(copied["bsky"]?.state.cursor.read(NewestFirstCursor.self)?.drain?.token == "page-2 中兴")
        #expect(copied["old"]?.state.cursor.read(MastodonCursor.self)?.accountID == "9", "a legacy cursor still reads as before")
        #expect(try postgres.pendingOutputs() == notes, "the notes are this machine's, with their records in order")
        // Recovery of the published note adopts its records; the unpublished ones are dropped.
        let writer = try PostgresStateStore(url: url, password: TestPostgres.password)
        try writer.commit(StateCommit(seen: notes[0].seen ?? [], completedOutput: notes[0].path, now: t0))
        #expect(try writer.seenRecords(["n1", "n2", "old-1"]).mapValues(\.revision) == ["n1": 0, "n2": 3, "old-1": 0])
        #expect(try writer.pendingOutputs().map(\.path) == ["/out/b.ndjson", "/out/c.ndjson"])
    }

    @Test func libpqIsLoadedOnlyForAPostgreSQLState() throws {
        let h = try IngestHarness()
        try feeds(h, items: 0..<1)
        try writeConfig(h, postgres: nil)
        let sqlite = try h.start([], command: "check", environment: ["LD_DEBUG": "files"])
        IngestHarness.wait(sqlite.0)
        let sqliteTrace = try String(contentsOf: sqlite.2, encoding: .utf8)
        #expect(sqlite.0.terminationStatus == 0)
        #expect(sqliteTrace.contains("file="), "the loader trace is there")
        #expect(!sqliteTrace.contains("libpq"))
        try writeConfig(h, postgres: try TestPostgres.database(database))
        let postgres = try h.start([], command: "check", environment: ["LD_DEBUG": "files"])
        IngestHarness.wait(postgres.0)
        #expect(postgres.0.terminationStatus == 0)
        #expect(try String(contentsOf: postgres.2, encoding: .utf8).contains("file=libpq.so.5"))
        // A libpq that cannot be loaded is one line and exit 70, not a crash.
        let missing = try h.start([], environment: ["CHORUS_LIBPQ": "/nonexistent/libpq.so.5"])
        IngestHarness.wait(missing.0)
        let said = try String(contentsOf: missing.2, encoding: .utf8)
        #expect(missing.0.terminationStatus == 70, "\(said)")
        #expect(said.contains("state: postgres: ") && said.contains("cannot load libpq: /nonexistent/libpq.so.5"), "\(said)")
    }

    @Test func aDryRunWritesNothingNotEvenTheSchema() throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database(database)
        try feeds(h, items: 0..<3)
        try writeConfig(h, postgres: url)
        let dry = try h.run(["--dry-run", "--format", "ndjson"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.split(separator: "\n").count == 9, "the preview lists every item")
        let db = try PostgresConnection(url: url, password: TestPostgres.password)
        #expect(try PostgresSchema.version(db) == 0)
        #expect(h.outputFiles().isEmpty)
    }
}

/// The connection to PostgreSQL lost in the middle of a run: the run stops with exit 70 and a
/// `state: postgres:` line, publishes and commits nothing, and the next run delivers every item
/// once (taking back the leases its failed run left).
@Suite("A PostgreSQL state lost mid-run", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresLostMidRunTests {
    @Test func theRunStopsCleanlyAndTheNextRunDeliversEverythingOnce() throws {
        let h = try IngestHarness()
        let slow = try LoopbackServer(pythonScript: "slow_feed_server.py")
        defer { slow.stop() }
        let database = "lost_" + UUID().uuidString.prefix(8).lowercased()
        let url = try TestPostgres.database(database)
        try h.writeFeed("quick", items: 0..<4)
        let yaml = """
            output: { dir: out }
            state: { url: "\(url)", password: "${CHORUS_TEST_PG_PASSWORD}" }
            sources:
              - { name: quick, type: feed, url: "\(h.url("quick.rss"))" }
              - { name: slow, type: feed, url: "\(slow.baseURL)/slow.rss?delay=3" }
            """
        try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
        let (run, _, err) = try h.start([])
        // Once the run holds its leases (it is polling), cut its connection from the server side.
        let admin = try PostgresConnection(url: url, password: TestPostgres.password)
        let deadline = Date().addingTimeInterval(20)
        // (Before the run has created the schema, the query fails: not yet.)
        while (try? admin.execute("SELECT count(*) FROM source WHERE lease_holder IS NOT NULL").scalar) != "2" && Date() < deadline {
            usleep(20_000)
        }
        let cut = try admin.execute("""
            SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) AS t
            """, ["t_" + database])
        #expect(cut.scalar == "1", "the run's one connection")
        IngestHarness.wait(run)
        let stderr = try String(contentsOf: err, encoding: .utf8)
        #expect(run.terminationStatus == 70, "\(stderr)")
        let lines = stderr.split(separator: "\n").filter { !$0.contains("warning") }
        #expect(lines.count == 1 && lines.first?.contains("state: postgres: cannot") == true, "\(stderr)")
        #expect(h.outputFiles().isEmpty, "nothing is published without its state")
        #expect(try admin.execute("SELECT count(*) FROM seen").scalar == "0", "nothing is committed")
        let again = try h.run([])
        #expect(again.status == 0, "\(again.stderr)")
        let ids = try h.allRecords().compactMap { $0?["id"] as? String }
        #expect(ids.count == 4 + 3, "every item of both feeds (the slow feed has 3)")
        #expect(Set(ids).count == ids.count)
        #expect(h.allOutputNames().allSatisfy { !$0.hasSuffix(".tmp") })
    }
}
