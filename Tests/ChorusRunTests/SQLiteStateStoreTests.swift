import ChorusModel
import Foundation
import GRDB
import Testing
import ChorusTestSupport
@testable import ChorusRun

/// The state store's contract, for SQLite and (`StoreKind`) PostgreSQL; then SQLite's own cases.
@Suite("State stores: SQLite and PostgreSQL")
struct SQLiteStateStoreTests {
    let folder: URL
    let path: URL
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        folder = try RepoPaths.temporaryDirectory("chorus-state")
        path = folder.appendingPathComponent("state/chorus.sqlite")
    }

    /// The store `name` of this test (the same data each time it is opened again).
    private func open(_ kind: StoreKind, _ name: String = "main") throws -> any StateStore {
        switch kind {
        case .sqlite:
            return try SQLiteStateStore(path: name == "main" ? path : folder.appendingPathComponent("\(name).sqlite"))
        case .postgres:
            let db = try TestPostgres.database(folder.lastPathComponent.suffix(36) + "_" + name)
            return try PostgresStateStore(url: db, password: TestPostgres.password, owner: "test")
        }
    }

    private func seen(_ id: String, at date: Date, revision: Int = 0) -> SeenRecord {
        SeenRecord(id: id, source: "news", firstSeen: date, lastSeen: date, contentHash: "h-\(id)", updatedAt: nil, revision: revision)
    }

    @Test(arguments: StoreKind.all) func aNewStoreIsEmptyAndCreatesItsFolder(kind: StoreKind) throws {
        let store = try open(kind)
        #expect(try store.sourceRecords().isEmpty)
        #expect(try store.seenRecords(["a"]).isEmpty)
        #expect(try store.pendingOutputs().isEmpty)
        if kind == .sqlite { #expect(FileManager.default.fileExists(atPath: path.path)) }
    }

    @Test(arguments: StoreKind.all) func aCommitRoundTripsSourceStateAndSeenIdsAcrossReopen(kind: StoreKind) throws {
        let record = SourceRecord(
            name: "news", state: SourceState(etag: "\"v1\"", lastModified: "Sat, 28 Nov 2026 10:00:00 GMT", currentURL: "https://new.example/feed",
                                             cursor: ["since_id": "42", "origin": "https://old.example/feed"]),
            lastSuccess: t0, lastAttempt: t0, consecutiveFailures: 0, nextDue: t0.addingTimeInterval(900), lastStatus: 200, lastError: nil)
        do {
            let store = try open(kind)
            try store.commit(StateCommit(sources: [record], seen: [seen("a", at: t0), seen("b", at: t0, revision: 2)], now: t0))
        }
        let reopened = try open(kind)
        #expect(try reopened.sourceRecords() == ["news": record])
        let found = try reopened.seenRecords(["a", "b", "c"])
        #expect(found.keys.sorted() == ["a", "b"])
        #expect(found["b"]?.revision == 2)
        #expect(found["a"] == seen("a", at: t0))
    }

    @Test(arguments: StoreKind.all) func seenLookupsWorkForMoreIdsThanOneStatementTakes(kind: StoreKind) throws {
        let store = try open(kind)
        let ids = (0..<1_234).map { "id-\($0)" }
        try store.commit(StateCommit(seen: ids.map { seen($0, at: t0) }, now: t0))
        #expect(try store.seenRecords(ids + ["missing"]).count == 1_234)
    }

    @Test(arguments: StoreKind.all) func pruningDropsIdsNotSeenWithinTheRetentionWindow(kind: StoreKind) throws {
        let store = try open(kind)
        let old = t0.addingTimeInterval(-40 * 86_400)
        try store.commit(StateCommit(seen: [seen("old", at: old), seen("kept", at: old), seen("recent", at: t0)], now: t0))
        // "kept" was read again in this run: touching it moves its last-seen time forward.
        try store.commit(StateCommit(touched: ["kept"], pruneBefore: t0.addingTimeInterval(-30 * 86_400), now: t0))
        #expect(try store.seenRecords(["old", "kept", "recent"]).keys.sorted() == ["kept", "recent"])
    }

    @Test(arguments: StoreKind.all) func pendingOutputsAreClearedByTheCommitThatCompletesThem(kind: StoreKind) throws {
        let store = try open(kind)
        let pending = PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.ndjson.1.tmp", createdAt: t0)
        try store.beginOutput(pending)
        #expect(try store.pendingOutputs() == [pending])
        try store.commit(StateCommit(completedOutput: "/out/a.ndjson", now: t0))
        #expect(try store.pendingOutputs().isEmpty)
    }

    @Test(arguments: StoreKind.all) func pendingOutputsKeepTheirSeenRecordsAndFollowARenoteUnderAnotherName(kind: StoreKind) throws {
        let records = [seen("a", at: t0), seen("b", at: t0, revision: 1)]
        do {
            let store = try open(kind)
            try store.beginOutput(PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.ndjson.1.tmp", createdAt: t0, seen: records))
            try store.beginOutput(PendingOutput(path: "/out/a-2.ndjson", temporaryPath: "/out/.a.ndjson.1.tmp", createdAt: t0, seen: records))
        }
        let store = try open(kind)
        #expect(try store.pendingOutputs() == [
            PendingOutput(path: "/out/a-2.ndjson", temporaryPath: "/out/.a.ndjson.1.tmp", createdAt: t0, seen: records)
        ])
        try store.commit(StateCommit(completedOutput: "/out/a-2.ndjson", now: t0))
        #expect(try store.pendingOutputs().isEmpty)
        try store.beginOutput(PendingOutput(path: "/out/a-2.ndjson", temporaryPath: "/out/.a.ndjson.1.tmp", createdAt: t0, seen: []))
        #expect(try store.pendingOutputs().first?.seen == [], "no records are left over from the completed note")
    }

    @Test(arguments: StoreKind.all) func aCommitOfTheNotedRecordsStoresEveryFieldOfEveryRecord(kind: StoreKind) throws {
        var records = (0..<700).map { seen("id-\($0)", at: t0.addingTimeInterval(Double($0)), revision: $0 % 3) }
        records[5].updatedAt = t0.addingTimeInterval(-60)
        records[6].source = "other"
        let store = try open(kind)
        try store.beginOutput(PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: records))
        try store.commit(StateCommit(seen: records, completedOutput: "/out/a.ndjson", now: t0))
        let found = try open(kind).seenRecords(records.map(\.id))
        #expect(found.count == records.count)
        for r in records { #expect(found[r.id] == r) }
        #expect(try store.pendingOutputs().isEmpty)
    }

    @Test(arguments: StoreKind.all) func emptyAndNonASCIITextSurviveBothWritePathsExactly(kind: StoreKind) throws {
        let odd = [
            SeenRecord(id: "", source: "", firstSeen: t0, lastSeen: t0, contentHash: "", updatedAt: nil, revision: 0),
            SeenRecord(id: "中兴-é-\u{1F600}", source: "zte-微博", firstSeen: t0.addingTimeInterval(0.125), lastSeen: t0,
                       contentHash: "hash with spaces ✓", updatedAt: t0.addingTimeInterval(-1.5), revision: Int(Int32.max) + 7),
            // What an array literal must escape or could mistake for NULL.
            SeenRecord(id: "q\"b\\s{c},NULL", source: "NULL", firstSeen: t0, lastSeen: t0, contentHash: "\"\"", updatedAt: nil, revision: 1),
        ]
        let store = try open(kind)
        try store.beginOutput(PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: odd))
        #expect(try store.pendingOutputs().first?.seen == odd)
        try store.commit(StateCommit(seen: odd, completedOutput: "/out/a.ndjson", now: t0))
        let viaNote = try store.seenRecords(odd.map(\.id))
        #expect(viaNote.count == 3)
        for r in odd { #expect(viaNote[r.id] == r) }
        // The row-by-row path (no note) writes the same values.
        let direct = try open(kind, "other")
        try direct.commit(StateCommit(seen: odd, now: t0))
        let found = try direct.seenRecords(odd.map(\.id))
        for r in odd { #expect(found[r.id] == r) }
    }

    @Test func aCommitOfTheNotedRecordsCopiesThemFromTheNoteInsideSQLite() throws {
        let records = [seen("a", at: t0), seen("b", at: t0)]
        let store = try SQLiteStateStore(path: path)
        try store.beginOutput(PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: records))
        // Mark the note's rows behind the store's back: only a copy from the note carries the mark.
        try DatabaseQueue(path: path.path).write { db in
            try db.execute(sql: "UPDATE pending_seen SET content_hash = 'from-note'")
        }
        try store.commit(StateCommit(seen: records, completedOutput: "/out/a.ndjson", now: t0))
        #expect(try store.seenRecords(["a", "b"]).values.map(\.contentHash).sorted() == ["from-note", "from-note"])
    }

    @Test(arguments: StoreKind.all) func aCommitWhoseRecordsDifferFromTheNoteStoresTheCommitsRecords(kind: StoreKind) throws {
        let noted = [seen("a", at: t0), seen("b", at: t0), seen("c", at: t0)]
        let committed = [seen("a", at: t0, revision: 4), seen("d", at: t0)]
        let store = try open(kind)
        try store.beginOutput(PendingOutput(path: "/out/a.ndjson", temporaryPath: "/out/.a.tmp", createdAt: t0, seen: noted))
        try store.commit(StateCommit(seen: committed, completedOutput: "/out/a.ndjson", now: t0))
        let found = try store.seenRecords(["a", "b", "c", "d"])
        #expect(found.keys.sorted() == ["a", "d"])
        #expect(found["a"] == committed[0])
        // A later commit of another output does not reuse the completed note.
        try store.commit(StateCommit(seen: noted, completedOutput: "/out/b.ndjson", now: t0))
        #expect(try store.seenRecords(["b", "c"]).count == 2)
    }

    @Test func aPendingNoteFromTheFirstSchemaIsKeptWithoutIds() throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let queue = try DatabaseQueue(path: path.path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE source (
                        name TEXT PRIMARY KEY NOT NULL, etag TEXT, last_modified TEXT, current_url TEXT,
                        cursor TEXT NOT NULL DEFAULT '{}', last_success REAL, last_attempt REAL,
                        failures INTEGER NOT NULL DEFAULT 0, next_due REAL, last_status INTEGER, last_error TEXT);
                    CREATE TABLE seen (
                        id TEXT PRIMARY KEY NOT NULL, source TEXT NOT NULL, first_seen REAL NOT NULL,
                        last_seen REAL NOT NULL, content_hash TEXT NOT NULL, updated_at REAL, revision INTEGER NOT NULL);
                    CREATE TABLE pending_output (path TEXT PRIMARY KEY NOT NULL, temp_path TEXT NOT NULL, created_at REAL NOT NULL);
                    """)
                try db.execute(
                    sql: "INSERT INTO pending_output VALUES (?, ?, ?)", arguments: ["/out/old.ndjson", "/out/.old.ndjson.9.tmp", t0.timeIntervalSince1970])
            }
        }
        let store = try SQLiteStateStore(path: path)
        #expect(try store.pendingOutputs() == [PendingOutput(path: "/out/old.ndjson", temporaryPath: "/out/.old.ndjson.9.tmp", createdAt: t0)])
    }

    @Test func aReadOnlyStoreOfAMissingFileIsEmptyAndCreatesNothing() throws {
        let store = try SQLiteStateStore(path: path, readOnly: true)
        #expect(try store.sourceRecords().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path.path))
        #expect(!FileManager.default.fileExists(atPath: path.deletingLastPathComponent().path))
    }

    @Test func aReadOnlyStoreRefusesToWriteAndLeavesTheFileUnchanged() throws {
        do {
            let store = try SQLiteStateStore(path: path)
            try store.commit(StateCommit(seen: [seen("a", at: t0)], now: t0))
        }
        let before = try Data(contentsOf: path)
        let store = try SQLiteStateStore(path: path, readOnly: true)
        #expect(try store.seenRecords(["a"]).count == 1)
        #expect(throws: StateError.self) { try store.commit(StateCommit(seen: [seen("b", at: t0)], now: t0)) }
        #expect(try Data(contentsOf: path) == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: path.deletingLastPathComponent().path)
        #expect(names == ["chorus.sqlite"])
    }

    @Test func aFileThatIsNotADatabaseIsAStateError() throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not sqlite at all, just text that is long enough to be read as a header".utf8).write(to: path)
        #expect {
            let store = try SQLiteStateStore(path: path)
            _ = try store.sourceRecords()
        } throws: { error in
            (error as? StateError)?.message.hasPrefix("state: \(path.path): ") == true
        }
    }
}
