import Foundation

/// Writes one ``StateCommit`` inside the transaction ``PostgresStateStore/commit(_:)`` opened:
/// sources and seen records upserted from arrays (one statement each, whatever their number),
/// duplicates touched, the completed pending output dropped, the breaker strikes of the sources
/// that finished cleared, the run's source leases released,
/// old seen ids pruned.
struct PostgresCommitWriter {
    let db: PostgresConnection
    /// Whose pending output the commit completes.
    let owner: String
    /// The fencing token of the run whose source leases the commit releases.
    let token: String
    /// The temporary path of this owner's note whose seen records are exactly the
    /// commit's seen records (``PostgresStateStore/beginOutput(_:)`` of this run), if any: they
    /// are copied on the server instead of sent again.
    var noted: String?

    /// What a seen row becomes when its id is already there.
    private static let seenUpdate = """
        ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, first_seen = EXCLUDED.first_seen,
            last_seen = EXCLUDED.last_seen, content_hash = EXCLUDED.content_hash, updated_at = EXCLUDED.updated_at,
            revision = EXCLUDED.revision
        """

    func write(_ change: StateCommit) throws(PostgresError) {
        if !change.sources.isEmpty { try upsertSources(change.sources) }
        if !change.seen.isEmpty, let noted {
            // The note's records are unique by id (``PostgresStateStore/note(_:owner:in:)``), as one upsert needs.
            try db.execute("""
                INSERT INTO seen (id, source, first_seen, last_seen, content_hash, updated_at, revision)
                SELECT p.* FROM pending_output o, \(PostgresStateStore.notedRecords) AS p
                WHERE o.owner = $1 AND o.temp_path = $2
                \(Self.seenUpdate)
                """, [owner, noted])
        } else if !change.seen.isEmpty {
            let rows = PostgresStateStore.lastOfEachId(change.seen).map(\.record)
            try db.execute("""
                INSERT INTO seen (id, source, first_seen, last_seen, content_hash, updated_at, revision)
                SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::float8[], $7::bigint[])
                \(Self.seenUpdate)
                """, PostgresStateStore.columns(rows))
        }
        let now = "\(change.now.timeIntervalSince1970)"
        if !change.touched.isEmpty {
            try db.execute("UPDATE seen SET last_seen = $1 WHERE id = ANY($2::text[])", [now, PostgresArray.text(change.touched)])
        }
        if let path = change.completedOutput {
            // Recovery of a file never published commits none of its items: their claims go, so
            // the next poll of their sources writes them (a commit of the noted records writes
            // every one, and releases nothing).
            if noted == nil {
                try releaseUnwrittenClaims(of: path, written: change.seen)
            }
            try db.execute("DELETE FROM pending_output WHERE owner = $1 AND path = $2", [owner, path])
        }
        if !change.finished.isEmpty {
            try db.execute("DELETE FROM breaker WHERE name = ANY($1::text[])", [PostgresArray.text(change.finished)])
        }
        try db.execute("UPDATE source SET lease_holder = NULL, lease_expires = NULL, lease_token = NULL WHERE lease_token = $1", [token])
        if let cutoff = change.pruneBefore {
            try db.execute("DELETE FROM seen WHERE last_seen < $1", ["\(cutoff.timeIntervalSince1970)"])
            try db.execute(
                "DELETE FROM seen_claim WHERE (expires IS NULL AND claimed < $1) OR expires < $2",
                ["\(cutoff.timeIntervalSince1970)", "\(change.now.timeIntervalSince1970)"])
        }
    }

    /// Deletes the claims of the noted items of output `path` that the commit does not write
    /// (``OutputRecovery`` of a file never published writes none).
    private func releaseUnwrittenClaims(of path: String, written: [SeenRecord]) throws(PostgresError) {
        try db.execute("""
            DELETE FROM seen_claim c USING pending_output o, unnest(o.seen_ids, o.seen_revisions) AS p(id, revision)
            WHERE o.owner = $1 AND o.path = $2 AND c.id = p.id AND c.revision = p.revision AND NOT (p.id = ANY($3::text[]))
            """, [owner, path, PostgresArray.text(written.map(\.id))])
    }

    private func upsertSources(_ sources: [SourceRecord]) throws(PostgresError) {
        var last: [String: SourceRecord] = [:]
        for s in sources { last[s.name] = s }
        let rows = last.values.sorted { $0.name < $1.name }
        let cursors: [String?] = rows.map { s in (try? s.state.cursor.storedJSON()) ?? "{}" }
        try db.execute("""
            INSERT INTO source (name, etag, last_modified, current_url, cursor, last_success, last_attempt, failures, next_due,
                last_status, last_error)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[],
                $8::int[], $9::float8[], $10::int[], $11::text[])
            ON CONFLICT (name) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
                current_url = EXCLUDED.current_url, cursor = EXCLUDED.cursor, last_success = EXCLUDED.last_success,
                last_attempt = EXCLUDED.last_attempt, failures = EXCLUDED.failures, next_due = EXCLUDED.next_due,
                last_status = EXCLUDED.last_status, last_error = EXCLUDED.last_error
            """, [
                PostgresArray.text(rows.map(\.name)), PostgresArray.text(rows.map(\.state.etag)),
                PostgresArray.text(rows.map(\.state.lastModified)), PostgresArray.text(rows.map(\.state.currentURL)),
                PostgresArray.text(cursors), PostgresArray.numbers(rows.map { $0.lastSuccess?.timeIntervalSince1970 }),
                PostgresArray.numbers(rows.map { $0.lastAttempt?.timeIntervalSince1970 }),
                PostgresArray.integers(rows.map(\.consecutiveFailures)),
                PostgresArray.numbers(rows.map { $0.nextDue?.timeIntervalSince1970 }), PostgresArray.integers(rows.map(\.lastStatus)),
                PostgresArray.text(rows.map(\.lastError)),
            ])
    }
}
