import ChorusModel
import Foundation
import Testing
@testable import ChorusRun

/// Migration 8 keeps a note's seen records as arrays on its `pending_output` row: notes that a
/// previous release (schema 7, a `pending_seen` row per record) left behind, as a run killed
/// between its note and its commit leaves them, are read and completed after the upgrade.
@Suite("PostgreSQL notes across the upgrade to one row per note", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresNoteUpgradeTests {
    let name = "note_" + UUID().uuidString.prefix(8)
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    private func url() throws -> String { try TestPostgres.database(name) }

    private func seen(_ id: String, revision: Int = 0, updated: Date? = nil) -> SeenRecord {
        SeenRecord(id: id, source: "news", firstSeen: t0, lastSeen: t0.addingTimeInterval(5), contentHash: "h-\(id)", updatedAt: updated,
                   revision: revision)
    }

    /// A database at schema 7 with the notes a killed run of the previous release leaves: one
    /// with records (inserted out of file order), one whose records are empty, one without records.
    private func databaseAtVersion7() throws -> PostgresConnection {
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        for script in PostgresSchema.migrations.prefix(7) { try db.executeScript(script) }
        try db.executeScript("""
            CREATE TABLE chorus_schema (version integer NOT NULL); INSERT INTO chorus_schema VALUES (7);
            INSERT INTO pending_output (owner, temp_path, path, created_at, has_ids) VALUES
                ('host', '/out/.a.tmp', '/out/a.ndjson', 1800000000, true),
                ('host', '/out/.b.tmp', '/out/b.ndjson', 1800000001, true),
                ('host', '/out/.c.tmp', '/out/c.ndjson', 1800000002, false);
            INSERT INTO pending_seen (owner, temp_path, position, id, source, first_seen, last_seen, content_hash, updated_at, revision) VALUES
                ('host', '/out/.a.tmp', 2, 'z', 'news', 1800000000, 1800000005, 'h-z', 1800000003.25, 2),
                ('host', '/out/.a.tmp', 0, 'y', 'news', 1800000000, 1800000005, 'h-y', NULL, 0),
                ('host', '/out/.a.tmp', 1, 'x "q"', 'news', 1800000000, 1800000005, 'h-x "q"', NULL, 0);
            """)
        return db
    }

    @Test func notesThePreviousReleaseLeftAreReadInFileOrderAfterTheUpgrade() throws {
        let db = try databaseAtVersion7()
        let store = try PostgresStateStore(url: try url(), password: TestPostgres.password, owner: "host")
        #expect(try store.schemaVersion() == PostgresSchema.current)
        let expected = [
            PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0,
                          seen: [seen("y"), seen("x \"q\""), seen("z", revision: 2, updated: t0.addingTimeInterval(3.25))]),
            PendingOutput(path: "/out/b.ndjson", temporaryPath: "/out/.b.tmp", createdAt: t0.addingTimeInterval(1), seen: []),
            PendingOutput(path: "/out/c.ndjson", temporaryPath: "/out/.c.tmp", createdAt: t0.addingTimeInterval(2), seen: nil),
        ]
        #expect(try store.pendingOutputs() == expected)
        #expect(try db.execute("SELECT to_regclass('pending_seen') IS NULL").scalar == "t", "the per-record table is gone")
    }

    @Test func anUpgradedNoteIsCompletedByRecoveryAsBefore() throws {
        _ = try databaseAtVersion7()
        let store = try PostgresStateStore(url: try url(), password: TestPostgres.password, owner: "host")
        let note = try #require(try store.pendingOutputs().first)
        // Recovery of a published file adopts the note's records and drops the note.
        try store.commit(StateCommit(seen: note.seen ?? [], completedOutput: note.path, now: t0))
        #expect(try store.seenRecords(["x \"q\"", "y", "z"]).mapValues(\.revision) == ["x \"q\"": 0, "y": 0, "z": 2])
        #expect(try store.pendingOutputs().map(\.path) == ["/out/b.ndjson", "/out/c.ndjson"])
    }

    @Test func aNoteIsOneRowWhateverTheNumberOfItsRecords() throws {
        let store = try PostgresStateStore(url: try url(), password: TestPostgres.password, owner: "host")
        let records = (0..<500).map { seen("item-\($0)") }
        let note = PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: records)
        try store.beginOutput(note)
        let db = try PostgresConnection(url: try url(), password: TestPostgres.password)
        #expect(try db.execute("SELECT count(*), sum(cardinality(seen_ids)) FROM pending_output").rows.first == ["1", "500"])
        #expect(try store.pendingOutputs() == [note])
        // Noting the same file again replaces its records.
        let again = PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: Array(records.prefix(3)))
        try store.beginOutput(again)
        #expect(try store.pendingOutputs() == [again])
        try store.commit(StateCommit(seen: again.seen ?? [], completedOutput: again.path, now: t0))
        #expect(try store.seenRecords(records.map(\.id)).count == 3)
        #expect(try store.pendingOutputs().isEmpty)
    }
}
