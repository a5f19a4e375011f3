import ArgumentParser
import ChorusRun
import Foundation

/// `chorus status`: what the state store says about each source, for a person or for a daily
/// cron line that should mail when a source has been failing too long.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's health from the state: last success, last error, failures, items in 24 h, next due.",
        discussion: """
            Reads the state store read-only (it never takes the run lock and works while a run is going). Per source: last success, failures in a row and since when, items first written in the last 24 hours, the next due time, the current backoff, whether validators (ETag, Last-Modified) and cursors are held, and the last error.

            Exit codes: 0 fine; 2 an enabled source has been failing for longer than --fail-after; 78 invalid configuration; 70 the state store cannot be read.
            """
    )

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var configOption: ConfigOption

    @Option(name: .long, help: "'table' (default) or 'json' (one object).")
    var format: Format = .table

    @Option(name: .long, help: ArgumentHelp("Exit 2 when an enabled source has been failing for longer than this (default 24h).", valueName: "duration"))
    var failAfter: String = "24h"

    func validate() throws {
        if RunDuration.seconds(failAfter) == nil {
            throw ValidationError("--fail-after: expected a duration like 6h, 1d or 90m, found '\(failAfter)'")
        }
    }

    func run() async throws {
        global.bootstrap()
        let loaded = try configOption.load()
        let report: StatusReport
        do {
            report = try StatusReport.load(config: loaded, failAfter: RunDuration.seconds(failAfter) ?? 86_400, now: Date())
        } catch {
            FileHandle.standardError.write(Data("chorus status: \(error.message)\n".utf8))
            throw ExitStatus.fatal
        }
        let text = format == .json ? report.json() : report.table(width: TerminalWidth.columns())
        FileHandle.standardOutput.write(Data(text.utf8))
        if !report.failingTooLong.isEmpty {
            if format == .json || isatty(STDOUT_FILENO) == 0 {
                // For cron's mail: stdout may go elsewhere, stderr says why the exit is 2.
                let names = report.failingTooLong.joined(separator: ", ")
                FileHandle.standardError.write(Data("chorus status: failing for longer than \(failAfter): \(names)\n".utf8))
            }
            throw ExitStatus.staleSource
        }
    }
}
