import Foundation
import ChorusConnectors
import ChorusModel
import ChorusOutput

/// The single consumer of source results: drops ids already emitted earlier in this run,
/// numbers revisions, streams the lines to the sink, and gathers the state changes to commit
/// once the output is durable. Owned by the run's task, never shared.
final class RunCollector {
    private let sink: ItemSink
    private let now: Date
    private let limit: Int?
    /// A shared store's claims on the items about to be written (nil: one machine, no claims).
    private let claims: (any SeenClaiming)?
    private var emitted: Set<String> = []
    private(set) var seen: [SeenRecord] = []
    private(set) var touched: [String] = []
    private(set) var sourceRecords: [SourceRecord] = []
    private(set) var reports: [String: SourceReport] = [:]
    private(set) var itemsWritten = 0
    /// Items of each source, kept only for the dry-run table.
    private(set) var previews: [String: [PreviewRow]] = [:]

    init(sink: ItemSink, now: Date, limit: Int?, claims: (any SeenClaiming)? = nil) {
        self.sink = sink
        self.now = now
        self.limit = limit
        self.claims = claims
    }

    /// Takes one source's result. Throws when the sink or the store fails (then the run is fatal).
    func accept(_ result: SourceTask.Result, source: SourceConfig, saved: SourceRecord) throws(RunError) {
        if let failure = result.stateFailure { throw RunError(failure) }
        var report = result.report
        var record = saved
        record.lastAttempt = now
        switch report.status {
        case .error:
            record.consecutiveFailures += 1
            record.lastError = report.error
            record.lastStatus = report.httpStatus
            record.nextDue = now.addingTimeInterval(Self.backoff(interval: source.interval, failures: record.consecutiveFailures))
            sourceRecords.append(record)
        case .ok, .notModified:
            guard let poll = result.poll else { break }
            let taken = try claimedElsewhere(result.items)
            var shown = 0
            // Lines of consecutive written items go to the sink as one run of bytes.
            var pending = 0..<0
            for c in result.items.indices {
                let id = result.items[c].id
                // Without a preview limit, one hash of the id both checks and records it.
                let fresh = result.items[c].emit && !taken.contains(id) && (limit == nil ? emitted.insert(id).inserted : !emitted.contains(id))
                if !fresh {
                    report.duplicate += 1
                    let entry = result.items[c]
                    if entry.migrated, let prior = entry.prior, entry.emit == false {
                        // Known only under its former id: the record moves to the current id.
                        seen.append(SeenRecord(
                            id: id, source: prior.source, firstSeen: prior.firstSeen, lastSeen: now,
                            contentHash: entry.fingerprint, updatedAt: prior.updatedAt, revision: prior.revision))
                    } else if entry.prior != nil {
                        touched.append(id)
                    }
                    if limit.map({ shown < $0 }) ?? true, sink.wantsDuplicates, let item = result.items[c].preview {
                        shown += 1
                        previews[source.name, default: []].append(PreviewRow(item: item, verdict: "DUP"))
                    }
                    continue
                }
                if let limit {
                    if shown >= limit { continue }
                    emitted.insert(id)
                }
                shown += 1
                let prior = result.items[c].prior
                if prior != nil { report.revisions += 1 } else { report.new += 1 }
                let line = result.items[c].line
                if line.lowerBound == pending.upperBound {
                    pending = pending.lowerBound..<line.upperBound
                } else {
                    try write(pending, of: result.lines)
                    pending = line
                }
                let entry = result.items[c]
                if sink.wantsDuplicates, let item = entry.preview {
                    previews[source.name, default: []].append(PreviewRow(item: item, verdict: item.revision > 0 ? "REV \(item.revision)" : "NEW"))
                }
                itemsWritten += 1
                seen.append(SeenRecord(
                    id: id, source: prior?.source ?? entry.source, firstSeen: prior?.firstSeen ?? now, lastSeen: now,
                    contentHash: entry.fingerprint, updatedAt: entry.updatedAt, revision: entry.revision))
            }
            try write(pending, of: result.lines)
            record.state = poll.state
            record.lastSuccess = now
            record.consecutiveFailures = 0
            record.lastError = nil
            record.lastStatus = poll.httpStatus
            record.nextDue = now.addingTimeInterval(source.interval)
            sourceRecords.append(record)
        case .notDue, .disabled, .cancelled, .quarantined:
            break
        }
        reports[source.name] = report
    }

    /// Claims (on a shared store) the items of one source this run would write; returns the ids
    /// another run wrote or holds, which are duplicates here.
    private func claimedElsewhere(_ items: [SourceTask.Classified]) throws(RunError) -> Set<String> {
        guard let claims, limit == nil else { return [] }
        var ids = Set<String>()
        let wanted = items.filter { $0.emit && !emitted.contains($0.id) && ids.insert($0.id).inserted }.map { ($0.id, $0.revision) }
        guard !wanted.isEmpty else { return [] }
        do { return ids.subtracting(try claims.claim(wanted)) } catch { throw RunError(error.message) }
    }

    /// Writes `range` of a source's encoded lines (the whole buffer without a copy).
    private func write(_ range: Range<Int>, of lines: [UInt8]) throws(RunError) {
        guard !range.isEmpty else { return }
        try sink.write(line: range == lines.indices ? lines : Array(lines[range]))
    }

    /// Records a source that was not fetched.
    func skip(_ name: String, status: SourceReport.Status, error: String? = nil) {
        var report = SourceReport(name: name, status: status)
        report.error = error
        reports[name] = report
    }

    /// Seconds until a failing source is tried again: its interval, doubled per further
    /// consecutive failure, at most the larger of the interval and 6 hours.
    static func backoff(interval: Double, failures: Int) -> Double {
        let doubled = interval * pow(2, Double(max(0, failures - 1)))
        return min(doubled, max(interval, 6 * 3600))
    }
}
