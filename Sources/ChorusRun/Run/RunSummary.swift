import Foundation
import ChorusModel
import ChorusOutput

/// The one-line JSON run summary: run times, output file, per-source counts (fetched, new,
/// revisions, duplicate, filtered, errors, HTTP status, duration) and totals.
public enum RunSummary {
    /// The summary line for `outcome`, newline included.
    public static func line(_ outcome: RunOutcome) -> String {
        var w = JSONWriter(capacity: 512 + outcome.sources.count * 200)
        w.raw("{")
        w.key("run", first: true); w.string(outcome.runID)
        w.key("started_at"); w.date(outcome.startedAt)
        w.key("finished_at"); w.date(outcome.finishedAt)
        w.key("duration_ms"); w.int(Int64((outcome.finishedAt.timeIntervalSince(outcome.startedAt) * 1000).rounded()))
        w.key("dry_run"); w.bool(outcome.dryRun)
        w.key("result"); w.string(outcome.verdict.rawValue)
        w.key("stopped_by"); w.string(outcome.stoppedBy)
        w.key("output"); w.string(outcome.outputFile?.path)
        w.key("recovered"); w.strings(outcome.recovered)
        w.key("sources"); w.raw("[")
        for (i, s) in outcome.sources.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.key("name", first: true); w.string(s.name)
            w.key("status"); w.string(s.status.rawValue)
            w.key("fetched"); w.int(Int64(s.fetched))
            w.key("new"); w.int(Int64(s.new))
            w.key("revisions"); w.int(Int64(s.revisions))
            w.key("duplicate"); w.int(Int64(s.duplicate))
            w.key("filtered"); w.int(Int64(s.filtered))
            w.key("errors"); w.int(Int64(s.errors))
            w.key("recovered"); w.int(Int64(s.recovered))
            w.key("damaged"); w.int(Int64(s.damaged))
            w.key("http_status"); w.int(s.httpStatus.map(Int64.init))
            w.key("duration_ms"); w.int(Int64(s.durationMs))
            w.key("error"); w.string(s.error)
            w.raw("}")
        }
        w.raw("]")
        w.key("totals"); w.raw("{")
        let t = outcome.sources
        w.key("sources", first: true); w.int(Int64(t.count))
        w.key("fetched_sources"); w.int(Int64(t.filter { $0.status == .ok || $0.status == .notModified || $0.status == .error }.count))
        w.key("failed_sources"); w.int(Int64(t.filter { $0.status == .error }.count))
        w.key("quarantined_sources"); w.int(Int64(t.filter { $0.status == .quarantined }.count))
        w.key("fetched"); w.int(Int64(t.reduce(0) { $0 + $1.fetched }))
        w.key("new"); w.int(Int64(t.reduce(0) { $0 + $1.new }))
        w.key("revisions"); w.int(Int64(t.reduce(0) { $0 + $1.revisions }))
        w.key("duplicate"); w.int(Int64(t.reduce(0) { $0 + $1.duplicate }))
        w.key("filtered"); w.int(Int64(t.reduce(0) { $0 + $1.filtered }))
        w.key("errors"); w.int(Int64(t.reduce(0) { $0 + $1.errors }))
        w.key("recovered"); w.int(Int64(t.reduce(0) { $0 + $1.recovered }))
        w.key("damaged"); w.int(Int64(t.reduce(0) { $0 + $1.damaged }))
        w.raw("}")
        w.raw("}\n")
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
