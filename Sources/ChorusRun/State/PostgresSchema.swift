/// The PostgreSQL state's tables, created and upgraded by numbered migrations. The version
/// reached is the one row of `chorus_schema`; every migration runs in the transaction that
/// records its number, under a transaction-scoped advisory lock, so machines that start
/// together migrate once and never see half a schema. Times are `double precision` seconds
/// since 1970, as in the SQLite store, so a `Date` round-trips exactly.
enum PostgresSchema {
    /// The migrations, in order: version N is `migrations[N - 1]`. Append, never edit.
    static let migrations: [String] = [
        // 1: the tables of the SQLite store's schema, plus the owner of a pending output (each
        // machine reconciles only the files of its own output folder).
        """
        CREATE TABLE source (
            name text PRIMARY KEY, etag text, last_modified text, current_url text,
            cursor text NOT NULL DEFAULT '{}', last_success double precision, last_attempt double precision,
            failures integer NOT NULL DEFAULT 0, next_due double precision, last_status integer, last_error text);
        CREATE TABLE seen (
            id text PRIMARY KEY, source text NOT NULL, first_seen double precision NOT NULL,
            last_seen double precision NOT NULL, content_hash text NOT NULL, updated_at double precision, revision bigint NOT NULL);
        CREATE INDEX seen_last_seen ON seen (last_seen);
        CREATE TABLE pending_output (
            owner text NOT NULL, temp_path text NOT NULL, path text NOT NULL, created_at double precision NOT NULL,
            has_ids boolean NOT NULL DEFAULT false, PRIMARY KEY (owner, temp_path));
        CREATE TABLE pending_seen (
            owner text NOT NULL, temp_path text NOT NULL, position integer NOT NULL, id text NOT NULL, source text NOT NULL,
            first_seen double precision NOT NULL, last_seen double precision NOT NULL, content_hash text NOT NULL,
            updated_at double precision, revision bigint NOT NULL, PRIMARY KEY (owner, temp_path, id));
        CREATE TABLE source_failing (name text PRIMARY KEY, since double precision NOT NULL);
        """,
        // 2: a source's lease: the owner (host:output folder) whose run polls it, and until when (SourceLeasing).
        """
        ALTER TABLE source ADD COLUMN lease_holder text, ADD COLUMN lease_expires double precision;
        """,
        // 3: the fencing token of a lease: a new one per run that leases, so a run that stalled
        // past its lease and was taken over finds another token on its sources at commit.
        """
        ALTER TABLE source ADD COLUMN lease_token text;
        """,
        // 4: the circuit breaker's strikes and quarantines (SourceBreaker), shared by every machine.
        """
        CREATE TABLE breaker (
            name text PRIMARY KEY, strikes integer NOT NULL, last_strike double precision NOT NULL,
            quarantined_until double precision, cause text NOT NULL);
        """,
        // 5: claims on (id, revision) before an item is written (SeenClaiming): `expires` while the
        // claiming run works, NULL once its output is noted or committed.
        """
        CREATE TABLE seen_claim (
            id text NOT NULL, revision bigint NOT NULL, holder text NOT NULL, token text NOT NULL,
            claimed double precision NOT NULL, expires double precision, PRIMARY KEY (id, revision));
        CREATE INDEX seen_claim_token ON seen_claim (token);
        """,
        // 6: hosts that answered 429 (HostBackoffSharing), not asked again by any machine until `until`.
        """
        CREATE TABLE host_backoff (host text PRIMARY KEY, until double precision NOT NULL, reason text NOT NULL);
        """,
        // 7: cheaper notes. Claims get room on their pages, so making a run's claims permanent
        // (and renewing them) updates them in place (HOT) instead of adding index entries: 20,000
        // claims in 0.12 s instead of 0.54 s. A note's seen rows are found by (owner, temp_path)
        // alone: the key with the id was the widest index of a run's writes and enforced nothing
        // the note does not already (one row per id).
        """
        ALTER TABLE seen_claim SET (fillfactor = 50);
        ALTER TABLE pending_seen DROP CONSTRAINT pending_seen_pkey;
        CREATE INDEX pending_seen_note ON pending_seen (owner, temp_path);
        """,
        // 8: a note's seen records are one row: arrays on its `pending_output` row, in file order
        // (NULL when the note carries none), instead of a `pending_seen` row per item with its index
        // entry, inserted at the note and deleted at the commit. Stored uncompressed (EXTERNAL):
        // compressing the 20,000 records of a cold run of 1,000 feeds cost the note 0.2 s, writing
        // them uncompressed 0.02 s. Notes a previous release left move into the arrays.
        """
        ALTER TABLE pending_output ADD COLUMN seen_ids text[], ADD COLUMN seen_sources text[],
            ADD COLUMN seen_first double precision[], ADD COLUMN seen_last double precision[],
            ADD COLUMN seen_hashes text[], ADD COLUMN seen_updated double precision[], ADD COLUMN seen_revisions bigint[];
        ALTER TABLE pending_output ALTER COLUMN seen_ids SET STORAGE EXTERNAL, ALTER COLUMN seen_sources SET STORAGE EXTERNAL,
            ALTER COLUMN seen_first SET STORAGE EXTERNAL, ALTER COLUMN seen_last SET STORAGE EXTERNAL,
            ALTER COLUMN seen_hashes SET STORAGE EXTERNAL, ALTER COLUMN seen_updated SET STORAGE EXTERNAL,
            ALTER COLUMN seen_revisions SET STORAGE EXTERNAL;
        UPDATE pending_output o SET (seen_ids, seen_sources, seen_first, seen_last, seen_hashes, seen_updated, seen_revisions) = (
            SELECT coalesce(array_agg(id ORDER BY position), '{}'), coalesce(array_agg(source ORDER BY position), '{}'),
                coalesce(array_agg(first_seen ORDER BY position), '{}'), coalesce(array_agg(last_seen ORDER BY position), '{}'),
                coalesce(array_agg(content_hash ORDER BY position), '{}'), coalesce(array_agg(updated_at ORDER BY position), '{}'),
                coalesce(array_agg(revision ORDER BY position), '{}')
            FROM pending_seen p WHERE p.owner = o.owner AND p.temp_path = o.temp_path)
        WHERE o.has_ids;
        DROP TABLE pending_seen;
        """,
    ]

