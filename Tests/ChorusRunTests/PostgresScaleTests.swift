import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Three workers on one PostgreSQL state over 300 loopback feeds whose items overlap (feed i
/// carries items 3i…3i+4 of the round, so neighbours share two), ten rounds, one worker killed
/// (SIGKILL) at a random moment in two of them and restarted at once: every item is in exactly
/// one output file, none is lost.
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

    @Test func everyItemIsWrittenExactlyOnceByThreeWorkersThroughKills() throws {
        let h = try IngestHarness()
        var c = try WorkerCluster(h, database: "scale")
        c.extra = "concurrency: 16"
        let names = (0..<Self.feeds).map { "s\($0)" }
        for n in 1...3 { try c.writeConfig(worker: n, sources: names) }
        var rng = SystemRandomNumberGenerator()
        let killRounds: [Int: Int] = [3: 2, 7: 3]  // round: worker killed in it
        var expected = Set<String>()
        for r in 0..<Self.rounds {
            for i in 0..<Self.feeds { try feed(i, round: r).write(to: h.www.appendingPathComponent("s\(i).rss"), atomically: true, encoding: .utf8) }
            for k in 0..<Self.perRound { expected.insert("urn:chorus-scale:\(r * 10_000 + k)") }
            let started = Date()
            var workers = try (1...3).map { try c.start(worker: $0) }
            if let victim = killRounds[r] {
                let delay = UInt32.random(in: 20_000...600_000, using: &rng)
                usleep(delay)
                kill(workers[victim - 1].process.processIdentifier, SIGKILL)
                _ = workers[victim - 1].wait()
                workers[victim - 1] = try c.start(worker: victim)
                print("round \(r): worker \(victim) killed after \(delay / 1000) ms (\(workers[victim - 1].process.processIdentifier) restarted)")
            }
            for (n, w) in workers.enumerated() { #expect(w.wait() == 0, "round \(r), worker \(n + 1): \(w.said)") }
            let written = try c.ids(workers: 1...3, field: "native_id")
            let shares = try (1...3).map { try c.ids(worker: $0).count }
            print("round \(r): \(String(format: "%.1f", Date().timeIntervalSince(started))) s, lines per worker so far \(shares)")
            #expect(written.count == Set(written).count, "round \(r): no item twice (\(written.count - Set(written).count) doubles)")
            #expect(Set(written) == expected, "round \(r): \(expected.subtracting(written).count) lost, \(Set(written).subtracting(expected).count) unexpected")
        }
    }
}
