import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// State written before Chorus decoded references in attribute values (an Atom link `href` or
/// an `rdf:about` holding `&amp;` gave ids built from `&#38;`): the next run must not deliver
/// those items again, and must move their seen records to the new ids. The fixture
/// `Fixtures/legacy-state/before-attribute-decoding.sqlite` was written by `chorus ingest` of
/// commit 75255a1 over the two feeds beside it.
@Suite("State from before attribute decoding", .serialized)
struct LegacyStateMigrationTests {
    private let folder = Fixtures.folder.appendingPathComponent("legacy-state")
    /// The ids that state holds (built from `&#38;`), by feed.
    private let oldAtomIDs: Set = ["34896770b66d89257a3cbf04271760d4", "cb7b9872068a885d4889f93b1fce723a"]
    private let oldRDFIDs: Set = ["e7c07c5cb7e99ba0d70d897daefa0e11", "6e9561be0692a15170db58a08f4cc46c"]

    /// A harness serving the two feeds, with the old state in place. Only the source rows
    /// (validators, schedule: they name the old server's port) are dropped and the seen rows
    /// made recent (retention counts from `last_seen`); every seen row is as the old release wrote it.
    private func harness() throws -> IngestHarness {
        let h = try IngestHarness()
        for name in ["atom.xml", "rdf.xml"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: h.www.appendingPathComponent(name))
        }
        try h.writeConfig(feeds: [("atom-legacy", h.url("atom.xml")), ("rdf-legacy", h.url("rdf.xml"))])
        try FileManager.default.createDirectory(at: h.stateDir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: folder.appendingPathComponent("before-attribute-decoding.sqlite"), to: h.statePath)
        let db = try DatabaseQueue(path: h.statePath.path)
        try db.write { db in
            try db.execute(sql: "DELETE FROM source")
            try db.execute(sql: "UPDATE seen SET last_seen = ?", arguments: [Date().timeIntervalSince1970 - 3600])
        }
        try db.close()
        return h
    }

    private func seenIDs(_ h: IngestHarness) throws -> Set<String> {
        let db = try DatabaseQueue(path: h.statePath.path)
        defer { try? db.close() }
        return Set(try db.read { try String.fetchAll($0, sql: "SELECT id FROM seen") })
    }

    @Test func itemsKnownUnderTheirFormerIDsAreNotDeliveredAgain() throws {
        let h = try harness()
        let before = try seenIDs(h)
        #expect(before.isSuperset(of: oldAtomIDs.union(oldRDFIDs)))

        let run = try h.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try h.allRecords().isEmpty, "every item was delivered by the old release already")
        let summary = try #require(try h.summaries().last)
        let totals = try #require(summary["totals"] as? [String: Any])
        #expect(totals["new"] as? Int == 0)

        // The records moved to the new ids (the old rows stay until retention prunes them).
        let after = try seenIDs(h)
        let added = after.subtracting(before)
        #expect(added.count == 4, "one new row per item whose id changed: \(added)")

        // A second run finds them under their new ids.
        let again = try h.run(["--ignore-schedule"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try h.allRecords().isEmpty)
    }

    @Test func aLaterVersionOfAMigratedItemIsARevision() throws {
        let h = try harness()
        let atom = h.www.appendingPathComponent("atom.xml")
        var text = try String(contentsOf: atom, encoding: .utf8)
        text = text.replacingOccurrences(of: "<updated>2018-05-14T09:30:00Z</updated>\n    <summary>Without",
                                         with: "<updated>2018-05-15T09:30:00Z</updated>\n    <summary>Edited. Without")
        try text.write(to: atom, atomically: true, encoding: .utf8)
        let run = try h.run()
        #expect(run.status == 0, "\(run.stderr)")
        let records = try h.allRecords()
        #expect(records.count == 1)
        let record = try #require(records.first ?? nil)
        #expect(record["url"] as? String == "https://news.example/story?id=1&lang=en")
        #expect(record["revision"] as? Int == 1)
    }

    @Test func withoutTheOldStateEveryItemIsNewAndHasADecodedURL() throws {
        let h = try harness()
        try FileManager.default.removeItem(at: h.statePath)
        let run = try h.run()
        #expect(run.status == 0, "\(run.stderr)")
        let records = try h.allRecords().compactMap { $0 }
        #expect(records.count == 5)
        #expect(records.allSatisfy { !(($0["url"] as? String) ?? "").contains("&#") })
        #expect(records.allSatisfy { !(($0["native_id"] as? String) ?? "").contains("&#") })
        #expect(Set(records.compactMap { $0["id"] as? String }).isDisjoint(with: oldAtomIDs.union(oldRDFIDs)))
    }
}
