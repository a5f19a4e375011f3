public import Foundation
import GRDB

/// The operator's queries on the state store: when each failing source began to fail, and how
/// many items each source emitted lately. Written after every committed run, read by
/// `chorus status`.
extension SQLiteStateStore {
    /// Notes, for every source that is failing now, the start of the run it first failed in
    /// (kept while it keeps failing), and forgets sources that succeeded. Call after the commit,
    /// under the run lock.
    public func recordFailingSince() throws(StateError) {
        do {
            try queue.write { db in
                try db.execute(sql: """
                    DELETE FROM source_failing WHERE name NOT IN (SELECT name FROM source WHERE failures > 0);
                    INSERT OR IGNORE INTO source_failing (name, since)
                        SELECT name, last_attempt FROM source WHERE failures > 0 AND last_attempt IS NOT NULL;
                    """)
            }
        } catch {
            throw StateError("state: \(queue.path): cannot record failing sources (\(error))")
        }
    }

    /// Per source: since when it has been failing (nil: it is not), and how many items it
    /// emitted for the first time at or after `since`. A store written before these were kept
    /// answers with what it has.
    public func health(itemsSince since: Date) throws(StateError) -> [String: SourceHealth] {
        do {
            return try queue.read { db in
                var out: [String: SourceHealth] = [:]
                let tables = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if tables.contains("source_failing") {
                    for row in try Row.fetchAll(db, sql: "SELECT name, since FROM source_failing") {
                        out[row["name"], default: SourceHealth()].failingSince = Date(timeIntervalSince1970: row["since"])
                    }
                }
                let counts = try Row.fetchAll(
                    db, sql: "SELECT source, count(*) AS n FROM seen WHERE first_seen >= ? GROUP BY source",
                    arguments: [since.timeIntervalSince1970])
                for row in counts {
                    out[row["source"], default: SourceHealth()].itemsSince = row["n"]
                }
                return out
            }
        } catch {
            throw StateError("state: \(queue.path): cannot read source health (\(error))")
        }
    }
}

/// What the store knows of a source's recent health, beyond its ``SourceRecord``.
public struct SourceHealth: Sendable, Equatable {
    /// The start of the first run of the current streak of failures; nil when not failing.
    public var failingSince: Date?
    /// Items first emitted by the source since the time asked for.
    public var itemsSince: Int = 0

    public init(failingSince: Date? = nil, itemsSince: Int = 0) {
        self.failingSince = failingSince
        self.itemsSince = itemsSince
    }
}
