import Foundation

/// Claims on a shared PostgreSQL store (``SeenClaiming``), in `seen_claim` keyed by (`id`,
/// `revision`). A claim is live while `expires` is ahead (renewed with the run's leases) and
/// permanent (`expires` NULL) once the transaction that notes the run's output, or commits it,
/// has checked that every live claim still carries the run's token. Claims of a dead run expire and
/// go to whoever asks next; so do those of an earlier run of the same holder at once (its runs
/// never overlap: the run lock). Permanent claims are pruned with the seen ids (retention).
extension PostgresStateStore: SeenClaiming {
    public func claim(_ items: [(id: String, revision: Int)]) throws(StateError) -> Set<String> {
        var keys = Set<String>()
        let unique = items.filter { keys.insert("\($0.revision) \($0.id)").inserted }
        guard !unique.isEmpty else { return [] }
        let now = Date()
        let got: [String] = try run("claim items") { db throws(PostgresError) in
            try db.execute("""
                INSERT INTO seen_claim (id, revision, holder, token, claimed, expires)
                SELECT i, r, $3, $4, $5, $6 FROM unnest($1::text[], $2::bigint[]) AS t(i, r)
                WHERE NOT EXISTS (SELECT 1 FROM seen s WHERE s.id = t.i AND s.revision >= t.r)
                ON CONFLICT (id, revision) DO UPDATE SET holder = EXCLUDED.holder, token = EXCLUDED.token,
                    claimed = EXCLUDED.claimed, expires = EXCLUDED.expires
                WHERE seen_claim.expires IS NOT NULL AND (seen_claim.holder = EXCLUDED.holder OR seen_claim.expires < $5)
                RETURNING id
                """, [
                    PostgresArray.text(unique.map(\.id)), PostgresArray.integers(unique.map(\.revision)), holder, token,
                    "\(now.timeIntervalSince1970)", "\(now.addingTimeInterval(leases.length).timeIntervalSince1970)",
                ]).rows.compactMap { $0.first ?? nil }
        }
        leases.claimed(got.count)
        return Set(got)
    }

    /// The claims' fencing check, inside the caller's transaction: makes this run's live claims
    /// permanent and throws "claim lost" when fewer than it made still carry its token (a run
    /// that stalled past its claims, which another run then took). Claims already made
    /// permanent (by an earlier note) cannot be taken and are not touched again. Returns how
    /// many it made permanent: ``LeaseKeeper/madePermanent(_:)`` once the transaction commits.
    func checkClaims(_ db: PostgresConnection) throws(PostgresError) -> Int {
        let live = leases.claims
        guard live > 0 else { return 0 }
        let kept = try db.execute(
            "UPDATE seen_claim SET expires = NULL WHERE token = $1 AND expires IS NOT NULL RETURNING 1", [token]).rows.count
        guard kept < live else { return live }
        throw PostgresError(
            "claim lost: another run took over \(live - kept) of this run's \(live) items after it stalled past its lease (state.lease); nothing of this run is published or committed")
    }
}
