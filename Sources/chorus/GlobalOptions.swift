import ArgumentParser
import Logging

/// Options every command shares: logging goes to stderr, never stdout.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Flag(name: .shortAndLong, help: "More output on stderr (same as --log-level info).")
    var verbose = false

    @Option(name: .long, help: "Log lines: auto (journal when stderr is the systemd journal, else text), text, journal (<N> priority prefixes), json.")
    var logFormat: String = "auto"

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if LoggingSetup.Format(rawValue: logFormat) == nil {
            throw ValidationError("--log-format must be one of: \(LoggingSetup.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The effective level: --log-level wins, then --verbose, else warning (quiet for cron).
    var level: Logger.Level { logLevel.flatMap(Logger.Level.init(rawValue:)) ?? (verbose ? .info : .warning) }

    /// The chosen line format.
    var format: LoggingSetup.Format { LoggingSetup.Format(rawValue: logFormat) ?? .auto }

    /// Bootstraps swift-log once for the process.
    func bootstrap() {
        LoggingSetup.bootstrap(level: level, format: format)
    }
}
