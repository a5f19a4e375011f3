import ArgumentParser
import ChorusSentiment
import Foundation

/// `chorus score`: scores texts given as arguments, or one per line on stdin, and prints one
/// NDJSON object per input, in order: `{"text": ..., "sentiment": {...}}`.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the sentiment of texts (arguments, or one per line on stdin) as NDJSON.",
        discussion: """
            Each input gives one line {"text": ..., "sentiment": {label, compound, pos, neu, neg, tags, rules}},
            the same sentiment object as in items. --explain prints a readable breakdown instead.
            The shipped lexicons are found through $CHORUS_SHARE, beside the binary, or the repository's
            Config/sentiment (see docs/sentiment.md). Exit 78 when a lexicon or rule file is bad.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Texts to score. Without any, one text per line is read from stdin.")
    var texts: [String] = []

    @Flag(help: "Print every contribution in readable form (not NDJSON).")
    var explain = false

    @Option(name: .customLong("lexicon"), help: ArgumentHelp("An extra lexicon file (token<TAB>valence); repeatable.", valueName: "file"))
    var lexicons: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp("An extra rule file (YAML); repeatable.", valueName: "file"))
    var rules: [String] = []

    @Option(help: "The texts' declared language (e.g. en, zh); default: detected from the script.")
    var lang: String?

    func run() throws {
        global.bootstrap()
        try Self.score(texts: texts, explain: explain, lexicons: lexicons, rules: rules, lang: lang)
    }

    /// Whether `arguments` (after the program name) are `score` alone, every option at its
    /// default: `Chorus.main` then runs `runWithDefaults` instead of ArgumentParser.
    static func isBare(_ arguments: [String]) -> Bool {
        arguments == ["score"]
    }

    /// `chorus score` with no arguments, run without ArgumentParser: what pipelines and
    /// `scripts/bench.d/sentiment` start once per batch of texts. Parsing that one word costs
    /// ArgumentParser ~15 M instructions (reflection over the command tree and the
    /// completion-script check; a fifth of start-up, callgrind, figures in the commit that
    /// added this); the defaults here are those `run()` gets (`GlobalOptions.defaultLevel`,
    /// `.defaultFormat`; ScoreCommandTests compare the two paths).
    static func runWithDefaults() throws {
        LoggingSetup.bootstrap(level: GlobalOptions.defaultLevel, format: GlobalOptions.defaultFormat)
        try score(texts: [], explain: false, lexicons: [], rules: [], lang: nil)
    }

    /// Scores `texts`, or stdin's lines when there are none (logging bootstrapped).
    private static func score(texts: [String], explain: Bool, lexicons: [String], rules: [String], lang: String?) throws {
        let analyzer: SentimentAnalyzer
        do {
            analyzer = try SentimentAnalyzer(configuration: SentimentConfiguration(
                lexiconFiles: lexicons.map { URL(fileURLWithPath: $0) },
                ruleFiles: rules.map { URL(fileURLWithPath: $0) }))
        } catch {
            FileHandle.standardError.write(Data("chorus score: \(error)\n".utf8))
            throw ExitStatus.configError
        }
        // The analyzer's tables are left to the process's exit to free: releasing them one by
        // one (thousands of rule strings and arrays) when the printer's session goes was ~9 M
        // instructions, 3% of a whole run over 20k tweets (callgrind), for memory the exit
        // returns anyway.
        _ = Unmanaged.passRetained(AnalyzerKeptToExit(analyzer))
        // The options are read once here: ArgumentParser's property wrappers are slow to read per line.
        var printer = ScorePrinter(analyzer, lang: lang, explain: explain)
        if texts.isEmpty {
            LineReader.forEachLineBytes(fd: 0) { printer.line($0) }
        } else {
            for text in texts { printer.text(text) }
        }
        printer.finish()
    }
}

/// Holds a `SentimentAnalyzer` that is never released (see the end of `ScoreCommand.run`).
private final class AnalyzerKeptToExit: Sendable {
    let analyzer: SentimentAnalyzer
    init(_ analyzer: SentimentAnalyzer) { self.analyzer = analyzer }
}
