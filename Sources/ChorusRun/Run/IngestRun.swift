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
    }

    private enum Event: Sendable {
        case source(Int, SourceTask.Result)
        case stop(String)
        case idle
    }

    /// Runs once. Throws only when output or state fails (nothing is committed then).
    public func run() async throws(RunError) -> RunOutcome {
        let startedAt = clock()
        let records: [String: SourceRecord]
        do { records = try store.sourceRecords() } catch { throw RunError(error.message) }
        let sink = ItemSink(
            options.dryRun ? .preview(ndjson: options.previewAsNDJSON) : options.toStdout ? .stdout : .file(config.output, date: startedAt),
            fileTag: OutputRecovery.tag(state: config.state.path), state: config.state.path)
        let collector = RunCollector(sink: sink, now: startedAt, limit: options.dryRun ? options.limit : nil)
        let scheduler = SourceScheduler(now: startedAt)
        let matcher = KeywordMatcher(config.keywords.track)

        var plan: [Planned] = []
        for source in config.sources {
            let explicit = options.sources.contains(source.name)
            if !options.sources.isEmpty && !explicit { continue }
            let saved = records[source.name] ?? SourceRecord(name: source.name)
            if !source.enabled && !explicit { collector.skip(source.name, status: .disabled); continue }
            if !explicit && !options.ignoreSchedule && !options.dryRun && !scheduler.isDue(saved, interval: source.interval) {
                collector.skip(source.name, status: .notDue); continue
            }
            switch ConnectorFactory.make(source) {
            case .success(let connector):
                let task = SourceTask(
                    source: source, connector: connector, saved: saved, fetcher: fetcher, store: store, matcher: matcher,
                    keywordFilter: config.keywords.filter, analyzer: analyzer,
                    scoreDuplicates: options.dryRun && !options.previewAsNDJSON, now: startedAt)
                plan.append(Planned(source: source, saved: saved, task: task))
            case .failure(let error):
                var report = SourceReport(name: source.name, status: .error)
                report.errors = 1
                report.error = error.message
                try collector.accept(SourceTask.Result(report: report, poll: nil, items: []), source: source, saved: saved)
            }
        }

        // A shared store (PostgreSQL): poll only what this run leased and no other run polled meanwhile.
        if !options.dryRun {
            let until = startedAt.addingTimeInterval(SourceLeases.duration(maxDuration: options.maxDuration ?? config.maxDuration))
            let dropped: Set<String>
            do { dropped = try SourceLeases.dropped(store: store, planned: plan.map { ($0.source.name, $0.saved) }, until: until, now: startedAt) } catch { throw RunError(error.message) }
            plan.removeAll { dropped.contains($0.source.name) }
            for name in dropped.sorted() { collector.skip(name, status: .notDue) }
        }
        let deadline = (options.maxDuration ?? config.maxDuration).map { startedAt.addingTimeInterval($0) }
        var progress = options.progress ? ProgressBar(total: plan.count) : nil
        var stoppedBy: String?
        var failure: RunError?
        var finished = Set<Int>()
        let concurrency = config.concurrency
        let clock = self.clock
        let stop = self.stop
        await withTaskGroup(of: Event.self) { group in
            guard !plan.isEmpty else { return }
            var next = 0
            var running = 0
            func launch() {
                let index = next
                let task = plan[index].task
                next += 1
                running += 1
                group.addTask { .source(index, await task.run(clock: clock)) }
            }
            group.addTask {
                while !Task.isCancelled {
                    if let why = stop.requested { return .stop(why) }
                    if let deadline, clock() >= deadline { return .stop("max-duration") }
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return .idle
            }
            while running < concurrency && next < plan.count { launch() }
            for await event in group {
                switch event {
                case .source(let index, let result):
                    running -= 1
                    finished.insert(index)
                    let p = plan[index]
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
                    if stoppedBy == nil && failure == nil && next < plan.count { launch() }
                    if running == 0 && (next >= plan.count || stoppedBy != nil || failure != nil) { group.cancelAll() }
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
        for (i, p) in plan.enumerated() where !finished.contains(i) { collector.skip(p.source.name, status: .cancelled) }
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
                try store.commit(StateCommit(
                    sources: collector.sourceRecords, seen: collector.seen, touched: collector.touched, completedOutput: pending,
                    pruneBefore: startedAt.addingTimeInterval(-config.state.retention), now: startedAt))
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
