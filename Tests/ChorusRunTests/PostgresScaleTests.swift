import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Three workers on one PostgreSQL state over 300 loopback feeds whose items overlap (feed i
/// carries items 3i…3i+4 of the round, so neighbours share two), ten rounds, one worker killed
/// (SIGKILL) at a random moment in two of them (after its 1st to 20th fetch) and restarted at once: every item is in exactly
/// one output file, none is lost, and no source was polled by two workers at once, as the
/// loopback nginx recorded it: each process sends its own User-Agent, and ``PollLog`` checks the
/// fetches of every source against the bounds its doc comment derives (a killed worker's polls
/// last until its successor commits them, or its leases expire). The check can fail: two
/// workers that share no leases fail it (the second test).
@Suite("Three workers, 300 sources, kill -9", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresScaleTests {
    static let feeds = 300
    static let rounds = 10
    /// Distinct items per round: 3 × 299 + 5.
    static let perRound = 3 * (feeds - 1) + 5

    /// Feed `i` of round `r`: items `r·10000 + 3i + j`, j < 5, whose content depends on the item only.
    private func feed(_ i: Int, round r: Int) -> String {
        var out = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>s\(i)</title><link>https://news.example/s\(i)</link>\n"
        for j in 0..<5 {
            let k = r * 10_000 + 3 * i + j
            out += """
                <item><guid isPermaLink="false">urn:chorus-scale:\(k)</guid><title>Item \(k)</title>
                <link>https://news.example/item/\(k)</link><description>Story \(k): markets steady, analysts relieved.</description>
                <pubDate>Sat, 28 Nov 2026 \(String(format: "%02d:%02d", k / 60 % 24, k % 60)):00 GMT</pubDate></item>

                """
        }
        return out + "</channel></rss>\n"
    }

    /// The default lease (`state.lease`), in seconds.
    static let lease = 120.0

    @Test func everyItemIsWrittenExactlyOnceByThreeWorkersThroughKillsAndNoSourceIsPolledTwiceAtOnce() throws {
        let h = try IngestHarness(accessLog: true)
        var c = try WorkerCluster(h, database: "scale")
        c.extra = "concurrency: 16"
        c.userAgent = "chorus-scale ${CHORUS_SCALE_POLLER}"
        var pollers: [String: PollLog.Poller] = [:]
        /// Starts worker `n` as the process `tag`.
        func start(_ n: Int, _ tag: String) throws -> WorkerCluster.Worker {
            pollers["chorus-scale \(tag)"] = PollLog.Poller(worker: n, started: Date().timeIntervalSince1970)
            return try c.start(worker: n, environment: ["CHORUS_SCALE_POLLER": tag])
        }
        let names = (0..<Self.feeds).map { "s\($0)" }
        for n in 1...3 { try c.writeConfig(worker: n, sources: names) }
        var rng = SystemRandomNumberGenerator()
        let killRounds: [Int: Int] = [3: 2, 7: 3]  // round: worker killed in it
        var expected = Set<String>()
        for r in 0..<Self.rounds {
            for i in 0..<Self.feeds {
                let file = h.www.appendingPathComponent("s\(i).rss")
                try feed(i, round: r).write(to: file, atomically: true, encoding: .utf8)
                // A round can take less than a second, and from round 1 on a feed keeps its size
                // (its item numbers keep their digit count): rewritten within the second, it would
                // keep nginx's ETag (mtime-size) and Last-Modified, the conditional GET would get
                // a 304 and the round's items would never be seen. Each round has its own mtime.
                try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_780_000_000 + Double(r) * 3600)], ofItemAtPath: file.path)
            }
            for k in 0..<Self.perRound { expected.insert("urn:chorus-scale:\(r * 10_000 + k)") }
            let started = Date()
            var workers = try (1...3).map { try start($0, "w\($0)r\(r)") }
            if let victim = killRounds[r] {
                // Killed at a random moment once it is polling: after its first to 20th fetch.
                let fetches = Int.random(in: 1...20, using: &rng)
                let agent = "\"chorus-scale w\(victim)r\(r)\""
                let victimProcess = workers[victim - 1].process
                #expect(try WorkerCluster.until(30) {
                    try h.server.accessLogLines().count { $0.contains(agent) } >= fetches || !victimProcess.isRunning
                }, "round \(r): worker \(victim) polls")
                kill(workers[victim - 1].process.processIdentifier, SIGKILL)
                _ = workers[victim - 1].wait()
                pollers["chorus-scale w\(victim)r\(r)"]?.killed = true
                pollers["chorus-scale w\(victim)r\(r)"]?.successor = "chorus-scale w\(victim)r\(r)k"
                workers[victim - 1] = try start(victim, "w\(victim)r\(r)k")
                print("round \(r): worker \(victim) killed after its fetch \(fetches) (\(workers[victim - 1].process.processIdentifier) restarted)")
            }
            for (n, w) in workers.enumerated() { #expect(w.wait() == 0, "round \(r), worker \(n + 1): \(w.said)") }
            let written = try c.ids(workers: 1...3, field: "native_id")
            let shares = try (1...3).map { try c.ids(worker: $0).count }
            print("round \(r): \(String(format: "%.1f", Date().timeIntervalSince(started))) s, lines per worker so far \(shares)")
            #expect(written.count == Set(written).count, "round \(r): no item twice (\(written.count - Set(written).count) doubles)")
            #expect(Set(written) == expected, "round \(r): \(expected.subtracting(written).count) lost, \(Set(written).subtracting(expected).count) unexpected")
        }
        let log = PollLog(try h.server.accessLogLines())
        let ours = log.fetches.filter { pollers[$0.agent] != nil }
        #expect(ours.count >= Self.feeds * Self.rounds, "the server recorded every poll: \(ours.count) of \(log.fetches.count) requests")
        let overlaps = log.overlaps(pollers: pollers, lease: Self.lease)
        print("polls recorded: \(ours.count); overlapping polls by two workers: \(overlaps.count)")
        #expect(overlaps.isEmpty, "\(overlaps.count) polls overlap: \(overlaps.prefix(5))")
    }

    /// The check of the first test fails on what it must catch: two workers on separate states
    /// (no shared leases) poll the same sources at once. Each feed (1.6 KB) trickles out over
    /// about a second (nginx `limit_rate`), one at a time, and the second worker starts once the
    /// first has finished a fetch, so the first is still polling while the second polls.
    @Test func theOverlapCheckFailsForWorkersThatShareNoLeases() throws {
        let h = try IngestHarness(extraServerConfig: "location ~ \\.rss$ { gzip off; limit_rate 1000; }", accessLog: true)
        let names = (0..<8).map { "s\($0)" }
        for i in 0..<names.count { try feed(i, round: 0).write(to: h.www.appendingPathComponent("s\(i).rss"), atomically: true, encoding: .utf8) }
        var pollers: [String: PollLog.Poller] = [:]
        let clusters = try (1...2).map { n in
            var c = try WorkerCluster(h, database: "apart\(n)")
            c.extra = "concurrency: 1"
            c.userAgent = "chorus-apart w\(n)"
            try c.writeConfig(worker: n, sources: names)
            return c
        }
        var workers: [WorkerCluster.Worker] = []
        for n in 1...2 {
            pollers["chorus-apart w\(n)"] = PollLog.Poller(worker: n, started: Date().timeIntervalSince1970)
            workers.append(try clusters[n - 1].start(worker: n))
            if n == 1 { #expect(try WorkerCluster.until(30) { try !h.server.accessLogLines().isEmpty }, "worker 1 polls") }
        }
        for w in workers { #expect(w.wait() == 0, "\(w.said)") }
        let overlaps = PollLog(try h.server.accessLogLines()).overlaps(pollers: pollers, lease: Self.lease)
        print("workers without shared leases: \(overlaps.count) overlapping polls of \(names.count) sources")
        #expect(!overlaps.isEmpty, "sources polled by both at once are found")
    }
}
