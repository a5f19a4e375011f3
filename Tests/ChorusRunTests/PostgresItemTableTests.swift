import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// `output: { postgres: { table: items } }`: the items of a run are in the table as well as in
/// its NDJSON file, one row per (`id`, `revision`), the typed columns equal to the object's fields.
@Suite("PostgreSQL output table", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresItemTableTests {
    @Test func everyWrittenItemIsARowWithItsFieldsAndARevisionIsANewRow() throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database("table_" + UUID().uuidString.prefix(8))
        try h.writeFeed("alpha", items: 0..<4)
        try h.writeFeed("beta", items: 10..<13)
        let yaml = """
            output: { dir: out, postgres: { table: items } }
            state: { url: "\(url)", password: "${CHORUS_TEST_PG_PASSWORD}" }
            sources:
              - { name: alpha, type: feed, url: "\(h.url("alpha.rss"))" }
              - { name: beta, type: feed, url: "\(h.url("beta.rss"))" }
            """
        try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
        let first = try h.run(["--ignore-schedule"])
        #expect(first.status == 0, "\(first.stderr)")
        let db = try PostgresConnection(url: url, password: TestPostgres.password)
        let lines = try h.allRecords().compactMap { $0 }
        #expect(lines.count == 7)
        #expect(try db.execute("SELECT count(*) FROM items").scalar == "7")
        for line in lines {
            let id = try #require(line["id"] as? String)
            let row = try #require(try db.execute("""
                SELECT source, platform, to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), sentiment_label,
                    compound, revision, item->>'title' FROM items WHERE id = $1
                """, [id]).rows.first)
            let sentiment = line["sentiment"] as? [String: Any]
            #expect(row[0] == line["source"] as? String)
            #expect(row[1] == line["platform"] as? String)
            #expect(row[2] == line["published_at"] as? String)
            #expect(row[3] == sentiment?["label"] as? String)
            #expect(row[4].flatMap(Double.init) == (sentiment?["compound"] as? NSNumber)?.doubleValue)
            #expect(row[5] == "0")
            #expect(row[6] == line["title"] as? String)
        }
        // An edited item is a new revision: a new row beside the first.
        try h.writeFeed("alpha", items: 0..<4, edited: [2])
        let second = try h.run(["--ignore-schedule"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try db.execute("SELECT count(*), count(DISTINCT id), max(revision) FROM items").rows.first == ["8", "7", "1"])
    }

    @Test func aTableNeedsAPostgreSQLStateAndAPlainName() {
        for (yaml, expected) in [
            ("output: { dir: out, postgres: { table: items } }\nstate: { path: s.sqlite }", "output.postgres: needs a PostgreSQL state"),
            ("output: { dir: out, postgres: { table: \"items; drop\" } }\nstate: { url: \"postgres://c@db/c\" }", "output.postgres.table:"),
        ] {
            do {
                _ = try ConfigLoader.parse(yaml + "\nsources: []\n", file: URL(fileURLWithPath: "/srv/c.yaml"), environment: [:])
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.problems.contains { $0.message.contains(expected) }, "\(error.problems.map(\.message))")
            }
        }
    }
}
