import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// Crash, signal and lock behaviour of the real binary.
@Suite("chorus ingest under crashes, signals and overlap", .serialized)
struct IngestCrashTests {
    /// The server under another host name, so its slow answers do not hold up the quick source's
    /// connection pool (curl keys connections, and waits for them, per host).
    static func otherHost(_ server: LoopbackServer) -> String { "http://localhost:\(server.port)" }

    /// Waits until the run holding the lock has written its pid there; fails the test when that
    /// does not happen within 20 s (the rest of the test would then assert against no lock).
    private func waitForLock(_ h: IngestHarness, pid: Int32) throws {
        let lock = h.statePath.appendingPathExtension("lock")
        func holder() -> String? { (try? String(contentsOf: lock, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) }
        let deadline = Date().addingTimeInterval(20)
        while holder() != "\(pid)" && Date() < deadline { usleep(25_000) }
        try #require(holder() == "\(pid)", "pid \(pid) did not take \(lock.path) within 20 s (holder: \(holder() ?? "none"))")
    }

    @Test func killNineAtSeededMomentsThenARerunLeavesEveryItemExactlyOnce() throws {
        let h = try IngestHarness()
        let feeds = (0..<30).map { "feed\($0)" }
        var sizes = Dictionary(uniqueKeysWithValues: feeds.map { ($0, 20) })
        for f in feeds { try h.writeFeed(f, items: 0..<sizes[f]!) }
        try h.writeConfig(feeds: feeds.map { ($0, h.url("\($0).rss")) })
        var rng = SeededGenerator(seed: 20_261_128)
        // Kill moments are drawn from the length of a whole run on this machine (timed once,
        // uninterrupted), so the schedule lands inside runs however fast or slow the machine is.
        let started = Date()
        let baseline = try h.run(["--ignore-schedule"])
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let runMicros = max(UInt32(Date().timeIntervalSince(started) * 1_000_000), 20_000)
        var killed = 0
        for round in 0..<12 {
            // Some feeds grow between runs, so later runs have new items to lose or keep.
            for f in feeds.shuffled(using: &rng).prefix(5) {
                sizes[f]! += Int.random(in: 1...4, using: &rng)
                try h.writeFeed(f, items: 0..<sizes[f]!)
            }
            let (process, _, _) = try h.start(["--ignore-schedule"])
            // The first rounds kill early (fetching, writing the temp file); later ones anywhere up to a bit past the end.
            usleep(UInt32.random(in: 0...(round < 6 ? runMicros / 2 : runMicros + runMicros / 5), using: &rng))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            IngestHarness.wait(process)
        }
        #expect(killed > 0, "the schedule should catch at least one run in flight")
        var finish = try h.run(["--ignore-schedule"])
        if finish.status == 1 {
            // On a slow machine a source can be in flight at three kills in a row; the circuit
            // breaker then quarantines it (correctly: to the breaker that is a poison pill). Its
            // items are held back, not lost: they land once the quarantine is over, which this
            // sets in the past, as an hour's wait would.
            #expect(finish.stderr.contains("quarantined until"), "\(finish.stderr)")
            let queue = try DatabaseQueue(path: h.statePath.path)
            try queue.write { db in
                try db.execute(sql: "UPDATE breaker SET quarantined_until = ? WHERE quarantined_until IS NOT NULL",
                               arguments: [Date().timeIntervalSince1970 - 1])
            }
            try queue.close()
            finish = try h.run(["--ignore-schedule"])
        }
        #expect(finish.status == 0, "\(finish.stderr)")
        let again = try h.run(["--ignore-schedule"])
        #expect(again.status == 0)

        let records = try h.allRecords()
        #expect(records.allSatisfy { $0 != nil }, "every line is a whole JSON object")
        let ids = records.compactMap { $0?["id"] as? String }
        #expect(ids.count == Set(ids).count, "no id is written twice")
        #expect(ids.count == sizes.values.reduce(0, +), "no item is lost")
        #expect(h.allOutputNames().allSatisfy { !$0.hasSuffix(".tmp") }, "no temporary file is left")
    }

    @Test func aSecondOverlappingRunExits75AtOnceWithOneLine() throws {
        let h = try IngestHarness()
        let slow = try LoopbackServer(pythonScript: "slow_feed_server.py")
        defer { slow.stop() }
        try h.writeConfig(feeds: [("slow", "\(slow.baseURL)/slow.rss?delay=3")])
        let (first, _, _) = try h.start([])
        try waitForLock(h, pid: first.processIdentifier)
        let second = try h.run([])
        #expect(second.status == 75)
        let lines = second.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(second.stderr)")
        #expect(lines.first?.contains("pid \(first.processIdentifier)") == true)
        IngestHarness.wait(first)
        #expect(first.terminationStatus == 0)
        #expect(try h.allRecords().count == 3)
    }

    @Test func aDeletedLockFileDoesNotLetASecondRunInAndNothingIsWrittenTwice() throws {
        let h = try IngestHarness()
        let slow = try LoopbackServer(pythonScript: "slow_feed_server.py")
        defer { slow.stop() }
        try h.writeConfig(feeds: [("slow", "\(slow.baseURL)/slow.rss?delay=3")])
        let (first, _, _) = try h.start([])
        try waitForLock(h, pid: first.processIdentifier)
        try FileManager.default.removeItem(at: h.statePath.appendingPathExtension("lock"))
        let second = try h.run([])
        #expect(second.status == 75, "\(second.stderr)")
        #expect(second.stderr.contains("deleted or replaced"))
        IngestHarness.wait(first)
        #expect(first.terminationStatus == 0)
        let ids = try h.allRecords().compactMap { $0?["id"] as? String }
        #expect(ids.count == 3)
        #expect(Set(ids).count == ids.count)
    }

    @Test func sigtermStopsCleanlyKeepingFinishedSourcesAndDroppingTheRest() throws {
        let h = try IngestHarness()
        let requests = h.root.appendingPathComponent("requests.log")
        let slow = try LoopbackServer(pythonScript: "slow_feed_server.py", arguments: [requests.path])
        defer { slow.stop() }
        try h.writeConfig(feeds: [("quick", "\(slow.baseURL)/quick.rss"), ("stuck", "\(Self.otherHost(slow))/stuck.rss?delay=60")])
        let (process, _, err) = try h.start(["--verbose"])
        // Wait until the run reports the quick source done and the stuck request has reached the
        // server (it is answered only after a minute).
        func ready() -> Bool {
            ((try? String(contentsOf: err, encoding: .utf8)) ?? "").contains("source=quick")
                && ((try? String(contentsOf: requests, encoding: .utf8)) ?? "").contains("/stuck.rss")
        }
        let deadline = Date().addingTimeInterval(60)
        while !ready() && Date() < deadline { usleep(20_000) }
        let reached = ready()
        kill(process.processIdentifier, SIGTERM)
        IngestHarness.wait(process)
        try #require(reached, "the run did not finish the quick source and reach /stuck.rss within 60 s")
        #expect(process.terminationStatus == 1, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        let records = try h.allRecords()
        #expect(records.count == 3)
        #expect(records.allSatisfy { ($0?["source"] as? String) == "quick" })
        #expect(h.allOutputNames().allSatisfy { !$0.hasSuffix(".tmp") })
        let summary = try #require(try h.summaries().last)
        #expect(summary["stopped_by"] as? String == "SIGTERM")
        let statuses = (summary["sources"] as? [[String: Any]])?.map { $0["status"] as? String }
        #expect(statuses == ["ok", "cancelled"])
        #expect(summary["result"] as? String == "partial")
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        #expect(stderr.contains("chorus ingest: stopped early (SIGTERM): skipped 1 source: stuck (fetched on the next run)"), "\(stderr)")
    }

    @Test func maxDurationCutsARunShortAndTheRerunFetchesTheRest() throws {
        let h = try IngestHarness()
        let slow = try LoopbackServer(pythonScript: "slow_feed_server.py")
        defer { slow.stop() }
        try h.writeConfig(feeds: [("quick", "\(slow.baseURL)/quick.rss"), ("late", "\(Self.otherHost(slow))/late.rss?delay=30")])
        let cut = try h.run(["--max-duration", "3s"])
        #expect(cut.status == 1)
        let first = try #require(try h.summaries().last)
        #expect(first["stopped_by"] as? String == "max-duration")
        #expect(first["result"] as? String == "partial")
        // Cron mails stderr: the cut is one line naming what was skipped, even without --verbose.
        let warning = cut.stderr.split(separator: "\n").filter { $0.hasPrefix("chorus ingest: stopped early (max-duration): skipped ") }
        #expect(warning.count == 1 && warning[0].contains("late"), "\(cut.stderr)")
        let firstStatus = Dictionary(uniqueKeysWithValues: ((first["sources"] as? [[String: Any]]) ?? []).map {
            ($0["name"] as? String ?? "", $0["status"] as? String ?? "")
        })
        #expect(firstStatus["late"] == "cancelled")
        // quick normally finishes in time; on a starved machine it may be cut too. Either way only
        // what finished is written, and the rerun fetches exactly what was not committed.
        let quickDone = firstStatus["quick"] == "ok"
        #expect(try h.allRecords().count == (quickDone ? 3 : 0))
        try h.writeConfig(feeds: [("quick", "\(slow.baseURL)/quick.rss"), ("late", "\(slow.baseURL)/late.rss")])
        let rest = try h.run([])
        #expect(rest.status == 0, "\(rest.stderr)")
        let summary = try #require(try h.summaries().last)
        #expect((summary["sources"] as? [[String: Any]])?.map { $0["status"] as? String } == [quickDone ? "not_due" : "ok", "ok"])
        #expect(try h.allRecords().count == 6)
    }
}
