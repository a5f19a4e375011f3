public import Foundation

/// What a shared PostgreSQL store does beyond ``StateStore``: leases, and the queries of
/// `chorus status`.
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
