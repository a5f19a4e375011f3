import Foundation
import Testing
import ChorusTestSupport

/// The progress bar of `chorus ingest`: drawn on a terminal (sources done / total, items
/// written), never when stderr is a file or a pipe (cron), and not with `--verbose`, whose log
/// lines would tear it. The terminal is a real pseudo-terminal from util-linux `script`.
@Suite("Ingest progress bar on a terminal only")
struct ProgressBarTests {
    func harness() throws -> IngestHarness {
        let h = try IngestHarness()
        try h.writeFeed("a", items: 0..<3)
        try h.writeFeed("b", items: 0..<2)
        try h.writeConfig(feeds: [("a", h.url("a.rss")), ("b", h.url("b.rss"))])
        return h
    }

    /// Runs `chorus ingest` with stdout and stderr on a pseudo-terminal; returns what the terminal showed.
    func runOnTerminal(_ h: IngestHarness, _ args: [String] = []) throws -> (status: Int32, screen: String) {
        let command = ([RepoPaths.chorusBinary.path, "ingest", "--config", h.configURL.path] + args)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = h.root
        let screen = h.root.appendingPathComponent("screen.txt")
        _ = FileManager.default.createFile(atPath: screen.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: screen)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        IngestHarness.wait(process)
        return (process.terminationStatus, try String(contentsOf: screen, encoding: .utf8))
    }

    @Test func aTerminalSeesEverySourceCountedAndTheLineClearedAtTheEnd() throws {
        let h = try harness()
        let run = try runOnTerminal(h)
        #expect(run.status == 0, "\(run.screen)")
        #expect(run.screen.hasPrefix("\r[" + String(repeating: "-", count: 30) + "] 0/2 sources, 0 items"), "\(run.screen.debugDescription)")
        #expect(run.screen.contains("] 1/2 sources, "), "\(run.screen.debugDescription)")
        #expect(run.screen.contains("\r[" + String(repeating: "#", count: 30) + "] 2/2 sources, 5 items"), "\(run.screen.debugDescription)")
        // The bar is cleared, then one line says where the items went (the terminal's \r\n).
        let cleared = try #require(run.screen.range(of: "\r\u{1B}[2K", options: .backwards), "\(run.screen.debugDescription)")
        let last = run.screen[cleared.upperBound...]
        #expect(last.hasPrefix("chorus ingest: 5 items to out/date="), "\(run.screen.debugDescription)")
        #expect(last.hasSuffix(".ndjson (2 sources fetched)\r\n"), "\(run.screen.debugDescription)")
        #expect(try h.allRecords().count == 5)
    }

    @Test func stderrThatIsAFileGetsNoBarAndStaysQuiet() throws {
        let h = try harness()
        let run = try h.run()
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr.debugDescription)")
        #expect(try h.allRecords().count == 5)
    }

    @Test func verboseOnATerminalLogsInsteadOfDrawing() throws {
        let h = try harness()
        let run = try runOnTerminal(h, ["--verbose"])
        #expect(run.status == 0, "\(run.screen)")
        #expect(!run.screen.contains(" sources, "), "\(run.screen.debugDescription)")
        #expect(run.screen.contains("source done"), "\(run.screen.debugDescription)")
    }
}
