public import Foundation

/// The queries of `chorus status` on a shared PostgreSQL store (leases: ``PostgresStateStore``+Leases).
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
