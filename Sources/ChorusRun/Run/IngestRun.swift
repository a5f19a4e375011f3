public import Foundation
public import ChorusFetch
public import ChorusSentiment
public import Logging
import ChorusModel
import ChorusOutput

/// One ingestion run over a validated config, in three steps: plan (``RunPlan``: which sources,
/// leases, breaker and quarantine decisions), execute (``RunExecutor``: poll them concurrently
/// through one fetcher, classify and score their items, stream the new ones to the sink), and
/// commit (``RunCommitStep``: make the output durable, and only then commit the state in one
/// transaction). Returns the outcome (and a dry run's preview) as values; it prints nothing.
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

    /// Runs once: ``RunPlan`` (which sources), ``RunExecutor`` (fetch → parse → score, concurrently,
    /// streaming new items to the sink), ``RunCommitStep`` (output durable, then the state).
    /// Throws only when output or state fails (nothing is committed then).
    public func run() async throws(RunError) -> RunOutcome {
        let startedAt = clock()
        // Store calls and fsyncs wait on the disk or the network: never on the cooperative pool.
        let blocking = BlockingQueue()
        let plan = try await blocking.run { () throws(RunError) in try RunPlan.make(self, now: startedAt, blocking: blocking) }
        let sink = ItemSink(
            options.dryRun ? .preview(ndjson: options.previewAsNDJSON) : options.toStdout ? .stdout : .file(config.output, date: startedAt),
            fileTag: OutputRecovery.tag(state: config.state.path), state: config.state.path,
            keepsDocuments: config.state.table != nil && !options.dryRun)
        let collector = RunCollector(
            sink: sink, now: startedAt, limit: options.dryRun ? options.limit : nil, claims: options.dryRun ? nil : store as? any SeenClaiming)
        for source in plan.unpolled {
            switch source {
            case .skipped(let name, let status, let error): collector.skip(name, status: status, error: error)
            case .failed(let result, let config, let saved): try collector.accept(result, source: config, saved: saved)
            }
        }
        let executor = RunExecutor(
            concurrency: config.concurrency, deadline: (options.maxDuration ?? config.maxDuration).map { startedAt.addingTimeInterval($0) },
            clock: clock, stop: stop, blocking: blocking, progress: options.progress, logger: logger)
        // A shared store (PostgreSQL): poll only what this run leased, a chunk at a time, and no other run polled meanwhile.
        let feeder = options.dryRun ? nil : LeaseFeeder(
            store: store, blocking: blocking, planned: plan.polls.map { ($0.source.name, $0.saved) }, chunk: max(config.concurrency, 8), length: config.state.lease, clock: clock)
        let execution = await executor.execute(plan, into: collector, leasing: feeder)
        if let failure = execution.failure {
            sink.abandon()
            throw failure
        }
        var change = StateCommit(
            sources: collector.sourceRecords, seen: collector.seen, touched: collector.touched,
            pruneBefore: startedAt.addingTimeInterval(-config.state.retention), now: startedAt)
        change.finished = execution.finished.filter { collector.reports[$0]?.status != .cancelled }
        let names = config.sources.map(\.name)
        let reports = collector.reports
        let preview = options.dryRun && !options.previewAsNDJSON ? RunPreview(sources: names, reports: reports, rows: collector.previews) : nil
        // The sink (and the collector that holds it) go to the blocking queue for good.
        let step = RunCommitStep(store: store, dryRun: options.dryRun)
        let outputFile = try await blocking.run { () throws(RunError) in try step.commit(change, sink: sink, createdAt: startedAt) }
        return RunOutcome(
            runID: RFC3339.format(startedAt), startedAt: startedAt, finishedAt: clock(), dryRun: options.dryRun, outputFile: outputFile,
            sources: names.compactMap { reports[$0] }, stoppedBy: execution.stoppedBy, preview: preview)
    }
}
