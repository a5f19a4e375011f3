public import Foundation
import ChorusModel
import GRDB
import Synchronization

/// The embedded state store: one SQLite file (rollback journal, so the store is a single file
/// between runs) accessed through GRDB. Opened read-only for `--dry-run`.
public final class SQLiteStateStore: StateStore {
    /// Internal, not private: the health and status queries (`SQLiteStateStore+Health.swift`) use it.
    let queue: DatabaseQueue
    private let label: String
    /// True while the seen table is known to be empty (a first run): lookups then skip the
    /// database. Read once when the store opens (the caller holds the run lock, so no other
    /// writer adds rows meanwhile) and cleared before any commit that adds seen ids.
    private let seenIsEmpty: Mutex<Bool>
    /// The output path, temporary path and seen records of the last ``beginOutput(_:)``. When a
    /// commit completes that output with the very same records (the usual case), SQLite copies
    /// them from that note's `pending_seen` rows instead of binding every row a second time.
    /// Keeps the private copy a read-only store reads (and deletes it with the store).
    private let copy: JournalledCopy?
    private let lastNote = Mutex<(path: String, temporaryPath: String, seen: [SeenRecord])?>(nil)

    /// Opens (and creates or migrates, unless `readOnly`) the store at `path`. A read-only store
    /// whose file does not exist yet behaves as an empty store and creates nothing.
    /// A read-only store over a file a run left mid-commit reads a private copy with the
    /// journal rolled back (``JournalledCopy``): the dry run's read-only recovery view.
    public init(path: URL, readOnly: Bool = false) throws(StateError) {
        label = path.path
        let copy = readOnly ? JournalledCopy(of: path) : nil
        self.copy = copy
        let path = copy?.url ?? path
        do {
            var config = Configuration()
            config.readonly = readOnly && copy == nil
            config.busyMode = .timeout(10)
            if readOnly && !FileManager.default.fileExists(atPath: path.path) {
                queue = try DatabaseQueue()
                try Self.migrator.migrate(queue)
                seenIsEmpty = Mutex(true)
                return
            }
            if !readOnly {
                try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            queue = try DatabaseQueue(path: path.path, configuration: config)
            if !readOnly { try Self.migrator.migrate(queue) }
            let empty = try queue.read { db in try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM seen)") ?? false }
            seenIsEmpty = Mutex(empty)
        } catch {
            throw StateError("state: \(path.path): cannot open the store (\(error))")
        }
    }

    /// An empty store in memory (a dry run with `--reset-state` over an unusable state).
    public static func empty() throws(StateError) -> SQLiteStateStore {
        try SQLiteStateStore(path: URL(fileURLWithPath: "/nonexistent/chorus-empty-state"), readOnly: true)
    }

    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source (
                    name TEXT PRIMARY KEY NOT NULL, etag TEXT, last_modified TEXT, current_url TEXT,
                    cursor TEXT NOT NULL DEFAULT '{}', last_success REAL, last_attempt REAL,
                    failures INTEGER NOT NULL DEFAULT 0, next_due REAL, last_status INTEGER, last_error TEXT);
                CREATE TABLE seen (
                    id TEXT PRIMARY KEY NOT NULL, source TEXT NOT NULL, first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL, content_hash TEXT NOT NULL, updated_at REAL, revision INTEGER NOT NULL);
                CREATE INDEX seen_last_seen ON seen(last_seen);
                CREATE TABLE pending_output (path TEXT PRIMARY KEY NOT NULL, temp_path TEXT NOT NULL, created_at REAL NOT NULL);
                """)
        }
        // A note is identified by its temporary path: the final name changes when another run
        // sharing the output folder took it, and the note follows.
        m.registerMigration("pending-output-by-temp") { db in
            try db.execute(sql: """
                CREATE TABLE pending_output_new (temp_path TEXT PRIMARY KEY NOT NULL, path TEXT NOT NULL, created_at REAL NOT NULL);
                INSERT OR REPLACE INTO pending_output_new (temp_path, path, created_at)
                    SELECT temp_path, path, created_at FROM pending_output ORDER BY created_at;
                DROP TABLE pending_output;
                ALTER TABLE pending_output_new RENAME TO pending_output;
                """)
        }
        // A note carries the seen records of its file, so recovery never reads the file.
        m.registerMigration("pending-output-ids") { db in
            try db.execute(sql: """
                ALTER TABLE pending_output ADD COLUMN has_ids INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE pending_seen (
                    temp_path TEXT NOT NULL, id TEXT NOT NULL, source TEXT NOT NULL, first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL, content_hash TEXT NOT NULL, updated_at REAL, revision INTEGER NOT NULL,
                    PRIMARY KEY (temp_path, id));
                """)
        }
        // When each failing source began to fail (for `chorus status --fail-after`).
        m.registerMigration("source-failing-since") { db in
            try db.execute(sql: "CREATE TABLE source_failing (name TEXT PRIMARY KEY NOT NULL, since REAL NOT NULL)")
        }
        // The circuit breaker (SourceBreaker): strikes and quarantine per source.
        m.registerMigration("breaker") { db in
            try db.execute(sql: """
                CREATE TABLE breaker (
                    name TEXT PRIMARY KEY NOT NULL, strikes INTEGER NOT NULL, last_strike REAL NOT NULL,
                    quarantined_until REAL, cause TEXT NOT NULL);
                """)
        }
        return m
    }

    public func breakerRecords() throws(StateError) -> [String: BreakerRecord] {
        try run("read the breaker") { db in
            // A read-only store of an older file has no table yet: no strikes.
            guard try db.tableExists("breaker") else { return [:] }
            var out: [String: BreakerRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM breaker") {
                let r = BreakerRecord(
                    name: row["name"], strikes: row["strikes"], lastStrike: Date(timeIntervalSince1970: row["last_strike"]),
                    quarantinedUntil: Self.date(row["quarantined_until"]), cause: row["cause"])
                out[r.name] = r
            }
            return out
        }
    }

    public func saveBreaker(_ records: [BreakerRecord]) throws(StateError) {
        guard !records.isEmpty else { return }
        try write("save the breaker") { db in
            for r in records {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO breaker (name, strikes, last_strike, quarantined_until, cause) VALUES (?, ?, ?, ?, ?)",
                    arguments: [r.name, r.strikes, r.lastStrike.timeIntervalSince1970, r.quarantinedUntil?.timeIntervalSince1970, r.cause])
            }
        }
    }

    public func sourceRecords() throws(StateError) -> [String: SourceRecord] {
        try run("read sources") { db in
            var out: [String: SourceRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM source") {
                let name: String = row["name"]
                let cursor = SourceCursor(storedJSON: row["cursor"])
                out[name] = SourceRecord(
                    name: name,
                    state: SourceState(etag: row["etag"], lastModified: row["last_modified"], currentURL: row["current_url"], cursor: cursor),
                    lastSuccess: Self.date(row["last_success"]), lastAttempt: Self.date(row["last_attempt"]),
                    consecutiveFailures: row["failures"], nextDue: Self.date(row["next_due"]),
                    lastStatus: row["last_status"], lastError: row["last_error"])
            }
            return out
        }
    }

    public func seenRecords(_ ids: [String]) throws(StateError) -> [String: SeenRecord] {
        guard !ids.isEmpty, !seenIsEmpty.withLock({ $0 }) else { return [:] }
        // Plain SELECTs in autocommit, not `queue.read`: GRDB's read toggles `PRAGMA
        // query_only`, which expires every prepared statement, so each of a run's thousand
        // lookups would compile its SQL again. The run lock makes this process the only writer.
        return try lookUp("read seen ids") { db in
            var out: [String: SeenRecord] = [:]
            out.reserveCapacity(ids.count)
            var start = 0
            while start < ids.count {
                let end = min(start + Self.seenChunk, ids.count)
                let chunk = ids[start..<end]
                start = end
                // One cached statement per chunk size: a feed returns about as many items each poll.
                let marks = String(repeating: "?,", count: chunk.count - 1) + "?"
                let statement = try db.cachedStatement(sql: """
                    SELECT id, source, first_seen, last_seen, content_hash, updated_at, revision FROM seen WHERE id IN (\(marks))
                    """)
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let record = SeenRecord(
                        id: row[0], source: row[1], firstSeen: Date(timeIntervalSince1970: row[2]),
                        lastSeen: Date(timeIntervalSince1970: row[3]), contentHash: row[4],
                        updatedAt: Self.date(row[5]), revision: row[6])
                    out[record.id] = record
                }
            }
            return out
        }
    }

    /// Ids per `IN (...)` lookup (well under SQLite's bound-parameter limit).
    private static let seenChunk = 500

    public func beginOutput(_ output: PendingOutput) throws(StateError) {
        try write("note a pending output") { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO pending_output (temp_path, path, created_at, has_ids) VALUES (?, ?, ?, ?)",
                arguments: [output.temporaryPath, output.path, output.createdAt.timeIntervalSince1970, output.seen != nil])
            try db.execute(sql: "DELETE FROM pending_seen WHERE temp_path = ?", arguments: [output.temporaryPath])
            guard let seen = output.seen else { return }
            let insert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO pending_seen (temp_path, id, source, first_seen, last_seen, content_hash, updated_at, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try SeenRowWriter(statement: insert, db: db).insert(seen, leading: output.temporaryPath)
        }
        lastNote.withLock { $0 = output.seen.map { (output.path, output.temporaryPath, $0) } }
    }

    public func pendingOutputs() throws(StateError) -> [PendingOutput] {
        try run("read pending outputs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pending_output ORDER BY created_at, path").map { row in
                let temp: String = row["temp_path"]
                var seen: [SeenRecord]?
                if row["has_ids"] as Bool {
                    seen = try Row.fetchAll(db, sql: "SELECT * FROM pending_seen WHERE temp_path = ? ORDER BY rowid", arguments: [temp]).map { r in
                        SeenRecord(
                            id: r["id"], source: r["source"], firstSeen: Date(timeIntervalSince1970: r["first_seen"]),
                            lastSeen: Date(timeIntervalSince1970: r["last_seen"]), contentHash: r["content_hash"],
                            updatedAt: Self.date(r["updated_at"]), revision: r["revision"])
                    }
                }
                return PendingOutput(path: row["path"], temporaryPath: temp, createdAt: Date(timeIntervalSince1970: row["created_at"]), seen: seen)
            }
        }
    }

    public func commit(_ change: StateCommit) throws(StateError) {
        if !change.seen.isEmpty { seenIsEmpty.withLock { $0 = false } }
        try write("commit the run") { db in
            let upsertSource = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO source (name, etag, last_modified, current_url, cursor, last_success, last_attempt,
                    failures, next_due, last_status, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for s in change.sources {
                let cursor = try s.state.cursor.storedJSON()
                try upsertSource.execute(arguments: [
                        s.name, s.state.etag, s.state.lastModified, s.state.currentURL, cursor,
                        s.lastSuccess?.timeIntervalSince1970, s.lastAttempt?.timeIntervalSince1970, s.consecutiveFailures,
                        s.nextDue?.timeIntervalSince1970, s.lastStatus, s.lastError,
                    ])
            }
            // Array equality is a pointer comparison when the commit carries the noted array.
            let note: String? = change.completedOutput.flatMap { path in
                lastNote.withLock { n in n.flatMap { $0.path == path && $0.seen == change.seen ? $0.temporaryPath : nil } }
            }
            let noted = note != nil
            if let note {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO seen (id, source, first_seen, last_seen, content_hash, updated_at, revision)
                    SELECT id, source, first_seen, last_seen, content_hash, updated_at, revision FROM pending_seen
                    WHERE temp_path = ? ORDER BY rowid
                    """, arguments: [note])
            }
            if !noted {
                let upsert = try db.makeStatement(sql: """
                    INSERT OR REPLACE INTO seen (id, source, first_seen, last_seen, content_hash, updated_at, revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                try SeenRowWriter(statement: upsert, db: db).insert(change.seen)
            }
            let touch = try db.makeStatement(sql: "UPDATE seen SET last_seen = ? WHERE id = ?")
            for id in change.touched {
                try touch.execute(arguments: [change.now.timeIntervalSince1970, id])
            }
            if let path = change.completedOutput {
                try db.execute(
                    sql: "DELETE FROM pending_seen WHERE temp_path IN (SELECT temp_path FROM pending_output WHERE path = ?)", arguments: [path])
                try db.execute(sql: "DELETE FROM pending_output WHERE path = ?", arguments: [path])
            }
            for name in change.finished {
                try db.execute(sql: "DELETE FROM breaker WHERE name = ?", arguments: [name])
            }
            if let cutoff = change.pruneBefore {
                try db.execute(sql: "DELETE FROM seen WHERE last_seen < ?", arguments: [cutoff.timeIntervalSince1970])
            }
        }
        lastNote.withLock { $0 = nil }
    }

    private static func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }

    private func run<T>(_ what: String, _ body: (Database) throws -> T) throws(StateError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw StateError("state: \(label): cannot \(what) (\(error))")
        }
    }

    private func lookUp<T>(_ what: String, _ body: (Database) throws -> T) throws(StateError) -> T {
        do {
            return try queue.inDatabase(body)
        } catch {
            throw StateError("state: \(label): cannot \(what) (\(error))")
        }
    }

    private func write<T>(_ what: String, _ body: (Database) throws -> T) throws(StateError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw StateError("state: \(label): cannot \(what) (\(error))")
        }
    }
}
