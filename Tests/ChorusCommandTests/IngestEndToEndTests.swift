import ChorusRun
import ChorusTestSupport
import Foundation
import Testing

/// End-to-end runs of the real `chorus` binary against feeds on loopback nginx.
@Suite("chorus ingest end to end", .serialized)
struct IngestEndToEndTests {
    private func ids(_ records: [[String: Any]?]) -> [String] { records.compactMap { $0?["id"] as? String } }

    @Test func theFirstRunWritesEveryItemTheSecondOnlyNewOnesAnd304sWriteNothing() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeFeed("beta", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss")), ("beta", h.url("beta.rss"))], extra: "keywords: { track: [ZTE] }")

        let first = try h.run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty && first.stderr.isEmpty, "a successful run is quiet")
        #expect(h.outputFiles().count == 1)
        let firstFile = try #require(h.outputFiles().first)
        #expect(firstFile.deletingLastPathComponent().lastPathComponent.hasPrefix("date="))
        let records = try h.records(firstFile)
        #expect(records.count == 5)
        #expect(Set(ids(records)).count == 5)
        #expect(records.allSatisfy { ($0?["revision"] as? Int) == 0 })
        let zte = records.filter { (($0?["title"] as? String) ?? "").contains("ZTE") }
        #expect(!zte.isEmpty && zte.allSatisfy { ($0?["keywords"] as? [String]) == ["ZTE"] })
        #expect(records.allSatisfy { $0?["sentiment"] is [String: Any] })

        try h.writeFeed("alpha", items: 0..<5)
        let second = try h.run(["--ignore-schedule"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(h.outputFiles().count == 2)
        let newFile = try #require(h.outputFiles().first { $0 != firstFile })
        let added = try h.records(newFile)
        #expect(added.count == 2)
        #expect(Set(ids(added)).isDisjoint(with: Set(ids(records))))

        let third = try h.run(["--ignore-schedule"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(h.outputFiles().count == 2, "all 304: no new file")
        let summary = try #require(try h.summaries().last)
        let sources = try #require(summary["sources"] as? [[String: Any]])
        #expect(sources.map { $0["status"] as? String } == ["not_modified", "not_modified"])
        #expect(sources.map { $0["http_status"] as? Int } == [304, 304])
        #expect((summary["totals"] as? [String: Any])?["new"] as? Int == 0)
    }

    @Test func sourcesThatAreNotDueAreSkipped() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run().status == 0)
        try h.writeFeed("alpha", items: 0..<4)
        #expect(try h.run().status == 0)
        let summary = try #require(try h.summaries().last)
        #expect((summary["sources"] as? [[String: Any]])?.first?["status"] as? String == "not_due")
        #expect(h.outputFiles().count == 1)
    }

    @Test func aFailingSourceDoesNotBlockTheOthers() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try "<html>not a feed".write(to: h.www.appendingPathComponent("broken.rss"), atomically: true, encoding: .utf8)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss")), ("gone", h.url("missing.rss")), ("junk", h.url("broken.rss"))])
        let run = try h.run()
        #expect(run.status == 1)
        #expect(try h.allRecords().count == 3)
        #expect(run.stderr.contains("gone") && run.stderr.contains("404"), "\(run.stderr)")
        let summary = try #require(try h.summaries().last)
        let statuses = (summary["sources"] as? [[String: Any]])?.map { $0["status"] as? String }
        #expect(statuses == ["ok", "error", "error"])
        #expect(summary["result"] as? String == "partial_failure")
    }

