public import Foundation
public import ChorusFetch
public import ChorusSentiment
public import Logging
import ChorusConnectors
import ChorusModel
import ChorusOutput

/// One ingestion run over a validated config: picks the due sources, polls them concurrently
/// through one fetcher, classifies and scores their items, streams the new ones to the sink,
/// makes the output durable, and only then commits the state in one transaction.
/// The caller holds the run lock (``IngestJob`` does).
public struct IngestRun: Sendable {
    public var config: ChorusConfig
    public var options: RunOptions
    public var fetcher: any HTTPFetching
    public var store: any StateStore
    /// Nil when sentiment is disabled.
    public var analyzer: SentimentAnalyzer?
    public var clock: @Sendable () -> Date
    public var stop: StopSignal
    public var logger: Logger

    public init(
        config: ChorusConfig, options: RunOptions, fetcher: any HTTPFetching, store: any StateStore, analyzer: SentimentAnalyzer?,
        clock: @escaping @Sendable () -> Date = { Date() }, stop: StopSignal = StopSignal(), logger: Logger = Logger(label: "chorus.run")
    ) {
        self.config = config
        self.options = options
        self.fetcher = fetcher
        self.store = store
        self.analyzer = analyzer
        self.clock = clock
        self.stop = stop
        self.logger = logger
    }

    /// A planned poll.
    private struct Planned: Sendable {
        var source: SourceConfig
        var saved: SourceRecord
        var task: SourceTask
        /// A dead run had it in flight (strikes, not quarantined): run alone, first.
        var suspect = false
    }

    /// How long a stopped run waits for a source still working before leaving it behind.
    static let stopGrace = 2.0

    private enum Event: Sendable {
        case source(Int, SourceTask.Result)
        /// Still working when the run stopped, after the grace: left behind, not committed.
        case abandoned(Int)
        case stop(String)
        case idle
    }

