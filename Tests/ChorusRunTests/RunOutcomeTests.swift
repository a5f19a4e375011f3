import Foundation
import Testing
@testable import ChorusRun

/// How a run's result is named: `partial` exactly when a stop skipped sources, and the lines a
/// person reads at the end.
@Suite("Run result and closing lines")
struct RunOutcomeTests {
    func outcome(_ statuses: [SourceReport.Status], stoppedBy: String? = nil, file: String? = nil) -> RunOutcome {
        let reports = statuses.enumerated().map { i, status in
            var r = SourceReport(name: "s\(i)", status: status)
            if status == .ok { r.new = 2 }
            return r
        }
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        return RunOutcome(
            runID: "r", startedAt: start, finishedAt: start, dryRun: false, outputFile: file.map(URL.init(fileURLWithPath:)),
            sources: reports, stoppedBy: stoppedBy)
    }

    @Test func aStopThatSkippedSourcesMakesTheRunPartial() {
        let cut = outcome([.ok, .cancelled, .cancelled, .error], stoppedBy: "SIGTERM")
        #expect(cut.verdict == .partial)
        #expect(RunReportLine.stopped(cut) == "chorus ingest: stopped early (SIGTERM): skipped 2 sources: s1, s2 (fetched on the next run)")
        let late = outcome([.ok, .ok], stoppedBy: "max-duration")
        #expect(late.verdict == .success)
        #expect(RunReportLine.stopped(late) == nil)
        #expect(outcome([.ok, .error]).verdict == .partialFailure)
        #expect(outcome([.ok, .notDue, .disabled]).verdict == .success)
    }

    @Test func theClosingLineSaysHowManyItemsWentWhere() {
        let run = outcome([.ok, .ok, .error, .notDue], file: "/nonexistent/out/x.ndjson")
        #expect(RunReportLine.finished(run, toStdout: false) == "chorus ingest: 4 items to /nonexistent/out/x.ndjson (2 sources fetched, 1 failed, 1 not due)")
        #expect(RunReportLine.finished(run, toStdout: true) == "chorus ingest: 4 items to stdout (2 sources fetched, 1 failed, 1 not due)")
        #expect(RunReportLine.finished(outcome([.notModified]), toStdout: false) == "chorus ingest: nothing new (1 source fetched)")
    }
}
