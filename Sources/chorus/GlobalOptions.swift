import ArgumentParser
import Logging

/// Options every command shares: logging goes to stderr, never stdout.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Flag(name: .shortAndLong, help: "More output on stderr (same as --log-level info).")
    var verbose = false

    @Option(name: .long, help: "Log lines: auto (journal when stderr is the systemd journal, else text), text, journal (<N> priority prefixes), json.")
    var logFormat: String = GlobalOptions.defaultFormat.rawValue

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if LoggingSetup.Format(rawValue: logFormat) == nil {
            throw ValidationError("--log-format must be one of: \(LoggingSetup.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The level without --log-level or --verbose: warning (quiet for cron).
    static let defaultLevel = Logger.Level.warning
    /// The line format without --log-format.
    static let defaultFormat = LoggingSetup.Format.auto

    /// The effective level: --log-level wins, then --verbose, else `defaultLevel`.
    var level: Logger.Level { logLevel.flatMap(Logger.Level.init(rawValue:)) ?? (verbose ? .info : Self.defaultLevel) }

    /// The chosen line format.
    var format: LoggingSetup.Format { LoggingSetup.Format(rawValue: logFormat) ?? .auto }

    /// Bootstraps swift-log once for the process.
    func bootstrap() {
        LoggingSetup.bootstrap(level: level, format: format)
    }
}
