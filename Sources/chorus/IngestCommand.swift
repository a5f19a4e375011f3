import ArgumentParser
import ChorusFetch
import ChorusRun
import Foundation
import Logging

/// `chorus ingest`: the main job. Parses options, loads the config, and hands over to
/// `IngestJob`; maps the outcome to an exit code.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Fetch every due source, write new items as NDJSON, remember where each source stopped.",
        discussion: """
            Meant for cron: quiet on success, one line per problem on stderr. Items go to a new file under the output directory (date=YYYY-MM-DD/chorus-<UTC stamp>.ndjson), written under a temporary name, fsynced and renamed; the state advances only after that. See docs/ingest.md.

            Exit codes: 0 success; 1 some sources failed or were cut short (the rest were written); 70 fatal (output or state failed, nothing committed; a lost or broken state names the file and the way out, --reset-state); 75 another run holds the lock (nothing done); 78 invalid configuration (nothing ran).
            """
    )

    /// The dry-run preview formats.
    enum PreviewFormat: String, ExpressibleByArgument, CaseIterable {
        case table, ndjson
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var configOption: ConfigOption

    @Flag(name: .long, help: "Fetch, parse, score and look up dedup, but write nothing and change no state.")
    var dryRun = false

    @Option(name: .long, help: "Dry run: 'table' (default) previews per source; 'ndjson' prints the items that would be written.")
    var format: PreviewFormat = .table

    @Option(name: .long, help: ArgumentHelp("Only this source (repeatable); it is fetched even when not due.", valueName: "name"))
    var source: [String] = []

    @Option(name: .long, help: "Dry run: at most N items per source.")
    var limit: Int?

    @Option(name: .long, help: ArgumentHelp("Stop starting sources after this long (90s, 4m); overrides max_duration.", valueName: "duration"))
    var maxDuration: String?

    @Option(name: .long, help: ArgumentHelp("'-' writes the items to stdout; a folder overrides output.dir.", valueName: "path"))
    var output: String?

    @Flag(name: .long, help: "Fetch every enabled source now, ignoring intervals.")
    var ignoreSchedule = false

    @Flag(name: .long, help: "Start over with a new state when the state file is lost or unusable (the old file is kept aside); items still in the feeds are delivered again.")
    var resetState = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if limit != nil && !dryRun { throw ValidationError("--limit needs --dry-run (a real run never skips items it has read)") }
        if format != .table && !dryRun { throw ValidationError("--format needs --dry-run") }
        if let maxDuration, RunDuration.seconds(maxDuration) == nil {
            throw ValidationError("--max-duration: expected a duration like 90s, 4m or 1h, found '\(maxDuration)'")
        }
        if dryRun && output != nil { throw ValidationError("--output has no effect with --dry-run (nothing is written)") }
    }

    func run() async throws {
        let path = configOption.path
        var loaded = try configOption.load()
        let level = global.logLevel.flatMap(Logger.Level.init(rawValue:))
            ?? (global.verbose ? .info : loaded.logLevel.flatMap(Logger.Level.init(rawValue:)) ?? .warning)
        LoggingSetup.bootstrap(level: level, format: global.format)
        let unknown = source.filter { loaded.source(named: $0) == nil }
        if !unknown.isEmpty {
            let names = loaded.sources.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("config: \(path): no source named \(unknown.joined(separator: ", ")); sources: \(names)\n".utf8))
            throw ExitStatus.configError
        }
        var options = RunOptions(
            dryRun: dryRun, sources: source, ignoreSchedule: ignoreSchedule, limit: limit,
            maxDuration: maxDuration.flatMap(RunDuration.seconds), previewAsNDJSON: format == .ndjson)
        if output == "-" {
            options.toStdout = true
        } else if let output {
            loaded.output.dir = URL(fileURLWithPath: output).standardizedFileURL
        }
        options.resetState = resetState
        options.progress = isatty(STDERR_FILENO) == 1 && level > .info && !options.toStdout
        let stop = StopSignal()
        stop.installHandlers()
        if let problem = CurlFetcher.libraryProblem {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            throw ExitStatus.fatal
        }
        let fetcher = CurlFetcher(logger: Logger(label: "chorus.fetch"), maxConcurrent: loaded.concurrency, maxPerHost: loaded.maxPerHost)
        defer { fetcher.shutdown() }
        let outcome: RunOutcome
        do {
            outcome = try await IngestJob.run(
                config: loaded, options: options, fetcher: fetcher, stop: stop, logger: Logger(label: "chorus.run"))
        } catch {
            LoggingSetup.report("chorus ingest: \(error.description)", level: .error)
            switch error {
            // The run holding the lock writes the metrics; this one did nothing.
            case .lockHeld: throw ExitStatus.lockHeld
            case .fatal:
                writeMetrics(loaded, outcome: nil, exit: ExitStatus.fatal)
                throw ExitStatus.fatal
            case .config: throw ExitStatus.configError
            }
        }
        if let preview = outcome.preview {
            // The table is for a person: the summary too (stdout keeps only the table).
            FileHandle.standardOutput.write(Data(PreviewRenderer.render(preview, width: TerminalWidth.columns()).utf8))
            FileHandle.standardError.write(Data((RunReportLine.dryRun(outcome) + "\n").utf8))
        } else if global.verbose || level <= .info {
            FileHandle.standardError.write(Data(RunSummary.line(outcome).utf8))
        }
        // A cut run says so even under cron; the closing line is for a person at a terminal.
        if let line = RunReportLine.stopped(outcome) { LoggingSetup.report(line) }
        if !dryRun && isatty(STDERR_FILENO) == 1 {
            FileHandle.standardError.write(Data((RunReportLine.finished(outcome, toStdout: options.toStdout) + "\n").utf8))
        }
        let exit = outcome.verdict == .success ? ExitStatus.success : ExitStatus.partialFailure
        if !dryRun { writeMetrics(loaded, outcome: outcome, exit: exit) }
        if exit != ExitStatus.success { throw exit }
    }

    /// Writes `metrics.textfile`, when configured, with the state as the run left it.
    private func writeMetrics(_ config: ChorusConfig, outcome: RunOutcome?, exit: ExitCode) {
        guard let url = config.metricsTextfile else { return }
        let records = (try? StateStoreOpener.open(config.state, readOnly: true).sourceRecords()) ?? [:]
        do {
            try MetricsTextfile.write(
                to: url, outcome: outcome, exitCode: exit.rawValue, records: records, sources: config.sources.map(\.name), now: Date())
        } catch {
            LoggingSetup.report("chorus ingest: metrics: cannot write \(url.path) (\(error.localizedDescription))", level: .error)
        }
    }
}
