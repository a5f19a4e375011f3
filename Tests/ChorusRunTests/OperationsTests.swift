import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusRun

/// Running Chorus for years: `chorus status` and its exit code, the Prometheus textfile, the
/// bounded summary log, and log lines for journald.
@Suite("Status, metrics, summary log and journald logs")
struct OperationsTests {
    /// A harness whose config has one good feed and one that answers 404, and metrics.
    func harness() throws -> IngestHarness {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss")), ("gone", h.url("missing.rss"))], extra: "metrics: { textfile: metrics/chorus.prom }")
        return h
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func statusReportsEachSourceAndExits2OnlyPastTheThreshold() throws {
        let h = try harness()
        let never = try h.run(["--format", "json"], command: "status")
        #expect(never.status == 0, "\(never.stderr)")
        let before = try object(never.stdout)
        #expect((before["sources"] as? [[String: Any]])?.map { $0["state"] as? String } == ["never", "never"])

        #expect(try h.run().status == 1)
        let fine = try h.run(["--format", "json"], command: "status")
        #expect(fine.status == 0, "\(fine.stderr)")
        let report = try object(fine.stdout)
        let sources = try #require(report["sources"] as? [[String: Any]])
        let alpha = sources[0], gone = sources[1]
        #expect(alpha["state"] as? String == "ok")
        #expect(alpha["items_24h"] as? Int == 3)
        #expect(alpha["validators"] as? [String] == ["etag", "last-modified"])
        #expect(alpha["last_success"] is String && alpha["next_due"] is String)
        #expect(gone["state"] as? String == "failing")
        #expect(gone["consecutive_failures"] as? Int == 1)
        #expect(gone["last_http_status"] as? Int == 404)
        #expect((gone["last_error"] as? String)?.contains("404") == true)
        #expect(gone["backoff_seconds"] as? Int == 900)
        #expect(gone["failing_since"] is String)

        // The streak's start is kept while the source keeps failing.
        #expect(try h.run(["--ignore-schedule"]).status == 1)
        let second = try object(try h.run(["--format", "json"], command: "status").stdout)
        let goneAgain = try #require((second["sources"] as? [[String: Any]])?[1])
        #expect(goneAgain["consecutive_failures"] as? Int == 2)
        #expect(goneAgain["failing_since"] as? String == gone["failing_since"] as? String)
        #expect(goneAgain["backoff_seconds"] as? Int == 1800)

        sleep(1)
        let stale = try h.run(["--fail-after", "500ms"], command: "status")
        #expect(stale.status == 2)
        #expect(stale.stderr.contains("chorus status: failing for longer than 500ms: gone"), "\(stale.stderr)")
        #expect(stale.stdout.contains("failing!"), "\(stale.stdout)")
        #expect(stale.stdout.contains("  last error: fetch: gone:"), "\(stale.stdout)")

        // Fixed: the streak ends, the exit is 0 again.
        try h.writeFeed("missing", items: 0..<1)
        let fixedRun = try h.run(["--ignore-schedule"])
        #expect(fixedRun.status == 0, "\(fixedRun.stderr)")
        let fixed = try h.run(["--fail-after", "500ms", "--format", "json"], command: "status")
        #expect(fixed.status == 0)
        #expect(try object(fixed.stdout)["failing_too_long"] as? [String] == [])
    }

    @Test func everyRunReplacesThePrometheusTextfile() throws {
        let h = try harness()
        #expect(try h.run().status == 1)
        let file = h.root.appendingPathComponent("metrics/chorus.prom")
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in [
            "chorus_run_exit_code 1", "chorus_run_items{kind=\"new\"} 3", "chorus_run_sources{status=\"error\"} 1",
            "chorus_source_up{source=\"alpha\"} 1", "chorus_source_up{source=\"gone\"} 0", "chorus_source_http_status{source=\"gone\"} 404",
            "chorus_source_items{source=\"alpha\",kind=\"new\"} 3", "chorus_source_fetch{source=\"gone\",outcome=\"error\"} 1",
            "chorus_source_consecutive_failures{source=\"gone\"} 1", "# TYPE chorus_source_duration_seconds gauge",
        ] {
            #expect(text.contains("\n" + line + "\n") || text.hasPrefix(line + "\n"), "missing \(line) in\n\(text)")
        }
        #expect(text.contains("chorus_source_last_success_timestamp_seconds{source=\"alpha\"} 1"))
        #expect(!text.contains("chorus_source_last_success_timestamp_seconds{source=\"gone\"}"))
        // Every sample line is `name{labels} number`.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let value = line.split(separator: " ").last.map(String.init) ?? ""
            #expect(Double(value) != nil, "\(line)")
        }
        try h.writeFeed("alpha", items: 0..<5)
        try h.writeFeed("missing", items: 0..<1)
        #expect(try h.run(["--ignore-schedule"]).status == 0)
        let again = try String(contentsOf: file, encoding: .utf8)
        #expect(again.contains("\nchorus_run_exit_code 0\n") || again.hasPrefix("# HELP chorus_run_exit_code") && again.contains("chorus_run_exit_code 0\n"))
        #expect(again.contains("chorus_source_items{source=\"alpha\",kind=\"new\"} 2"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["chorus.prom"])
    }

