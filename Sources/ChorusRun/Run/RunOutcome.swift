public import Foundation

/// The result of a run: per-source reports, where the output went, and how to exit.
public struct RunOutcome: Sendable {
    /// How the run ended, mapped to an exit code by the command.
    public enum Verdict: String, Sendable {
        /// Every fetched source succeeded.
        case success
        /// Some sources failed; the rest were written and committed.
        case partialFailure = "partial_failure"
        /// Cut short (a signal or `max_duration`): sources were skipped; what finished was committed.
        case partial
    }

    public var runID: String
    public var startedAt: Date
    public var finishedAt: Date
    public var dryRun: Bool
    /// The published NDJSON file, if any items were written to a file.
    public var outputFile: URL?
    public var sources: [SourceReport]
    /// Why the run stopped early (`SIGTERM`, `max-duration`), if it did.
    public var stoppedBy: String?
    /// Output files of earlier interrupted runs reconciled at start.
    public var recovered: [String]
    /// The dry-run table's content (a dry run without `--format ndjson`), for the command to print.
    public var preview: RunPreview?

    public init(runID: String, startedAt: Date, finishedAt: Date, dryRun: Bool, outputFile: URL?, sources: [SourceReport], stoppedBy: String?, recovered: [String] = [], preview: RunPreview? = nil) {
        self.runID = runID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.dryRun = dryRun
        self.outputFile = outputFile
        self.sources = sources
        self.stoppedBy = stoppedBy
        self.recovered = recovered
        self.preview = preview
    }

    /// A stop that cut sources short makes the run partial; an error or a quarantined source
    /// (which delivers nothing) a partial failure.
    public var verdict: Verdict {
        // A stop that came after every source had finished cut nothing short.
        if !skipped.isEmpty { return .partial }
        return sources.contains { $0.status == .error || $0.status == .quarantined } ? .partialFailure : .success
    }

    /// Sources a stop dropped before they finished (their state is unchanged).
    public var skipped: [String] { sources.filter { $0.status == .cancelled }.map(\.name) }

    /// Items written (new plus revisions).
    public var written: Int { sources.reduce(0) { $0 + $1.new + $1.revisions } }
}
