import Foundation
import ChorusConnectors
import ChorusModel
import ChorusOutput

/// The single consumer of source results: drops ids already emitted earlier in this run,
/// numbers revisions, streams the lines to the sink, and gathers the state changes to commit
/// once the output is durable. On a shared store it writes a source's new items only once they
/// are claimed (``SeenClaiming``): results that arrive while a claim is in flight wait, and the
/// next claim asks for the new items of all of them in one statement (``nextClaim()``,
/// ``claimed(_:)``), so claims cost a round trip per batch, not per source. Owned by the run's
/// task, never shared.
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
    /// A result held until a claim on its new items returns.
    private struct Held {
        var result: SourceTask.Result
        var source: SourceConfig
        var saved: SourceRecord
    }
    /// Results waiting for the next claim, in arrival order.
    private var waiting: [Held] = []
    /// The results the claim in flight covers, and the ids it asked for.
    private var claiming: (results: [Held], asked: Set<String>)?

    init(sink: ItemSink, now: Date, limit: Int?, claims: (any SeenClaiming)? = nil) {
        self.sink = sink
        self.now = now
        self.limit = limit
        self.claims = claims
    }

    /// Takes one source's result: writes it now, or, when its new items must be claimed first,
    /// holds it for the next claim. Returns whether the source is done (its report final).
    /// Throws when the sink or the store fails (then the run is fatal).
    @discardableResult
    func accept(_ result: SourceTask.Result, source: SourceConfig, saved: SourceRecord) throws(RunError) -> Bool {
        if let failure = result.stateFailure { throw RunError(failure) }
        if claims != nil, limit == nil, result.poll != nil, result.items.contains(where: \.emit) {
            waiting.append(Held(result: result, source: source, saved: saved))
            return false
        }
        try settle(result, source: source, saved: saved, taken: [])
        return true
    }

    /// No result waits for a claim and none is in flight.
    var isSettled: Bool { waiting.isEmpty && claiming == nil }

    /// When no claim is in flight and results wait: the claim of their new items (each id once;
    /// ids this run wrote already left out), to run off the pool. The results are covered by it
    /// until ``claimed(_:)``. A result that would ask for an id at another revision than an
    /// earlier one of the batch (another run committed the item between this run's two
    /// lookups) waits for the next claim, with those after it: one claim per source, as it was.
    func nextClaim() -> (@Sendable () throws(StateError) -> Set<String>)? {
        guard let claims, claiming == nil, !waiting.isEmpty else { return nil }
        var asked: [String: Int] = [:]
        var wanted: [(id: String, revision: Int)] = []
        var covered = 0
        for held in waiting {
            let fresh = held.result.items.filter { $0.emit && !emitted.contains($0.id) }
            if covered > 0, fresh.contains(where: { item in asked[item.id].map { $0 != item.revision } ?? false }) { break }
            for item in fresh where asked[item.id] == nil {
                asked[item.id] = item.revision
                wanted.append((item.id, item.revision))
            }
            covered += 1
        }
        claiming = (Array(waiting.prefix(covered)), Set(asked.keys))
        waiting.removeFirst(covered)
        let batch = wanted
        return { () throws(StateError) in try claims.claim(batch) }
    }

    /// The claim in flight returned `got`: writes the results it covered, in arrival order; the
    /// ids asked for and not got are another run's (duplicates here). Returns their names.
    func claimed(_ got: Set<String>) throws(RunError) -> [String] {
        guard let batch = claiming else { return [] }
        claiming = nil
        let taken = batch.asked.subtracting(got)
        for held in batch.results { try settle(held.result, source: held.source, saved: held.saved, taken: taken) }
        return batch.results.map(\.source.name)
    }

    /// Writes one result's items but those `taken` by another run, and notes its state changes.
    private func settle(_ result: SourceTask.Result, source: SourceConfig, saved: SourceRecord, taken: Set<String>) throws(RunError) {
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