    @Test func labelValuesAreEscaped() {
        #expect(MetricsTextfile.Exposition.escape("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }

    @Test func theSummaryLogRotatesWithoutLosingALine() throws {
        let dir = try RepoPaths.temporaryDirectory("summary-log")
        let log = dir.appendingPathComponent("runs.log")
        var problems: [String] = []
        let lines = (0..<30).map { "{\"run\":\($0),\"pad\":\"\(String(repeating: "x", count: 180))\"}\n" }
        for line in lines { SummaryLog.append(line, to: log, maxBytes: 4096) { problems.append($0) } }
        #expect(problems.isEmpty)
        let older = try String(contentsOf: dir.appendingPathComponent("runs.log.1"), encoding: .utf8)
        let live = try String(contentsOf: log, encoding: .utf8)
        #expect(older + live == lines.joined())
        // Bounded: never more than the live file and `keep` rotated ones, none past the limit.
        for line in (0..<200).map({ "{\"more\":\($0),\"pad\":\"\(String(repeating: "y", count: 180))\"}\n" }) {
            SummaryLog.append(line, to: log, maxBytes: 4096) { problems.append($0) }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["runs.log", "runs.log.1", "runs.log.2", "runs.log.3", "runs.log.4", "runs.log.5"])
        for name in names {
            let size = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.size] as? Int ?? 0
            #expect(size <= 4096)
        }
        // The newest lines are all there, in order, across the files.
        let kept = try names.reversed().map { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }.joined()
        #expect(kept.hasSuffix("{\"more\":199,\"pad\":\"\(String(repeating: "y", count: 180))\"}\n"))
        let numbers = kept.split(separator: "\n").compactMap { line in line.split(separator: ",").first.flatMap { Int($0.dropFirst(8)) } }
        #expect(numbers == Array((200 - numbers.count)..<200))
    }

    @Test func logLinesCarryJournalPrioritiesOrJSON() throws {
        let h = try harness()
        let journal = try h.run(["--log-format", "journal"])
        #expect(journal.stderr.split(separator: "\n").contains { $0.hasPrefix("<4>chorus.run: source=gone fetch: gone:") }, "\(journal.stderr)")
        let json = try h.run(["--ignore-schedule", "--log-format", "json"])
        let line = try #require(json.stderr.split(separator: "\n").first { $0.hasPrefix("{") })
        let object = try self.object(String(line))
        #expect(object["level"] as? String == "warning")
        #expect((object["metadata"] as? [String: String])?["source"] == "gone")
        // Auto: journal format exactly when stderr is the stream systemd named in $JOURNAL_STREAM.
        let (process, _, err) = try h.start(["--ignore-schedule"], environment: ["JOURNAL_STREAM": "0:0"])
        IngestHarness.wait(process)
        #expect(!(try String(contentsOf: err, encoding: .utf8)).hasPrefix("<"))
        let journalFile = h.root.appendingPathComponent("journal.err")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", """
            : > "$1"; exec 2>>"$1"; JOURNAL_STREAM=$(stat -c '%d:%i' "$1") exec "$2" ingest --config "$3" --ignore-schedule
            """, "sh", journalFile.path, RepoPaths.chorusBinary.path, h.configURL.path]
        try shell.run()
        IngestHarness.wait(shell)
        let journaled = try String(contentsOf: journalFile, encoding: .utf8)
        #expect(journaled.hasPrefix("<4>chorus.run: source=gone"), "\(journaled)")
    }
}
