public import Foundation

/// Leases on a shared PostgreSQL store, with a fencing token: every run that leases writes a new
/// token (``PostgresStateStore/token``) on its sources and renews their expiry while it works
/// (``LeaseKeeper``). A run that stalled past its lease may have lost a source to another run,
/// which then wrote a new token; the transactions that note this run's output and commit its
/// state first lock its sources and check their token, and fail with "lease lost" if any was
/// taken over: the run publishes and commits nothing, and the run that took over delivers.
extension PostgresStateStore: SourceLeasing {
    /// Rows another run holds are skipped (`FOR UPDATE SKIP LOCKED`), as are leases that have
    /// not expired; a source never seen before gets its row, leased, in the same statement (one
    /// round trip per chunk). The leases are renewed every third of their length until the commit.
    public func lease(_ names: [String], until: Date, now: Date) throws(StateError) -> [String: SourceRecord] {
        let leased: [String: SourceRecord] = try run("lease sources") { db throws(PostgresError) in
            // The UPDATE does not see the rows the INSERT creates (one snapshot), so no row comes back twice.
            Self.records(try db.execute("""
                WITH created AS (
                    INSERT INTO source (name, lease_holder, lease_expires, lease_token)
                    SELECT unnest($1::text[]), $2::text, $3::float8, $5::text
                    ON CONFLICT (name) DO NOTHING
                    RETURNING \(Self.sourceColumns)),
                taken AS (
                    UPDATE source SET lease_holder = $2::text, lease_expires = $3::float8, lease_token = $5::text
                    WHERE name IN (
                        SELECT name FROM source WHERE name = ANY($1::text[])
                            AND (lease_holder IS NULL OR lease_holder = $2::text OR lease_expires < $4::float8)
                        FOR UPDATE SKIP LOCKED)
                    RETURNING \(Self.sourceColumns))
                SELECT * FROM created UNION ALL SELECT * FROM taken
                """, [PostgresArray.text(names), holder, "\(until.timeIntervalSince1970)", "\(now.timeIntervalSince1970)", token]))
        }
        let length = max(until.timeIntervalSince(now), 0.3)
        leases.hold(Array(leased.keys), length: length) { [weak self] in self?.renewLeases(for: length) }
        return leased
    }

    /// Moves the expiry of the sources and the live claims that still carry this run's token
    /// `length` seconds ahead. A failure is left to the commit, which checks them anyway.
    func renewLeases(for length: Double) {
        _ = try? run("renew leases") { db throws(PostgresError) in
            let until = "\(Date().addingTimeInterval(length).timeIntervalSince1970)"
            try db.execute("UPDATE source SET lease_expires = $2 WHERE lease_token = $1", [token, until])
            if leases.claims > 0 {
                try db.execute("UPDATE seen_claim SET expires = $2 WHERE token = $1 AND expires IS NOT NULL", [token, until])
            }
        }
    }

    /// The fencing check, inside the caller's transaction: locks the sources this run leased
    /// (until the transaction ends, so none can be taken over meanwhile) and throws "lease lost"
    /// when any of them carries another run's token.
    func checkLeases(_ db: PostgresConnection) throws(PostgresError) {
        let names = leases.names
        guard !names.isEmpty else { return }
        let held = try db.execute(
            "UPDATE source SET lease_expires = lease_expires WHERE name = ANY($1::text[]) AND lease_token = $2 RETURNING name",
            [PostgresArray.text(names), token])
        let lost = Set(names).subtracting(held.rows.compactMap { $0.first ?? nil })
        guard !lost.isEmpty else { return }
        let shown = lost.sorted().prefix(5).joined(separator: ", ") + (lost.count > 5 ? " and \(lost.count - 5) more" : "")
        throw PostgresError(
            "lease lost: another run took over \(shown) after this run stalled past its lease (state.lease); nothing of this run is published or committed")
    }
}
