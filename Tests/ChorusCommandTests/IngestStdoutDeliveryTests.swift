import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// `--output -` is at-least-once: items reach stdout before the state commit, so a failed
/// commit means the rerun prints them again, and never that an item is lost.
@Suite("chorus ingest --output - when the commit fails", .serialized)
struct IngestStdoutDeliveryTests {
    private func ids(_ stdout: String) -> [String] {
        stdout.split(separator: "\n").map { line in
            ((try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any])?["id"] as? String ?? "not an item: \(line)"
        }
    }

    @Test func itemsPrintedBeforeAFailedCommitArePrintedAgainByTheRerun() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run(["--output", "-"]).status == 0)
        try h.writeFeed("alpha", items: 0..<5)
        // Another connection holds the state's write lock: the run can read it but its commit
        // fails (after the store's busy timeout).
        var config = Configuration()
        config.allowsUnsafeTransactions = true // the transaction stays open across the run
        let blocker = try DatabaseQueue(path: h.statePath.path, configuration: config)
        try blocker.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let failed = try h.run(["--output", "-", "--ignore-schedule"])
        try blocker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        #expect(failed.status == 70, "\(failed.stderr)")
        let printed = ids(failed.stdout)
        #expect(printed.count == 2, "the new items reached stdout before the commit")
        let rerun = try h.run(["--output", "-", "--ignore-schedule"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(ids(rerun.stdout) == printed, "the uncommitted items are printed again, none is lost")
        #expect(try h.run(["--output", "-", "--ignore-schedule"]).stdout.isEmpty)
    }
}
