import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// A lost or broken state never means a silent re-delivery of everything: the run stops with
/// exit 70 naming the file and the way out, `chorus check` reports it, and `--reset-state`
/// starts over keeping the old file aside.
@Suite("chorus ingest with a lost or broken state", .serialized)
struct StateFaultTests {
    enum Fault: String, CaseIterable, Sendable {
        case deleted, emptied, truncated, garbage, otherDatabase, freshDatabase, damagedPage
    }

    static func apply(_ fault: Fault, to path: URL) throws {
        switch fault {
        case .deleted:
            try FileManager.default.removeItem(at: path)
        case .emptied:
            try Data().write(to: path)
        case .truncated:
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int)
            #expect(truncate(path.path, off_t(size / 2)) == 0)
        case .garbage:
            try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: path)
        case .otherDatabase:
            try FileManager.default.removeItem(at: path)
            let queue = try DatabaseQueue(path: path.path)
            try queue.write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')") }
        case .freshDatabase:
            let queue = try DatabaseQueue(path: path.path)
            try queue.write { try $0.execute(sql: "DELETE FROM source; DELETE FROM seen;") }
        case .damagedPage:
            // Overwrite every page after the schema page: the header and schema still read.
            let handle = try FileHandle(forUpdating: path)
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 4096)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
            try handle.close()
        }
    }

    @Test(arguments: Fault.allCases)
    func aLostOrBrokenStateStopsTheRunNamingTheFileUntilResetState(fault: Fault) throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run(["--ignore-schedule"]).status == 0)
        #expect(try h.allRecords().count == 3)
        try Self.apply(fault, to: h.statePath)

        let stopped = try h.run(["--ignore-schedule"])
        #expect(stopped.status == 70, "\(fault): \(stopped.stderr)")
        #expect(stopped.stderr.contains(h.statePath.path))
        #expect(stopped.stderr.contains("--reset-state"))
        #expect(try h.allRecords().count == 3, "nothing is delivered again")
        let dry = try h.run(["--dry-run"])
        #expect(dry.status == 70, "\(fault): \(dry.stderr)")

        let check = try h.run([], command: "check")
        #expect(check.status == 70, "\(fault): \(check.stdout) \(check.stderr)")
        #expect(check.stderr.contains(h.statePath.path))
        #expect(!check.stdout.contains("OK"))

        let reset = try h.run(["--ignore-schedule", "--reset-state"])
        #expect(reset.status == 0, "\(fault): \(reset.stderr)")
        #expect(try h.allRecords().count == 6, "starting over delivers the feed's items again, as documented")
        let kept = try FileManager.default.contentsOfDirectory(atPath: h.stateDir.path).filter { $0.contains(".unusable-") }
        #expect(kept.isEmpty == (fault == .deleted || fault == .emptied), "\(kept)")
        let after = try h.run(["--ignore-schedule"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try h.allRecords().count == 6)
        #expect(try h.run([], command: "check").status == 0)
    }

    @Test func aFirstRunIntoAnEmptyFolderNeedsNoFlag() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run([], command: "check").status == 0)
        #expect(try h.run().status == 0)
        #expect(try h.allRecords().count == 2)
    }

    @Test func anotherConfigsFilesInASharedFolderDoNotCountAsOurs() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<2)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run().status == 0)
        // A second config sharing the output folder, with its own (new) state.
        try FileManager.default.moveItem(at: h.statePath, to: h.stateDir.appendingPathComponent("first.sqlite"))
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))], extra: "")
        var yaml = try String(contentsOf: h.configURL, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "state/chorus.sqlite", with: "state/second.sqlite")
        try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
        let second = try h.run()
        #expect(second.status == 0, "\(second.stderr)")
    }
}

/// `chorus check` looks at the disk too: unusable folders and state paths fail it.
@Suite("chorus check and unusable paths", .serialized)
struct CheckPathTests {
    @Test func anOutputFolderThatIsAFileFailsCheck() throws {
        let h = try IngestHarness()
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        try Data("x".utf8).write(to: h.outDir)
        let check = try h.run([], command: "check")
        #expect(check.status == 70)
        #expect(check.stderr.contains("output: \(h.outDir.path) is not a folder"), "\(check.stderr)")
    }

    @Test func aStatePathThatIsAFolderFailsCheckAndIngest() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<1)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        try FileManager.default.createDirectory(at: h.statePath, withIntermediateDirectories: true)
        let check = try h.run([], command: "check")
        #expect(check.status == 70)
        #expect(check.stderr.contains("\(h.statePath.path): cannot be used (it is a folder)"), "\(check.stderr)")
        let run = try h.run()
        #expect(run.status == 70, "\(run.stderr)")
        #expect(h.outputFiles().isEmpty)
    }

    @Test func aStateFolderThatIsAFileFailsCheck() throws {
        let h = try IngestHarness()
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        try Data("x".utf8).write(to: h.stateDir)
        let check = try h.run([], command: "check")
        #expect(check.status == 70)
        #expect(check.stderr.contains("state: \(h.stateDir.path) is not a folder"), "\(check.stderr)")
    }
}

/// A run killed mid-commit leaves a hot rollback journal: the next real run repairs it, and a
/// dry run before that reads a repaired private copy instead of failing.
@Suite("Dry run after a crash mid-commit", .serialized)
struct HotJournalTests {
    /// Starts a write transaction on the state in another process and kills it with SIGKILL
    /// before the commit: the journal it leaves is hot.
    static func dieMidCommit(_ state: URL) throws {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = ["-c", """
            import os, signal, sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("PRAGMA cache_size=1")
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE source SET failures = 99, last_error = 'half written'")
            db.execute("DELETE FROM seen")
            os.kill(os.getpid(), signal.SIGKILL)
            """, state.path]
        try python.run()
        python.waitUntilExit()
    }

    @Test func aDryRunAfterACrashMidCommitSeesTheRepairedStateAndChangesNothing() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss"))])
        #expect(try h.run().status == 0)
        try Self.dieMidCommit(h.statePath)
        let journal = h.statePath.path + "-journal"
        #expect(FileManager.default.fileExists(atPath: journal), "the killed writer leaves its journal")
        let before = h.snapshot(h.stateDir)

        let dry = try h.run(["--dry-run", "--format", "ndjson"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.isEmpty, "every item is already seen once the journal is rolled back: \(dry.stdout)")
        #expect(h.snapshot(h.stateDir) == before, "the dry run changes nothing")
        #expect(try h.run([], command: "check").status == 0)

        let real = try h.run(["--ignore-schedule"])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(try h.allRecords().count == 3, "nothing is written twice")
    }
}
