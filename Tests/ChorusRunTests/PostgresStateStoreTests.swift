import ChorusModel
import Foundation
import Testing
@testable import ChorusRun

/// What only the PostgreSQL store does: versioned migrations, connection errors that never show
/// the password, pending outputs per machine, an all-or-nothing commit on the server.
@Suite("PostgreSQL state store", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresStateStoreTests {
    let name = "pg_" + UUID().uuidString.prefix(8)
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func url(_ suffix: String = "") throws -> String { try TestPostgres.database(name + suffix) }

    private func store(owner: String = "test", readOnly: Bool = false) throws -> PostgresStateStore {
        try PostgresStateStore(url: try url(), password: TestPostgres.password, owner: owner, readOnly: readOnly)
    }

    private func seen(_ id: String) -> SeenRecord {
        SeenRecord(id: id, source: "news", firstSeen: t0, lastSeen: t0, contentHash: "h-\(id)", updatedAt: nil, revision: 0)
    }

    @Test func aCommitOfTheNotedRecordsCopiesThemFromTheNoteOnTheServer() throws {
        let store = try store()
        let records = [seen("a"), seen("b")]
        try store.beginOutput(PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: records))
        // Mark the note's rows behind the store's back: only a copy from the note carries the mark.
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        try db.execute("UPDATE pending_output SET seen_hashes = array_fill('from-note'::text, ARRAY[cardinality(seen_hashes)])")
        try store.commit(StateCommit(seen: records, completedOutput: "/out/a.ndjson", now: t0))
        #expect(try store.seenRecords(["a", "b"]).values.map(\.contentHash).sorted() == ["from-note", "from-note"])
        #expect(try store.pendingOutputs().isEmpty)
    }

    @Test func textArraysCarryQuotesBackslashesBracesAndNullsExactly() throws {
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        let values: [String?] = ["", "NULL", nil, "q\"b\\s{c},d", "中兴 \u{1F600}", "\\\"", "plain"]
        let rows = try db.execute("SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n", [PostgresArray.text(values)])
        #expect(rows.rows.map { $0[0] } == values)
    }

    @Test func aNewDatabaseIsMigratedToTheCurrentVersionOnceAndRecordsIt() throws {
        let first = try store()
        #expect(try first.schemaVersion() == PostgresSchema.current)
        _ = try store() // a second open finds the schema current and changes nothing
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        #expect(try db.execute("SELECT count(*) FROM chorus_schema").scalar == "1")
        #expect(try db.execute("SELECT version FROM chorus_schema").scalar == String(PostgresSchema.current))
    }

    @Test func aDatabaseAtTheFirstVersionIsUpgradedKeepingItsRows() throws {
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        try db.executeScript(PostgresSchema.migrations[0])
        try db.executeScript("""
            CREATE TABLE chorus_schema (version integer NOT NULL); INSERT INTO chorus_schema VALUES (1);
            INSERT INTO source (name, etag, failures) VALUES ('news', '"v1"', 2);
            """)
        let store = try store()
        #expect(try store.schemaVersion() == PostgresSchema.current)
        #expect(try store.sourceRecords() == ["news": SourceRecord(name: "news", state: SourceState(etag: "\"v1\""), consecutiveFailures: 2)])
        #expect(try store.lease(["news"], until: t0.addingTimeInterval(60), now: t0).keys.sorted() == ["news"], "version 2's lease columns are there")
    }

    @Test func aSchemaNewerThanThisBuildIsRefused() throws {
        _ = try store()
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        try db.execute("UPDATE chorus_schema SET version = version + 1")
        #expect {
            _ = try store()
        } throws: { error in
            let message = (error as? StateError)?.message ?? ""
            return message.hasPrefix("state: postgres: ") && message.contains("newer than this chorus knows")
        }
    }

    @Test func aWrongPasswordIsAStateErrorThatNeverShowsThePassword() throws {
        let secret = "not-the-password-\(UUID().uuidString)"
        var withSecretInURL = try url()
        withSecretInURL = withSecretInURL.replacingOccurrences(of: "@", with: ":\(secret)@")
        for (u, p) in [(try url(), secret), (withSecretInURL, nil as String?)] {
            #expect {
                _ = try PostgresStateStore(url: u, password: p)
            } throws: { error in
                let message = (error as? StateError)?.message ?? ""
                return message.hasPrefix("state: postgres: ") && message.contains("password authentication failed") && !message.contains(secret)
            }
        }
    }

    @Test func anUnreachableServerIsAStateErrorNamingTheConnection() throws {
        #expect {
            _ = try PostgresStateStore(url: "postgres://chorus@127.0.0.1:1/chorus?connect_timeout=2", password: "x")
        } throws: { error in
            let message = (error as? StateError)?.message ?? ""
            return message.hasPrefix("state: postgres: postgres://chorus@127.0.0.1:1/chorus") && message.contains("cannot connect")
        }
    }

    @Test func aReadOnlyStoreOfAnUnusedDatabaseIsEmptyCreatesNothingAndRefusesToCommit() throws {
        let store = try store(readOnly: true)
        #expect(try store.sourceRecords().isEmpty)
        #expect(try store.seenRecords(["a"]).isEmpty)
        #expect(throws: StateError.self) { try store.commit(StateCommit(seen: [seen("a")], now: t0)) }
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        #expect(try PostgresSchema.version(db) == 0)
    }

    @Test func eachMachineSeesOnlyItsOwnPendingOutputs() throws {
        let a = try store(owner: "host-a"), b = try store(owner: "host-b")
        let note = PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: [seen("x")])
        try a.beginOutput(note)
        #expect(try a.pendingOutputs() == [note])
        #expect(try b.pendingOutputs().isEmpty)
        try b.commit(StateCommit(completedOutput: "/out/a.ndjson", now: t0))
        #expect(try a.pendingOutputs() == [note], "another machine's commit of the same path leaves this note")
    }

    @Test func aCommitThatFailsOnTheServerLeavesNothingOfItselfBehind() throws {
        let store = try store()
        try store.commit(StateCommit(sources: [SourceRecord(name: "news", consecutiveFailures: 1)], seen: [seen("a")], now: t0))
        // A NUL cannot be stored in PostgreSQL text: the seen insert fails after the sources were written.
        let bad = StateCommit(sources: [SourceRecord(name: "news", consecutiveFailures: 7), SourceRecord(name: "new")],
                              seen: [seen("b"), seen("c\u{0}d")], touched: ["a"], pruneBefore: t0.addingTimeInterval(1), now: t0)
        #expect(throws: StateError.self) { try store.commit(bad) }
        #expect(try store.sourceRecords() == ["news": SourceRecord(name: "news", consecutiveFailures: 1)])
        #expect(try store.seenRecords(["a", "b"]).keys.sorted() == ["a"])
        // The connection is usable after the rollback.
        try store.commit(StateCommit(seen: [seen("b")], now: t0))
        #expect(try store.seenRecords(["a", "b"]).count == 2)
    }

    @Test func theSameIdTwiceInOneCommitKeepsTheLastAsSQLiteDoes() throws {
        let store = try store()
        var second = seen("a")
        second.revision = 3
        try store.beginOutput(PendingOutput(path: "/o", temporaryPath: "/.o", createdAt: t0, seen: [seen("a"), seen("b"), second]))
        #expect(try store.pendingOutputs().first?.seen == [seen("b"), second])
        try store.commit(StateCommit(sources: [SourceRecord(name: "s"), SourceRecord(name: "s", consecutiveFailures: 2)],
                                     seen: [seen("a"), second], now: t0))
        #expect(try store.seenRecords(["a"])["a"]?.revision == 3)
        #expect(try store.sourceRecords()["s"]?.consecutiveFailures == 2)
    }

    @Test(arguments: [
        ("postgres://chorus:s3cret@db.internal:5432/chorus", "postgres://chorus@db.internal:5432/chorus"),
        ("postgresql://u:p@h/d?sslmode=require", "postgresql://u@h/d?sslmode=require"),
        ("postgres://chorus@db.internal/chorus", "postgres://chorus@db.internal/chorus"),
        ("host=db user=chorus", "host=db user=chorus"),
    ])
    func aURLIsShownWithoutItsPassword(url: String, shown: String) {
        #expect(PostgresStateStore.redacted(url) == shown)
    }
}

