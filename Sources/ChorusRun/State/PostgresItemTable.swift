import Yams

/// The optional PostgreSQL output (`output: { postgres: { table: items } }`): every item written
/// is upserted by (`id`, `revision`) into a table of the state's database, the NDJSON object as
/// `jsonb` (`item`) beside typed columns to filter on. Rows go in with the transaction that notes
/// the run's output file (before it is published; that transaction also makes the items' claims
/// permanent), or, for a run without a file, with its commit: the state never records an item
/// the table lacks. Downstream tools query the table or `COPY` it out.
enum PostgresItemTable {
    /// The table's columns; created when missing (the name is the user's, so not a migration).
    static func create(_ table: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS "\(table)" (
            id text NOT NULL, revision bigint NOT NULL, source text NOT NULL, platform text,
            published_at timestamptz, sentiment_label text, compound double precision, item jsonb NOT NULL,
            written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (id, revision));
        CREATE INDEX IF NOT EXISTS "\(table)_published_at" ON "\(table)" (published_at);
        """
    }

    /// Upserts the items of `lines` (NDJSON, one object a line) in one statement.
    static func upsert(_ lines: [UInt8], into table: String, in db: PostgresConnection) throws(PostgresError) {
        guard !lines.isEmpty else { return }
        try db.execute("""
            INSERT INTO "\(table)" (id, revision, source, platform, published_at, sentiment_label, compound, item)
            SELECT d->>'id', coalesce((d->>'revision')::bigint, 0), d->>'source', d->>'platform', (d->>'published_at')::timestamptz,
                d#>>'{sentiment,label}', (d#>>'{sentiment,compound}')::double precision, d
            FROM (SELECT line::jsonb AS d FROM string_to_table($1, E'\\n') AS line WHERE line <> '') AS t
            ON CONFLICT (id, revision) DO UPDATE SET source = EXCLUDED.source, platform = EXCLUDED.platform,
                published_at = EXCLUDED.published_at, sentiment_label = EXCLUDED.sentiment_label,
                compound = EXCLUDED.compound, item = EXCLUDED.item, written_at = now()
            """, [String(decoding: lines, as: UTF8.self)])
    }

    /// Deletes the rows noted with an output file that was never published (its run died, or
    /// lost the server, between the note and the publish), before recovery drops the note: the
    /// table then holds no item that no file holds, and the next poll of their sources writes
    /// them again. Their claims kept anyone else from writing the same (`id`, `revision`).
    static func withdraw(outputAt path: String, owner: String, from table: String, in db: PostgresConnection) throws(PostgresError) {
        try db.execute("""
            DELETE FROM "\(table)" t USING pending_output o, unnest(o.seen_ids, o.seen_revisions) AS p(id, revision)
            WHERE o.owner = $1 AND o.path = $2 AND t.id = p.id AND t.revision = p.revision
            """, [owner, path])
    }

    /// Reads `output.postgres` (`{ table: NAME }`); the name is a plain SQL identifier.
    static func read(_ node: Node, reader: ConfigReader) -> String? {
        guard let m = reader.mapping(node, at: "output.postgres", allowed: ["table"]) else { return nil }
        guard let n = m["table"]?.value else {
            reader.problem(node, "output.postgres: missing required key 'table'")
            return nil
        }
        guard let name = reader.nonEmptyString(n, at: "output.postgres.table") else { return nil }
        let valid = name.utf8.count <= 48 && name.first.map { $0 == "_" || ($0.isASCII && $0.isLowercase) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
        guard valid else {
            reader.problem(n, "output.postgres.table: '\(name)' must be lower-case letters, digits and underscores (at most 48), not starting with a digit")
            return nil
        }
        return name
    }
}
