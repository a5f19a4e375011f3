import Foundation

/// The human lines a run ends with on stderr: the warning for a run cut short (printed even
/// under cron, so a skipped source never goes unnoticed), the closing line at a terminal, and
/// the dry run's summary. The JSON summary in `runs.log` stays the machine-readable record.
public enum RunReportLine {
    /// One line naming what a stop skipped, or nil when nothing was (no stop, or one that came
    /// after every source had finished).
    public static func stopped(_ outcome: RunOutcome) -> String? {
        let skipped = outcome.skipped
        guard !skipped.isEmpty else { return nil }
        let why = outcome.stoppedBy ?? "a stop"
        let noun = skipped.count == 1 ? "source" : "sources"
        return "chorus ingest: stopped early (\(why)): skipped \(skipped.count) \(noun): \(skipped.joined(separator: ", ")) (fetched on the next run)"
    }

    /// The closing line at a terminal: how many items went to which file.
    public static func finished(_ outcome: RunOutcome, toStdout: Bool) -> String {
        let written = outcome.written
        let items = "\(written) \(written == 1 ? "item" : "items")"
        let target: String
        if written == 0 {
            target = "nothing new"
        } else if toStdout {
            target = "\(items) to stdout"
        } else if let file = outcome.outputFile {
            target = "\(items) to \(display(file))"
        } else {
            target = items
        }
        return "chorus ingest: \(target) (\(counts(outcome)))"
    }

    /// The dry run's summary: what a real run would have done.
    public static func dryRun(_ outcome: RunOutcome) -> String {
        let new = outcome.sources.reduce(0) { $0 + $1.new }
        let revisions = outcome.sources.reduce(0) { $0 + $1.revisions }
        let duplicate = outcome.sources.reduce(0) { $0 + $1.duplicate }
        return "dry run: \(new) new, \(revisions) revised, \(duplicate) duplicate (\(counts(outcome))); nothing written"
    }

    /// "3 sources fetched, 1 failed, 2 not due".
    static func counts(_ outcome: RunOutcome) -> String {
        var parts: [String] = []
        let by = Dictionary(grouping: outcome.sources, by: \.status).mapValues(\.count)
        let fetched = (by[.ok] ?? 0) + (by[.notModified] ?? 0)
        parts.append("\(fetched) \(fetched == 1 ? "source" : "sources") fetched")
        if let n = by[.error] { parts.append("\(n) failed") }
        if let n = by[.cancelled] { parts.append("\(n) skipped") }
        if let n = by[.notDue] { parts.append("\(n) not due") }
        if let n = by[.disabled] { parts.append("\(n) disabled") }
        return parts.joined(separator: ", ")
    }

    /// A path relative to the working directory when it lies below it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