/// Leases: a source leased by one run is not leased by another until released or expired.
@Suite("PostgreSQL source leases", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresLeaseTests {
    let name = "lease_" + UUID().uuidString.prefix(8)
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func store(_ holder: String) throws -> PostgresStateStore {
        try PostgresStateStore(url: try TestPostgres.database(name), password: TestPostgres.password, owner: "host", holder: holder)
    }

    @Test func aLeasedSourceGoesToNoOtherRunUntilItsCommitOrItsExpiry() throws {
        let a = try store("a:1"), b = try store("b:2")
        let until = t0.addingTimeInterval(600)
        #expect(try a.lease(["s1", "s2"], until: until, now: t0).keys.sorted() == ["s1", "s2"])
        #expect(try b.lease(["s2", "s3"], until: until, now: t0).keys.sorted() == ["s3"], "s2 is a's")
        #expect(try a.lease(["s1"], until: until, now: t0).keys.sorted() == ["s1"], "a holder renews its own lease")
        // a commits: its leases are released, with the records it wrote.
        try a.commit(StateCommit(sources: [SourceRecord(name: "s2", lastAttempt: t0)], now: t0))
        let fresh = try b.lease(["s1", "s2"], until: until, now: t0)
        #expect(fresh.keys.sorted() == ["s1", "s2"])
        #expect(fresh["s2"]?.lastAttempt == t0, "the lease answers with the record a committed")
        // b dies without committing: its leases return only once they expire.
        let c = try store("c:3")
        #expect(try c.lease(["s1", "s2", "s3"], until: until, now: t0).isEmpty)
        #expect(try c.lease(["s1", "s2", "s3"], until: until.addingTimeInterval(600), now: until.addingTimeInterval(1)).count == 3)
    }

    @Test func aLeaseIsDroppedWhenTheSourceWasPolledSinceTheRunReadTheState() async throws {
        let a = try store("a:1"), b = try store("b:2")
        let planned = [(name: "s", saved: SourceRecord(name: "s"))]
        try a.commit(StateCommit(sources: [SourceRecord(name: "s", lastAttempt: t0)], now: t0))
        let t = t0
        let clock: @Sendable () -> Date = { t }
        let blocking = BlockingQueue()
        let stale = try #require(LeaseFeeder(store: b, blocking: blocking, planned: planned, chunk: 8, length: 60, clock: clock))
        #expect(try await stale.admits(0) == false, "polled by a since b read the state")
        let current = try b.sourceRecords()["s"] ?? SourceRecord(name: "s")
        let fresh = try #require(LeaseFeeder(store: b, blocking: blocking, planned: [("s", current)], chunk: 8, length: 60, clock: clock))
        #expect(try await fresh.admits(0))
    }
}