    /// Runs once. Throws only when output or state fails (nothing is committed then).
    public func run() async throws(RunError) -> RunOutcome {
        let startedAt = clock()
        let records: [String: SourceRecord]
        // The circuit breaker: strikes for sources a dead run left in flight, then who is out.
        let breaker = options.dryRun ? nil : SourceBreaker(store: store, state: config.state.path)
        let quarantine: [String: BreakerRecord]
        do {
            _ = try breaker?.countStrikes(now: startedAt, logger: logger)
            records = try store.sourceRecords()
            quarantine = try store.breakerRecords()
        } catch {
            throw RunError(error.message)
        }
        let sink = ItemSink(
            options.dryRun ? .preview(ndjson: options.previewAsNDJSON) : options.toStdout ? .stdout : .file(config.output, date: startedAt),
            fileTag: OutputRecovery.tag(state: config.state.path), state: config.state.path,
            keepsDocuments: config.state.table != nil && !options.dryRun)
        let collector = RunCollector(
            sink: sink, now: startedAt, limit: options.dryRun ? options.limit : nil, claims: options.dryRun ? nil : store as? any SeenClaiming)
        let scheduler = SourceScheduler(now: startedAt)
        let matcher = KeywordMatcher(config.keywords.track)

        var plan: [Planned] = []
        for source in config.sources {
            let explicit = options.sources.contains(source.name)
            if !options.sources.isEmpty && !explicit { continue }
            let saved = records[source.name] ?? SourceRecord(name: source.name)
            if !source.enabled && !explicit { collector.skip(source.name, status: .disabled); continue }
            if !explicit, let cause = SourceBreaker.quarantined(quarantine[source.name], now: startedAt) {
                collector.skip(source.name, status: .quarantined, error: cause)
                logger.warning("\(cause)", metadata: ["source": "\(source.name)"])
                continue
            }
            if !explicit && !options.ignoreSchedule && !options.dryRun && !scheduler.isDue(saved, interval: source.interval) {
                collector.skip(source.name, status: .notDue); continue
            }
            switch ConnectorFactory.make(source) {
            case .success(let connector):
                let task = SourceTask(
                    source: source, connector: connector, saved: saved, fetcher: fetcher, store: store, matcher: matcher,
                    keywordFilter: config.keywords.filter, analyzer: analyzer,
                    scoreDuplicates: options.dryRun && !options.previewAsNDJSON, now: startedAt)
                plan.append(Planned(source: source, saved: saved, task: task, suspect: (quarantine[source.name]?.strikes ?? 0) > 0))
            case .failure(let error):
                var report = SourceReport(name: source.name, status: .error)
                report.errors = 1
                report.error = error.message
                try collector.accept(SourceTask.Result(report: report, poll: nil, items: []), source: source, saved: saved)
            }
        }

        // Suspects run first, one at a time, so a death is pinned on the one in flight and the
        // innocent ones that shared a dead run's flight clear their strike (stable order otherwise).
        plan = plan.filter(\.suspect) + plan.filter { !$0.suspect }
        // A shared store (PostgreSQL): poll only what this run leased, a chunk at a time, and no other run polled meanwhile.
        let feeder = options.dryRun ? nil : LeaseFeeder(
            store: store, planned: plan.map { ($0.source.name, $0.saved) }, chunk: max(config.concurrency, 8), length: config.state.lease, clock: clock)
        var unleased = Set<Int>()
        let deadline = (options.maxDuration ?? config.maxDuration).map { startedAt.addingTimeInterval($0) }
        var progress = options.progress ? ProgressBar(total: plan.count) : nil
        var stoppedBy: String?
        var failure: RunError?
        var finished = Set<Int>()
        let inFlight = breaker?.log
        let concurrency = config.concurrency
        let clock = self.clock
        let stop = self.stop
        await withTaskGroup(of: Event.self) { group in
            guard !plan.isEmpty else { return }
            var next = 0
            var running = 0
            var suspectsRunning = 0
            func launch() {
                let index = next
                let task = plan[index].task
                next += 1
                running += 1
                if plan[index].suspect { suspectsRunning += 1 }
                inFlight?.begin(plan[index].source.name)
                group.addTask {
                    // A stop leaves a source that does not finish within the grace behind (a slow parse).
                    guard let result = await AbandonableRun.run(grace: Self.stopGrace, { await task.run(clock: clock) }) else {
                        return .abandoned(index)
                    }
                    return .source(index, result)
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    if let why = stop.requested { return .stop(why) }
                    if let deadline, clock() >= deadline { return .stop("max-duration") }
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return .idle
            }
            /// Starts sources while there is room: a suspect only alone, others up to `concurrency`
            /// and never beside a suspect.
            func fill() {
                while next < plan.count && stoppedBy == nil && failure == nil {
                    do throws(StateError) {
                        if let feeder, try !feeder.admits(next) {
                            collector.skip(plan[next].source.name, status: .notDue)
                            unleased.insert(next)
                            next += 1
                            continue
                        }
                    } catch {
                        failure = RunError(error.message)
                        group.cancelAll()
                        break
                    }
                    let blocked = plan[next].suspect ? running > 0 : running >= concurrency || suspectsRunning > 0
                    if blocked { break }
                    launch()
                }
            }
            fill()
            if running == 0 { group.cancelAll() }
            for await event in group {
                switch event {
                case .source(let index, let result):
                    running -= 1
                    finished.insert(index)
                    let p = plan[index]
                    inFlight?.end(p.source.name)
                    if p.suspect { suspectsRunning -= 1 }
                    if failure == nil {
                        do throws(RunError) { try collector.accept(result, source: p.source, saved: p.saved) } catch {
                            failure = error
                            group.cancelAll()
                        }
                    }
                    let r = result.report
                    if r.status == .error {
                        logger.warning("\(r.error ?? "failed")", metadata: ["source": "\(p.source.name)"])
                    } else if r.truncated > 0 {
                        // A document cut short is never silent: what was kept may be incomplete.
                        logger.warning("parse: \(p.source.name): the document was cut short; kept \(r.fetched) items (\(r.damaged) damaged)",
                                       metadata: ["source": "\(p.source.name)"])
                    }
                    if r.status != .error, let done = collector.reports[p.source.name] {
                        logger.info("source done", metadata: [
                            "source": "\(p.source.name)", "status": "\(done.status.rawValue)", "new": "\(done.new + done.revisions)",
                            "duplicate": "\(done.duplicate)", "http.status": "\(done.httpStatus.map(String.init) ?? "-")",
                        ])
                    }
                    progress?.advance(items: collector.itemsWritten)
                    fill()
                    if running == 0 && (next >= plan.count || stoppedBy != nil || failure != nil) { group.cancelAll() }
                case .abandoned(let index):
                    running -= 1
                    let name = plan[index].source.name
                    if plan[index].suspect { suspectsRunning -= 1 }
                    // It stays in the in-flight log: the next run counts the hang as a strike.
                    logger.warning("run: \(name): still working \(Self.stopGrace) s after the run was stopped (\(stoppedBy ?? "stop")); left behind, nothing of it is written", metadata: ["source": "\(name)"])
                    if running == 0 { group.cancelAll() }
                case .stop(let why):
                    stoppedBy = why
                    logger.notice("stopping early (\(why)): no new sources are started, unfinished ones are dropped")
                    group.cancelAll()
                case .idle:
                    break
                }
            }
        }
        progress?.finish()
        for (i, p) in plan.enumerated() where !finished.contains(i) && !unleased.contains(i) { collector.skip(p.source.name, status: .cancelled) }
        if let failure {
            sink.abandon()
            throw failure
        }

        var outputFile: URL?
        do {
            try sink.finish()
            if !options.dryRun {
                var pending: String?
                if let url = try sink.publish(noting: store, seen: collector.seen, createdAt: startedAt) {
                    pending = url.path
                    outputFile = url
                }
                var change = StateCommit(
                    sources: collector.sourceRecords, seen: collector.seen, touched: collector.touched, completedOutput: pending,
                    pruneBefore: startedAt.addingTimeInterval(-config.state.retention), now: startedAt)
                if pending == nil { change.documents = sink.documents }
                change.finished = plan.indices.filter { finished.contains($0) }.map { plan[$0].source.name }
                    .filter { collector.reports[$0]?.status != .cancelled }
                try store.commit(change)
            }
        } catch let error as RunError {
            sink.abandon()
            throw error
        } catch let error as StateError {
            throw RunError(error.message)
        } catch let error as OutputError {
            sink.abandon()
            throw RunError(error.message)
        } catch {
            throw RunError("run: \(error)")
        }
        let reports = config.sources.compactMap { collector.reports[$0.name] }
        if options.dryRun && !options.previewAsNDJSON {
            PreviewRenderer.print(sources: config.sources.map(\.name), reports: collector.reports, rows: collector.previews)
        }
        return RunOutcome(
            runID: RFC3339.format(startedAt), startedAt: startedAt, finishedAt: clock(), dryRun: options.dryRun, outputFile: outputFile,
            sources: reports, stoppedBy: stoppedBy)
    }
}
