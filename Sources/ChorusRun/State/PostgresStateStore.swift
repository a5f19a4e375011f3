public import Foundation
import ChorusModel
import Synchronization

/// The shared state store: the tables of ``PostgresSchema`` on a PostgreSQL server, reached
/// through libpq (``PostgresConnection``). Same semantics as ``SQLiteStateStore``: one run's
/// changes commit in one transaction; seen ids are pruned by retention; pending outputs carry
/// their seen records. Rows travel as arrays (``PostgresArray``), so a commit or a lookup costs
/// a fixed number of round trips whatever the number of items. Pending outputs belong to an
/// `owner` (by default this machine's host name): each machine reconciles its own files only.
public final class PostgresStateStore: StateStore {
    /// The one connection, used by one call at a time (libpq connections are not thread-safe).
    private let db: Mutex<PostgresConnection>
    /// Whose pending outputs this store notes and reads.
    let owner: String
    /// The holder of the sources this store leases: the owner unless given. Runs of one owner
    /// (one output folder) never overlap (the run lock), so a run takes over the leases its
    /// owner's crashed or failed run left, instead of waiting for them to expire.
    let holder: String
    /// This run's fencing token, written on the sources it leases (``lease(_:until:now:)``).
    let token = UUID().uuidString.lowercased()
    /// The sources this run leased, and their renewal.
    let leases = LeaseKeeper()
    /// The output table items are upserted into (``PostgresItemTable``), if any.
    let table: String?
    private let readOnly: Bool
    /// A read-only store over a database chorus never wrote to reads as empty.
    let empty: Bool
    /// The output path, temporary path and seen records of the last ``beginOutput(_:)``. When a
    /// commit completes that output with the very same records (the usual case), the server
    /// copies them from the note's arrays instead of receiving them a second time.
    private let lastNote = Mutex<(path: String, temporaryPath: String, seen: [SeenRecord])?>(nil)

