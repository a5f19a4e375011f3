import Foundation
import GRDB

/// `chorus state migrate --to postgres://…`: copies a SQLite state (sources with their
/// validators, cursors and backoff; seen ids; pending outputs with their seen records; when
/// failing sources began to fail) into a PostgreSQL state, in one transaction. The target must
/// hold no state yet: a copy never merges into (or overwrites) another machine's state.
public enum StateMigration {
    /// What was copied.
    public struct Copied: Sendable, Equatable {
        public var sources = 0
        public var seen = 0
        public var pending = 0
        public var failing = 0
    }

    /// Copies `sqlite` into `target`; pending outputs become `target`'s owner's.
    public static func copy(from sqlite: SQLiteStateStore, to target: PostgresStateStore) throws(StateError) -> Copied {
        let sources = try sqlite.sourceRecords()
        let pending = try sqlite.pendingOutputs()
        let (seen, failing) = try everything(in: sqlite)
        var copied = Copied()
        try target.run("copy the state") { db throws(PostgresError) in
            try db.transaction { () throws(PostgresError) in
                let held = try db.execute("SELECT (SELECT count(*) FROM source) + (SELECT count(*) FROM seen)").scalar ?? "0"
                guard held == "0" else {
                    throw PostgresError("the target already holds a state (\(held) sources and seen ids); migrate into an empty database")
                }
                // Sources and seen ids go in as one commit would write them; `now` is unused without touches.
                let all = StateCommit(sources: sources.keys.sorted().compactMap { sources[$0] }, seen: seen, now: Date())
                try PostgresCommitWriter(db: db, owner: target.owner, token: target.token).write(all)
                for note in pending { try PostgresStateStore.note(note, owner: target.owner, in: db) }
                if !failing.isEmpty {
                    try db.execute("""
                        INSERT INTO source_failing (name, since) SELECT * FROM unnest($1::text[], $2::float8[])
                        """, [PostgresArray.text(failing.map(\.name)), PostgresArray.numbers(failing.map(\.since))])
                }
            }
        }
        copied.sources = sources.count
        copied.seen = seen.count
        copied.pending = pending.count
        copied.failing = failing.count
        return copied
    }

    /// Every seen record, and the failing-since rows (a store from before they were kept has none).
    private static func everything(in sqlite: SQLiteStateStore) throws(StateError) -> ([SeenRecord], [(name: String, since: Double?)]) {
        do {
            return try sqlite.queue.read { db in
                let seen = try Row.fetchAll(db, sql: """
                    SELECT id, source, first_seen, last_seen, content_hash, updated_at, revision FROM seen ORDER BY id
                    """).map { r in
                    SeenRecord(
                        id: r[0], source: r[1], firstSeen: Date(timeIntervalSince1970: r[2]), lastSeen: Date(timeIntervalSince1970: r[3]),
                        contentHash: r[4], updatedAt: (r[5] as Double?).map(Date.init(timeIntervalSince1970:)), revision: r[6])
                }
                var failing: [(name: String, since: Double?)] = []
                if try db.tableExists("source_failing") {
                    failing = try Row.fetchAll(db, sql: "SELECT name, since FROM source_failing ORDER BY name").map { ($0[0], $0[1]) }
                }
                return (seen, failing)
            }
        } catch {
            throw StateError("state: \(sqlite.queue.path): cannot read the state to copy (\(error))")
        }
    }
}
