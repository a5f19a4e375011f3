public import Foundation
public import ChorusFetch
public import Logging
import ChorusSentiment

/// The main job behind `chorus ingest`: takes the run lock (not for a dry run), opens the
/// state store (read-only for a dry run), reconciles an interrupted earlier run, runs, and
/// appends the one-line JSON summary to the summary log. The command prints what it returns.
public enum IngestJob {
    /// Why the job did not run to an outcome.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Another run holds the lock; nothing was done.
        case lockHeld(String)
        /// Output, state or the lock failed; nothing was committed.
        case fatal(String)
        /// A file the configuration names is unusable (a malformed lexicon or rule file); nothing ran.
        case config(String)

        public var description: String {
            switch self {
            case .lockHeld(let m), .fatal(let m), .config(let m): m
            }
        }
    }

    /// Runs the job. Prints nothing: the outcome carries the preview, and ``RunSummary/line(_:)``
    /// of it is the summary line appended to the log.
    public static func run(
        config: ChorusConfig, options: RunOptions, fetcher: any HTTPFetching, stop: StopSignal, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws(Failure) -> RunOutcome {
        // First: a bad lexicon or rule file is a configuration error, found before anything runs.
        let analyzer: SentimentAnalyzer?
        do {
            analyzer = try config.loadAnalyzer()
        } catch {
            throw .config(error.description)
        }
        // A path the run cannot write to (read-only, a file in the way) is named now, before
        // any source is fetched, not after every source was fetched for nothing.
        if !options.dryRun, let problem = RunPreflight.unwritablePath(config, toStdout: options.toStdout) {
            throw .fatal(problem + "; nothing was fetched")
        }
        let stateExisted = FileManager.default.fileExists(atPath: config.state.path.path)
        let output = options.toStdout ? nil : config.output
        var lock: RunLock?
        if !options.dryRun {
            do {
                lock = try RunLock(url: config.state.lockPath, guarding: config.state.path)
            } catch {
                switch error {
                case .held(let m): throw .lockHeld(m)
                case .failed(let m): throw .fatal(m)
                }
            }
        }
        defer { withExtendedLifetime(lock) {} }
        // Under the lock: a lost or broken state never means a silent re-delivery of everything.
        var freshStore = false
        // A PostgreSQL state has no file to inspect (its tables are checked when the store opens).
        if config.state.url == nil, let problem = StateHealth.verdict(state: config.state.path, output: output, deep: true, existed: stateExisted) {
            guard options.resetState else { throw .fatal(problem) }
            if options.dryRun {
                freshStore = true
            } else {
                do {
                    if let aside = try StateHealth.setAside(config.state.path, now: clock()) {
                        logger.notice("--reset-state: the unusable state is kept as \(aside.path); starting with a new one")
                    }
                } catch {
                    throw .fatal(error.message)
                }
            }
        }
        let store: any StateStore
        do {
            store = freshStore ? try SQLiteStateStore.empty() : try StateStoreOpener.open(config.state, readOnly: options.dryRun)
        } catch {
            throw .fatal(error.message)
        }
        var recovered: [String] = []
        if !options.dryRun {
            do {
                recovered = try OutputRecovery(store: store, output: config.output, tag: OutputRecovery.tag(state: config.state.path)).run(now: clock())
            } catch {
                throw .fatal(error.message)
            }
            for path in recovered { logger.notice("adopted the output of an interrupted run: \(path)") }
        }
        var outcome: RunOutcome
        do {
            outcome = try await IngestRun(
                config: config, options: options, fetcher: SharedBackoffFetcher.wrap(fetcher, store: store), store: store,
                analyzer: analyzer, clock: clock, stop: stop,
                logger: logger
            ).run()
        } catch {
            throw .fatal(error.message)
        }
        outcome.recovered = recovered
        if !options.dryRun {
            SummaryLog.append(RunSummary.line(outcome), to: config.summaryLog, maxBytes: config.summaryLogMaxBytes) { logger.error("\($0)") }
            do { try (store as? any SourceFailureLog)?.recordFailingSince() } catch { logger.error("\(error.message)") }
        }
        return outcome
    }
}