    @Test func aDryRunLeavesOutputAndStateByteForByteUnchanged() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run().status == 0)
        try h.writeFeed("alpha", items: 0..<5)
        let out = h.snapshot(h.outDir)
        let state = h.snapshot(h.stateDir)

        let preview = try h.run(["--dry-run"])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("== alpha"))
        #expect(preview.stdout.components(separatedBy: " NEW\n").count - 1 == 2, "\(preview.stdout)")
        #expect(preview.stdout.components(separatedBy: " DUP\n").count - 1 == 3)
        // The summary of a table preview is a human line on stderr; stdout has the table only.
        #expect(!preview.stdout.contains("{"), "\(preview.stdout)")
        #expect(preview.stderr.contains("dry run: 2 new, 0 revised, 3 duplicate (1 source fetched); nothing written"), "\(preview.stderr)")

        let ndjson = try h.run(["--dry-run", "--format", "ndjson", "--source", "alpha", "--limit", "1"])
        #expect(ndjson.status == 0)
        let lines = ndjson.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first.map { $0.hasPrefix("{\"schema_version\":1,") } == true)

        #expect(h.snapshot(h.outDir) == out)
        #expect(h.snapshot(h.stateDir) == state)
    }

    @Test func aDryRunWithoutStateCreatesNothing() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run(["--dry-run"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: h.stateDir.path))
        #expect(!FileManager.default.fileExists(atPath: h.outDir.path))
    }

    @Test func outputDashWritesItemsToStdoutAndAdvancesState() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        let run = try h.run(["--output", "-"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 3)
        #expect(h.outputFiles().isEmpty)
        #expect(try h.run(["--output", "-", "--ignore-schedule"]).stdout.isEmpty)
    }

    @Test func gzipOutputIsReadableBack() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<4)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        try String(contentsOf: h.configURL, encoding: .utf8).replacingOccurrences(of: "output: { dir: out }", with: "output: { dir: out, gzip: true }")
            .write(to: h.configURL, atomically: true, encoding: .utf8)
        #expect(try h.run().status == 0)
        let file = try #require(h.outputFiles().first)
        #expect(file.lastPathComponent.hasSuffix(".ndjson.gz"))
        #expect(try h.records(file).count == 4)
    }

    @Test func anEditedItemIsEmittedAgainAsARevision() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run().status == 0)
        try h.writeFeed("alpha", items: 0..<3, edited: [1])
        #expect(try h.run(["--ignore-schedule"]).status == 0)
        let records = try h.allRecords()
        #expect(records.count == 4)
        let revised = records.filter { ($0?["revision"] as? Int) == 1 }
        #expect(revised.count == 1)
        #expect((revised.first??["text"] as? String)?.hasPrefix("Updated:") == true)
    }

    @Test func aBadConfigExits78AndRunsNothing() throws {
        let h = try IngestHarness()
        try "output: { dir: out }\nstate: { path: s.sqlite }\nsources:\n  - { name: a, type: feed, url: \"${CHORUS_TEST_NOT_SET}\" }\n"
            .write(to: h.configURL, atomically: true, encoding: .utf8)
        let run = try h.run()
        #expect(run.status == 78)
        #expect(run.stderr.contains(":4:33: sources[0].url: environment variable CHORUS_TEST_NOT_SET is not set"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: h.root.appendingPathComponent("s.sqlite").path))
        let check = try h.run(command: "check")
        #expect(check.status == 78)
        #expect(check.stderr == run.stderr)
    }

    @Test func theSameItemFromTwoSourcesInOneRunIsWrittenOnce() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<4)
        try FileManager.default.copyItem(at: h.www.appendingPathComponent("alpha.rss"), to: h.www.appendingPathComponent("mirror.rss"))
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss")), ("mirror", h.url("mirror.rss"))])
        #expect(try h.run().status == 0)
        let records = try h.allRecords()
        #expect(records.count == 4)
        #expect(Set(ids(records)).count == 4)
        let summary = try #require(try h.summaries().last)
        let sources = try #require(summary["sources"] as? [[String: Any]])
        #expect(sources.map { $0["new"] as? Int ?? -1 }.reduce(0, +) == 4)
        #expect(sources.map { $0["duplicate"] as? Int ?? -1 }.reduce(0, +) == 4)
    }

    @Test func theKeywordFilterWritesOnlyMatchingItems() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<9)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))], extra: "keywords: { track: [ZTE], filter: true }")
        #expect(try h.run().status == 0)
        let records = try h.allRecords()
        #expect(records.count == 3, "items 0, 3 and 6 mention ZTE")
        #expect(records.allSatisfy { ($0?["keywords"] as? [String]) == ["ZTE"] })
        let summary = try #require(try h.summaries().last)
        #expect((summary["sources"] as? [[String: Any]])?.first?["filtered"] as? Int == 6)
    }

    @Test func aCorruptStateIsFatalAndWritesNothing() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        try FileManager.default.createDirectory(at: h.stateDir, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: h.statePath)
        let run = try h.run()
        #expect(run.status == 70)
        #expect(run.stderr.hasPrefix("chorus ingest: state: \(h.statePath.path): "), "\(run.stderr)")
        #expect(h.outputFiles().isEmpty)
    }

    @Test func anOutputFolderThatCannotBeCreatedIsFatalAndCommitsNothing() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        try Data("a file where the output folder should be".utf8).write(to: h.outDir)
        let run = try h.run()
        #expect(run.status == 70)
        #expect(run.stderr.contains("chorus ingest: output: "), "\(run.stderr)")
        // Nothing was committed: once the folder can be made, the items are written.
        try FileManager.default.removeItem(at: h.outDir)
        #expect(try h.run().status == 0)
        #expect(try h.allRecords().count == 2)
    }
}