    /// Connects, then creates or upgrades the schema (unless `readOnly`: a dry run writes nothing).
    public init(
        url: String, password: String?, owner: String = ProcessInfo.processInfo.hostName, holder: String? = nil,
        table: String? = nil, readOnly: Bool = false
    ) throws(StateError) {
        self.owner = owner
        self.table = table
        self.holder = holder ?? owner
        self.readOnly = readOnly
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(url: url, password: password)
            if readOnly {
                try connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                empty = try PostgresSchema.version(connection) == 0
            } else {
                try PostgresSchema.migrate(connection)
                if let table { try connection.executeScript(PostgresItemTable.create(table)) }
                empty = false
            }
        } catch {
            throw StateError("state: postgres: \(Self.redacted(url)): \(error.message)")
        }
        db = Mutex(connection)
    }

    /// `url` without a password it may hold (`postgres://user:secret@host` → `postgres://user@host`).
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }

    /// The schema version the database is at (for `chorus check`).
    public func schemaVersion() throws(StateError) -> Int {
        try run("read the schema version") { db throws(PostgresError) in try PostgresSchema.version(db) }
    }

    public func sourceRecords() throws(StateError) -> [String: SourceRecord] {
        if empty { return [:] }
        return try run("read sources") { db throws(PostgresError) in
            Self.records(try db.execute("SELECT \(Self.sourceColumns) FROM source"))
        }
    }

    /// The columns of a ``SourceRecord``, in the order ``records(_:)`` reads them.
    static let sourceColumns = "name, etag, last_modified, current_url, cursor, last_success, last_attempt, failures, next_due, last_status, last_error"

    /// Source records from rows of ``sourceColumns``, keyed by name.
    static func records(_ rows: PostgresRows) -> [String: SourceRecord] {
        var out: [String: SourceRecord] = [:]
        for r in rows.rows {
            let name = r[0] ?? ""
            let cursor = SourceCursor(storedJSON: r[4] ?? "{}")
            out[name] = SourceRecord(
                name: name, state: SourceState(etag: r[1], lastModified: r[2], currentURL: r[3], cursor: cursor),
                lastSuccess: Self.date(r[5]), lastAttempt: Self.date(r[6]), consecutiveFailures: r[7].flatMap { Int($0) } ?? 0,
                nextDue: Self.date(r[8]), lastStatus: r[9].flatMap { Int($0) }, lastError: r[10])
        }
        return out
    }

    public func seenRecords(_ ids: [String]) throws(StateError) -> [String: SeenRecord] {
        if empty || ids.isEmpty { return [:] }
        return try run("read seen ids") { db throws(PostgresError) in
            let rows = try db.execute("""
                SELECT id, source, first_seen, last_seen, content_hash, updated_at, revision FROM seen WHERE id = ANY($1::text[])
                """, [PostgresArray.text(ids)])
            var out: [String: SeenRecord] = [:]
            out.reserveCapacity(rows.rows.count)
            for r in rows.rows {
                let record = Self.seen(r)
                out[record.id] = record
            }
            return out
        }
    }

    public func beginOutput(_ output: PendingOutput) throws(StateError) {
        let permanent = try run("note a pending output") { db throws(PostgresError) in
            try db.transaction { () throws(PostgresError) in
                // The file is published after this: never by a run whose sources were taken over.
                try checkLeases(db)
                let permanent = try checkClaims(db)
                try Self.note(output, owner: owner, in: db)
                if let table { try PostgresItemTable.upsert(output.documents, into: table, in: db) }
                return permanent
            }
        }
        leases.madePermanent(permanent)
        lastNote.withLock { $0 = output.seen.map { (output.path, output.temporaryPath, $0) } }
    }

    /// Writes (or replaces) the note of `output` with its seen records, inside the caller's
    /// transaction: one row, the records as arrays in file order (migration 8), NULL without records.
    static func note(_ output: PendingOutput, owner: String, in db: PostgresConnection) throws(PostgresError) {
        let arrays: [String?] = output.seen.map { columns(lastOfEachId($0).map(\.record)) } ?? Array(repeating: nil, count: 7)
        try db.execute("""
            INSERT INTO pending_output (owner, temp_path, path, created_at, has_ids,
                seen_ids, seen_sources, seen_first, seen_last, seen_hashes, seen_updated, seen_revisions)
            VALUES ($1, $2, $3, $4, $5, $6::text[], $7::text[], $8::float8[], $9::float8[], $10::text[], $11::float8[], $12::bigint[])
            ON CONFLICT (owner, temp_path) DO UPDATE SET path = EXCLUDED.path, created_at = EXCLUDED.created_at,
                has_ids = EXCLUDED.has_ids, seen_ids = EXCLUDED.seen_ids, seen_sources = EXCLUDED.seen_sources,
                seen_first = EXCLUDED.seen_first, seen_last = EXCLUDED.seen_last, seen_hashes = EXCLUDED.seen_hashes,
                seen_updated = EXCLUDED.seen_updated, seen_revisions = EXCLUDED.seen_revisions
            """, [owner, output.temporaryPath, output.path, "\(output.createdAt.timeIntervalSince1970)", output.seen == nil ? "f" : "t"]
                + arrays)
    }

    /// The seen records of a note `o` (a `pending_output` row) as rows, in the column order of
    /// ``columns(_:)``, for a `FROM pending_output o, \(notedRecords) AS p(...)`.
    static let notedRecords = """
        unnest(o.seen_ids, o.seen_sources, o.seen_first, o.seen_last, o.seen_hashes, o.seen_updated, o.seen_revisions)
        """

    public func pendingOutputs() throws(StateError) -> [PendingOutput] {
        if empty { return [] }
        return try run("read pending outputs") { db throws(PostgresError) in
            let notes = try db.execute(
                "SELECT temp_path, path, created_at, has_ids FROM pending_output WHERE owner = $1 ORDER BY created_at, path", [owner])
            var out: [PendingOutput] = []
            for n in notes.rows {
                let temp = n[0] ?? ""
                var seen: [SeenRecord]?
                if n[3] == "t" {
                    seen = try db.execute("""
                        SELECT p.* FROM pending_output o, \(Self.notedRecords) WITH ORDINALITY AS p
                        WHERE o.owner = $1 AND o.temp_path = $2 ORDER BY p.ordinality
                        """, [owner, temp]).rows.map(Self.seen)
                }
                out.append(PendingOutput(path: n[1] ?? "", temporaryPath: temp, createdAt: Self.date(n[2]) ?? .distantPast, seen: seen))
            }
            return out
        }
    }

    public func commit(_ change: StateCommit) throws(StateError) {
        if readOnly { throw StateError("state: postgres: cannot commit the run (the store is read-only)") }
        // Array equality is a pointer comparison when the commit carries the noted array.
        let note: String? = change.completedOutput.flatMap { path in
            lastNote.withLock { n in n.flatMap { $0.path == path && $0.seen == change.seen ? $0.temporaryPath : nil } }
        }
        defer { lastNote.withLock { $0 = nil } }
        try run("commit the run") { db throws(PostgresError) in
            try db.transaction { () throws(PostgresError) in
                try checkLeases(db)
                _ = try checkClaims(db)
                if let table, change.outputWithdrawn, let path = change.completedOutput {
                    try PostgresItemTable.withdraw(outputAt: path, owner: owner, from: table, in: db)
                }
                try PostgresCommitWriter(db: db, owner: owner, token: token, noted: note).write(change)
                if let table { try PostgresItemTable.upsert(change.documents, into: table, in: db) }
            }
        }
        leases.release()
    }

    /// Of records with the same id, the last (as SQLite's `INSERT OR REPLACE` keeps), at the
    /// position of that last one.
    static func lastOfEachId(_ records: [SeenRecord]) -> [(position: Int, record: SeenRecord)] {
        var last: [String: Int] = [:]
        for (i, r) in records.enumerated() { last[r.id] = i }
        return records.enumerated().compactMap { i, r in last[r.id] == i ? (i, r) : nil }
    }

    /// The seven seen-record columns as array parameters: id, source, first_seen, last_seen,
    /// content_hash, updated_at, revision.
    static func columns(_ records: [SeenRecord]) -> [String?] {
        [
            PostgresArray.text(records.map(\.id)), PostgresArray.text(records.map(\.source)),
            PostgresArray.numbers(records.map(\.firstSeen.timeIntervalSince1970)),
            PostgresArray.numbers(records.map(\.lastSeen.timeIntervalSince1970)),
            PostgresArray.text(records.map(\.contentHash)), PostgresArray.numbers(records.map { $0.updatedAt?.timeIntervalSince1970 }),
            PostgresArray.integers(records.map(\.revision)),
        ]
    }

    private static func seen(_ r: [String?]) -> SeenRecord {
        SeenRecord(
            id: r[0] ?? "", source: r[1] ?? "", firstSeen: date(r[2]) ?? .distantPast, lastSeen: date(r[3]) ?? .distantPast,
            contentHash: r[4] ?? "", updatedAt: date(r[5]), revision: r[6].flatMap { Int($0) } ?? 0)
    }

    static func date(_ text: String?) -> Date? { text.flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) }

    /// Runs `body` on the connection; a failure becomes "state: postgres: cannot <what> (<why>)".
    func run<T: Sendable>(_ what: String, _ body: (PostgresConnection) throws(PostgresError) -> T) throws(StateError) -> T {
        do {
            return try db.withLock { (db: inout PostgresConnection) throws(PostgresError) -> T in try body(db) }
        } catch {
            throw StateError("state: postgres: cannot \(what) (\(error.message))", outcomeUnknown: error.connectionLost)
        }
    }
}
