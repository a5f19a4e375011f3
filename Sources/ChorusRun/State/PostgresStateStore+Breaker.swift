import Foundation

/// The circuit breaker's records on a shared PostgreSQL store: strikes and quarantines are the
/// cluster's, so a poison pill that kills runs on one machine is skipped by every machine. The
/// in-flight marks stay in each machine's `<output.dir>/.chorus/run.inflight` (a `pwrite` per
/// source start, not a round trip); the machine whose run died counts the strike on its next run.
extension PostgresStateStore {
    public func breakerRecords() throws(StateError) -> [String: BreakerRecord] {
        if empty { return [:] }
        return try run("read the breaker") { db throws(PostgresError) in
            // A read-only look at a schema older than the breaker's migration: no strikes.
            guard try db.execute("SELECT to_regclass('breaker') IS NOT NULL").scalar == "t" else { return [:] }
            var out: [String: BreakerRecord] = [:]
            for r in try db.execute("SELECT name, strikes, last_strike, quarantined_until, cause FROM breaker").rows {
                let name = r[0] ?? ""
                out[name] = BreakerRecord(
                    name: name, strikes: r[1].flatMap { Int($0) } ?? 0, lastStrike: Self.date(r[2]) ?? .distantPast,
                    quarantinedUntil: Self.date(r[3]), cause: r[4] ?? "")
            }
            return out
        }
    }

    public func saveBreaker(_ records: [BreakerRecord]) throws(StateError) {
        guard !records.isEmpty else { return }
        var last: [String: BreakerRecord] = [:]
        for r in records { last[r.name] = r }
        let rows = last.values.sorted { $0.name < $1.name }
        try run("save the breaker") { db throws(PostgresError) in
            try db.execute("""
                INSERT INTO breaker (name, strikes, last_strike, quarantined_until, cause)
                SELECT * FROM unnest($1::text[], $2::int[], $3::float8[], $4::float8[], $5::text[])
                ON CONFLICT (name) DO UPDATE SET strikes = EXCLUDED.strikes, last_strike = EXCLUDED.last_strike,
                    quarantined_until = EXCLUDED.quarantined_until, cause = EXCLUDED.cause
                """, [
                    PostgresArray.text(rows.map(\.name)), PostgresArray.integers(rows.map(\.strikes)),
                    PostgresArray.numbers(rows.map(\.lastStrike.timeIntervalSince1970)),
                    PostgresArray.numbers(rows.map { $0.quarantinedUntil?.timeIntervalSince1970 }), PostgresArray.text(rows.map(\.cause)),
                ])
        }
    }
}
