public import Foundation
import ChorusModel

/// Writes the Prometheus text exposition of a run for node_exporter's textfile collector: per
/// source the fetch outcome of this run, HTTP status, items by kind, duration, and from the
/// state the last success time and consecutive failures; per run the totals, sources by
/// status, duration, finish time and exit code. The file is replaced atomically (written
/// beside it, then renamed), so the collector never reads half of it.
///
/// Why not swift-metrics with swift-prometheus: those serve a long-running process whose
/// counters accumulate in memory and are scraped over HTTP; a cron job that exits after one run
/// would bootstrap a process-wide metrics system to emit one snapshot, and half of what is
/// exposed (last success, consecutive failures) comes from the state store, not from events of
/// this process. A formatter of a few dozen lines, with the exposition's escaping rules, is the
/// smaller and clearer dependency.
public enum MetricsTextfile {
    /// Writes the metrics of `outcome` (nil when the run failed before it had one) to `url`.
    public static func write(
        to url: URL, outcome: RunOutcome?, exitCode: Int32, records: [String: SourceRecord], sources: [String], now: Date
    ) throws {
        let text = render(outcome: outcome, exitCode: exitCode, records: records, sources: sources, now: now)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// The exposition text.
    static func render(outcome: RunOutcome?, exitCode: Int32, records: [String: SourceRecord], sources: [String], now: Date) -> String {
        var out = Exposition()
        out.metric("chorus_run_exit_code", "Exit code of the last chorus ingest run.", [([], Double(exitCode))])
        out.metric("chorus_run_timestamp_seconds", "When the last run finished (Unix time).", [([], (outcome?.finishedAt ?? now).timeIntervalSince1970.rounded())])
        if let outcome {
            let reports = outcome.sources
            out.metric("chorus_run_duration_seconds", "Wall time of the last run.", [([], outcome.finishedAt.timeIntervalSince(outcome.startedAt))])
            let kinds: [(String, KeyPath<SourceReport, Int>)] = [
                ("fetched", \.fetched), ("new", \.new), ("revision", \.revisions), ("duplicate", \.duplicate), ("filtered", \.filtered),
            ]
            out.metric("chorus_run_items", "Items of the last run by kind.", kinds.map { kind, path in
                ([("kind", kind)], Double(reports.reduce(0) { $0 + $1[keyPath: path] }))
            })
            let statuses: [SourceReport.Status] = [.ok, .notModified, .error, .cancelled, .notDue, .disabled]
            out.metric("chorus_run_sources", "Sources of the last run by outcome.", statuses.map { status in
                ([("status", status.rawValue)], Double(reports.filter { $0.status == status }.count))
            })
            out.metric("chorus_run_partial", "1 when the last run was cut short or some sources failed.", [([], outcome.verdict == .success ? 0 : 1)])
            out.metric("chorus_source_fetch", "Outcome of the source in the last run (the one label set that is 1).", reports.map {
                ([("source", $0.name), ("outcome", $0.status.rawValue)], 1)
            })
            let fetched = reports.filter { [.ok, .notModified, .error].contains($0.status) }
            out.metric("chorus_source_up", "1 when the source's fetch in the last run succeeded, 0 when it failed.", fetched.map {
                ([("source", $0.name)], $0.status == .error ? 0 : 1)
            })
            out.metric("chorus_source_http_status", "HTTP status of the source's last request in the last run.", fetched.compactMap { r in
                r.httpStatus.map { ([("source", r.name)], Double($0)) }
            })
            out.metric("chorus_source_items", "Items of the source in the last run by kind.", fetched.flatMap { r in
                kinds.map { kind, path in ([("source", r.name), ("kind", kind)], Double(r[keyPath: path])) }
            })
            out.metric("chorus_source_duration_seconds", "Time the source's fetch and parse took in the last run.", fetched.map {
                ([("source", $0.name)], Double($0.durationMs) / 1000)
            })
        }
        let known = sources.compactMap { records[$0] }
        out.metric("chorus_source_last_success_timestamp_seconds", "When the source last succeeded (Unix time).", known.compactMap { r in
            r.lastSuccess.map { ([("source", r.name)], $0.timeIntervalSince1970.rounded()) }
        })
        out.metric("chorus_source_consecutive_failures", "Runs in a row in which the source failed.", known.map {
            ([("source", $0.name)], Double($0.consecutiveFailures))
        })
        return out.text
    }

    /// Text exposition format 0.0.4: `# HELP`, `# TYPE` (all gauges here), then the samples.
    struct Exposition {
        var text = ""

        mutating func metric(_ name: String, _ help: String, _ samples: [([(String, String)], Double)]) {
            guard !samples.isEmpty else { return }
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            for (labels, value) in samples {
                let set = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
                text += "\(name)\(set) \(Self.number(value))\n"
            }
        }

        /// Label values escape backslash, double quote and line feed.
        static func escape(_ value: String) -> String {
            var out = ""
            for c in value {
                switch c {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                default: out.append(c)
                }
            }
            return out
        }

        static func number(_ value: Double) -> String {
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(format: "%.3f", value)
        }
    }
}
