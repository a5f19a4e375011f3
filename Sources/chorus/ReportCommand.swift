import ArgumentParser
import ChorusReport
import ChorusRun
import Foundation

/// `chorus report`: reads NDJSON output back and writes how the reactions moved, as a
/// self-contained HTML page (inline SVG charts), Markdown tables, or JSON aggregates.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report how sentiment and reactions moved over time, from NDJSON output.",
        discussion: """
            Reads every *.ndjson and *.ndjson.gz under the config's output folder (at any depth), or the files
            --input names (globs, folders, or - for stdin), streaming, in bounded memory. Each id counts once, at
            its latest revision. An item is "not scored" when its sentiment is null or its label is not one of
            positive, negative, neutral, mixed; means leave those out. Times are UTC; an item is placed at its
            published_at, else its updated_at (items with neither are counted but not drawn). See docs/report.md.

            Exit codes: 0 written; 1 written, but some input files could not be read; 64 bad usage;
            65 no input; 74 the output could not be written; 78 invalid configuration.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The configuration whose output folder is read (default: $CHORUS_CONFIG, else Config/chorus.yaml).")
    var config: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("NDJSON files, folders or globs to read instead of the config's output; - is stdin.", valueName: "glob"))
    var input: [String] = []

    @Option(help: ArgumentHelp("Leave out items before this time: RFC 3339, a date (UTC), or a span back from now (36h, 7d).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Leave out items at or after this time (same forms as --since).", valueName: "time"))
    var until: String?

    @Option(help: "One line (and table row) per: source, platform, keyword, tag.")
    var by: String = "source"

    @Option(help: "Bucket width: 15m, 1h, 1d.")
    var bucket: String = "1h"

    @Option(name: .customLong("keyword"), help: ArgumentHelp("Count only items whose keywords, title or text hold this (case-insensitive); repeatable.", valueName: "k"))
    var keywords: [String] = []

    @Option(help: "How many items each top list shows.")
    var top: Int = 8

    @Option(help: "Output format: html, md, json.")
    var format: String = "html"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (default: stdout).", valueName: "file"))
    var output: String?

    func validate() throws {
        guard ReportOptions.Grouping(rawValue: by) != nil else { throw ValidationError("--by must be one of: source, platform, keyword, tag") }
        guard ReportOptions.Bucket(rawValue: bucket) != nil else { throw ValidationError("--bucket must be one of: 15m, 1h, 1d") }
        guard ReportFormat(rawValue: format) != nil else { throw ValidationError("--format must be one of: html, md, json") }
        guard (1...100).contains(top) else { throw ValidationError("--top must be 1...100") }
        if config != nil, !input.isEmpty { throw ValidationError("give --config or --input, not both") }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, ReportTime.parse(value, now: Date()) == nil {
                throw ValidationError("\(name) must be an RFC 3339 time, a date (2018-05-13) or a span (36h, 7d): \(value)")
            }
        }
    }

    func run() throws {
        global.bootstrap()
        let now = Date()
        let options = ReportOptions(
            grouping: ReportOptions.Grouping(rawValue: by) ?? .source, bucket: ReportOptions.Bucket(rawValue: bucket) ?? .hour,
            since: since.flatMap { ReportTime.parse($0, now: now) }, until: until.flatMap { ReportTime.parse($0, now: now) },
            keywords: keywords, topCount: top)
        let (summary, failures) = ReportAggregator.summarize(try inputFiles(), options: options)
        for failure in failures { FileHandle.standardError.write(Data("\(failure.description)\n".utf8)) }
        let text = ReportFormat(rawValue: format)?.render(summary) ?? ""
        do {
            if let output, output != "-" {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("report: \(output ?? "stdout"): cannot write (\(error.localizedDescription))\n".utf8))
            throw ExitStatus.ioError
        }
        if !failures.isEmpty { throw ExitStatus.partialFailure }
    }

    /// `environment` plus a stand-in for every `${VAR}` the config names that is unset: a report
    /// only needs the output folder and never fetches, so it runs without the sources' URLs and
    /// secrets (cron jobs and the demo set them for `ingest`).
    static func placeholders(for path: String, _ environment: [String: String]) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return environment }
        var filled = environment
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = String(rest[..<close])
            if filled[name]?.isEmpty ?? true { filled[name] = "http://127.0.0.1" }
            rest = rest[close...]
        }
        return filled
    }

    /// The --input files, else every NDJSON file under the config's output folder.
    private func inputFiles() throws -> [String] {
        do {
            if !input.isEmpty { return try ReportInputs.files(matching: input) }
            let environment = ProcessInfo.processInfo.environment
            let path = ConfigLoader.resolvePath(option: config, environment: environment)
            let loaded: ChorusConfig
            do { loaded = try ConfigLoader.load(path: path, environment: Self.placeholders(for: path, environment)) } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitStatus.configError
            }
            let files = try ReportInputs.files(under: loaded.output.dir)
            guard !files.isEmpty else { throw ReportError("\(loaded.output.dir.path): no NDJSON files") }
            return files
        } catch let error as ReportError {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitStatus.dataError
        }
    }
}
