import ArgumentParser
import ChorusModel

/// `chorus`: ingest reactions and news items as NDJSON.
@main
struct Chorus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Ingest social reactions and news items, tagged with sentiment, as NDJSON.",
        discussion: """
            Data goes to stdout (or the output directory); logs go to stderr.
            Exit codes: see `chorus help` of each command and the README.
            """,
        version: ChorusVersion.string,
        subcommands: [IngestCommand.self, CheckCommand.self, StatusCommand.self, StateCommand.self, ParseCommand.self, FetchCommand.self, ScoreCommand.self, ReportCommand.self]
    )

    /// Parses the command line and runs the command; long `chorus parse FILE...` lists are
    /// first taken out of argv (see ``ParseCommandOperands``), and a bare `chorus score` runs
    /// without parsing (see ``ScoreCommand/runWithDefaults()``).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if ScoreCommand.isBare(arguments) {
            do { try ScoreCommand.runWithDefaults() } catch { exit(withError: error) }
            return
        }
        await main(ParseCommandOperands.split(arguments))
    }
}