    /// The version this build writes.
    static var current: Int { migrations.count }

    /// The advisory lock key migrations hold ("chorus" in ASCII).
    static let lockKey = "109516604404338"

    /// Brings the database to ``current``; returns the version found before. A database newer
    /// than this build is refused (an older binary must not write a schema it does not know).
    @discardableResult
    static func migrate(_ db: PostgresConnection) throws(PostgresError) -> Int {
        try db.transaction { () throws(PostgresError) -> Int in
            try db.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            try db.execute("CREATE TABLE IF NOT EXISTS chorus_schema (version integer NOT NULL)")
            let found = try db.execute("SELECT max(version) FROM chorus_schema").scalar.flatMap { Int($0) } ?? 0
            guard found <= current else {
                throw PostgresError("the schema is at version \(found), newer than this chorus knows (\(current)); upgrade chorus")
            }
            for version in (found + 1)..<(current + 1) {
                try db.executeScript(migrations[version - 1])
            }
            if found < current {
                try db.execute("DELETE FROM chorus_schema")
                try db.execute("INSERT INTO chorus_schema (version) VALUES ($1)", [String(current)])
            }
            return found
        }
    }

    /// The version recorded in the database (0 when chorus never wrote there).
    static func version(_ db: PostgresConnection) throws(PostgresError) -> Int {
        let exists = try db.execute("SELECT to_regclass('chorus_schema') IS NOT NULL").scalar == "t"
        guard exists else { return 0 }
        return try db.execute("SELECT max(version) FROM chorus_schema").scalar.flatMap { Int($0) } ?? 0
    }
}
