import Foundation
import ChorusModel
import Logging

/// Step 1 of a run (``IngestRun``): which sources this run polls, and why it leaves out the
/// others. It reads the state (source records, the circuit breaker), counts a strike against
/// every source a dead run left in flight, skips sources that are disabled, quarantined or not
/// due, builds a connector for each polled source, and on a shared store (``SourceLeasing``)
/// leases them, dropping those another run holds or polled meanwhile. Nothing is fetched and,
/// apart from the breaker's strikes and the leases, nothing is written.
struct RunPlan: Sendable {
    /// A source the run polls.
    struct Poll: Sendable {
        var source: SourceConfig
        var saved: SourceRecord
        var task: SourceTask
        /// A dead run had it in flight (strikes, not quarantined): run alone, first.
        var suspect = false
    }

    /// A source the run does not poll, in config order.
    enum Unpolled: Sendable {
        /// Left out with this status (disabled, quarantined, not due).
        case skipped(String, SourceReport.Status, error: String?)
        /// Failed before its poll (its connector could not be built): counts as a failure.
        case failed(SourceTask.Result, source: SourceConfig, saved: SourceRecord)
    }

    /// The sources to poll, suspects first (stable order otherwise).
    var polls: [Poll]
    var unpolled: [Unpolled]
    /// The breaker's in-flight log (nil for a dry run, or when the file cannot be written).
    var inFlight: InFlightLog?

    /// Plans `run` as of `now`; its tasks make their store calls on `blocking`. Throws when the
    /// state cannot be read (nothing has run then). Blocks on the store: call it on `blocking`.
    static func make(_ run: IngestRun, now: Date, blocking: BlockingQueue) throws(RunError) -> RunPlan {
        let config = run.config, options = run.options, store = run.store
        let breaker = options.dryRun ? nil : SourceBreaker(store: store, state: config.state.path)
        let records: [String: SourceRecord]
        let quarantine: [String: BreakerRecord]
        do {
            _ = try breaker?.countStrikes(now: now, logger: run.logger)
            records = try store.sourceRecords()
            quarantine = try store.breakerRecords()
        } catch {
            throw RunError(error.message)
        }
        let scheduler = SourceScheduler(now: now)
        let matcher = KeywordMatcher(config.keywords.track)
        let lookup = SeenLookup(store: store, blocking: blocking)
        var polls: [Poll] = []
        var unpolled: [Unpolled] = []
        for source in config.sources {
            let explicit = options.sources.contains(source.name)
            if !options.sources.isEmpty && !explicit { continue }
            let saved = records[source.name] ?? SourceRecord(name: source.name)
            if !source.enabled && !explicit {
                unpolled.append(.skipped(source.name, .disabled, error: nil))
                continue
            }
            if !explicit, let cause = SourceBreaker.quarantined(quarantine[source.name], now: now) {
                unpolled.append(.skipped(source.name, .quarantined, error: cause))
                run.logger.warning("\(cause)", metadata: ["source": "\(source.name)"])
                continue
            }
            if !explicit && !options.ignoreSchedule && !options.dryRun && !scheduler.isDue(saved, interval: source.interval) {
                unpolled.append(.skipped(source.name, .notDue, error: nil))
                continue
            }
            switch ConnectorFactory.make(source) {
            case .success(let connector):
                let task = SourceTask(
                    source: source, connector: connector, saved: saved, fetcher: run.fetcher, lookup: lookup, matcher: matcher,
                    keywordFilter: config.keywords.filter, analyzer: run.analyzer,
                    scoreDuplicates: options.dryRun && !options.previewAsNDJSON, now: now)
                polls.append(Poll(source: source, saved: saved, task: task, suspect: (quarantine[source.name]?.strikes ?? 0) > 0))
            case .failure(let error):
                var report = SourceReport(name: source.name, status: .error)
                report.errors = 1
                report.error = error.message
                unpolled.append(.failed(SourceTask.Result(report: report, poll: nil, items: []), source: source, saved: saved))
            }
        }

        // Suspects run first, one at a time, so a death is pinned on the one in flight and the
        // innocent ones that shared a dead run's flight clear their strike.
        polls = polls.filter(\.suspect) + polls.filter { !$0.suspect }
        return RunPlan(polls: polls, unpolled: unpolled, inFlight: breaker?.log)
    }
}
