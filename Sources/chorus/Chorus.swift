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
    /// first taken out of argv (see ``ParseCommandOperands``).
    static func main() async {
        await main(ParseCommandOperands.split(Array(CommandLine.arguments.dropFirst())))
    }
}
