public import Foundation

/// Opens the state store the config names: SQLite at `state.path`, or PostgreSQL at
/// `state.url`. Only the PostgreSQL branch touches libpq (loaded on first use), so a SQLite
/// config never loads it.
public enum StateStoreOpener {
    /// The store; read-only for a dry run. In a shared PostgreSQL store, this machine's
    /// output folder owns its pending outputs (`host:folder`: two workers on one host, each
    /// with its own folder, reconcile only their own files).
    public static func open(_ settings: StateSettings, readOnly: Bool) throws(StateError) -> any StateStore {
        guard let url = settings.url else { return try SQLiteStateStore(path: settings.path, readOnly: readOnly) }
        // `path` is <output.dir>/.chorus/run for a PostgreSQL state.
        let folder = settings.path.deletingLastPathComponent().deletingLastPathComponent().path
        return try PostgresStateStore(
            url: url, password: settings.password, owner: "\(ProcessInfo.processInfo.hostName):\(folder)", readOnly: readOnly)
    }

    /// For `chorus check`: connects to a PostgreSQL state and says which schema version it is
    /// at, or why it cannot be used. Nil for a SQLite state (``StateHealth`` checks the file).
    public static func check(_ settings: StateSettings) -> Result<String, StateError>? {
        guard let url = settings.url else { return nil }
        do {
            let store = try PostgresStateStore(url: url, password: settings.password, readOnly: true)
            let version = try store.schemaVersion()
            let current = PostgresSchema.current
            let shown = PostgresStateStore.redacted(url)
            if version > current {
                return .failure(StateError("state: postgres: \(shown): schema version \(version) is newer than this chorus knows (\(current)); upgrade chorus"))
            }
            let note = version == current ? "current" : "a run upgrades it to \(current)"
            return .success("state: postgres: \(shown): connected, schema version \(version) (\(note))")
        } catch {
            return .failure(error)
        }
    }
}

/// A store that keeps, for `chorus status`, when each failing source began to fail.
public protocol SourceFailureLog {
    /// Called after a committed run, under the run lock.
    func recordFailingSince() throws(StateError)
}

extension SQLiteStateStore: SourceFailureLog {}

extension PostgresStateStore: SourceFailureLog {
    public func recordFailingSince() throws(StateError) {
        try run("record failing sources") { db throws(PostgresError) in
            try db.executeScript("""
                BEGIN;
                DELETE FROM source_failing WHERE name NOT IN (SELECT name FROM source WHERE failures > 0);
                INSERT INTO source_failing (name, since)
                    SELECT name, last_attempt FROM source WHERE failures > 0 AND last_attempt IS NOT NULL
                    ON CONFLICT (name) DO NOTHING;
                COMMIT;
                """)
        }
    }
}

extension PostgresStateStore: SourceLeasing {
    /// Rows another run holds are skipped (`FOR UPDATE SKIP LOCKED`), as are leases that have
    /// not expired; a source never seen before gets its (empty) row first, so it can be leased.
    public func lease(_ names: [String], until: Date, now: Date) throws(StateError) -> [String: SourceRecord] {
        let leased: Set<String> = try run("lease sources") { db throws(PostgresError) in
            try db.execute("INSERT INTO source (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING", [PostgresArray.text(names)])
            let rows = try db.execute("""
                UPDATE source SET lease_holder = $2, lease_expires = $3
                WHERE name IN (
                    SELECT name FROM source WHERE name = ANY($1::text[])
                        AND (lease_holder IS NULL OR lease_holder = $2 OR lease_expires < $4)
                    FOR UPDATE SKIP LOCKED)
                RETURNING name
                """, [PostgresArray.text(names), holder, "\(until.timeIntervalSince1970)", "\(now.timeIntervalSince1970)"])
            return Set(rows.rows.compactMap { $0.first ?? nil })
        }
        return try sourceRecords().filter { leased.contains($0.key) }
    }
}

/// A store that answers `chorus status`'s health questions (``SourceHealth``).
public protocol SourceHealthReading {
    /// Per source: since when it has been failing, and how many items it first emitted since `since`.
    func health(itemsSince since: Date) throws(StateError) -> [String: SourceHealth]
}

extension SQLiteStateStore: SourceHealthReading {}

extension PostgresStateStore: SourceHealthReading {
    public func health(itemsSince since: Date) throws(StateError) -> [String: SourceHealth] {
        guard try schemaVersion() > 0 else { return [:] }
        return try run("read source health") { db throws(PostgresError) in
            var out: [String: SourceHealth] = [:]
            for row in try db.execute("SELECT name, since FROM source_failing").rows {
                out[row[0] ?? "", default: SourceHealth()].failingSince = Self.date(row[1])
            }
            let counts = try db.execute(
                "SELECT source, count(*) FROM seen WHERE first_seen >= $1 GROUP BY source", ["\(since.timeIntervalSince1970)"])
            for row in counts.rows {
                out[row[0] ?? "", default: SourceHealth()].itemsSince = row[1].flatMap { Int($0) } ?? 0
            }
            return out
        }
    }
}
