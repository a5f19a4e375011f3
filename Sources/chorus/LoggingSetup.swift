import Logging
import Synchronization

/// Bootstraps swift-log exactly once: stderr, the chosen level and line format.
enum LoggingSetup {
    private static let done = Mutex(false)

    /// `--log-format`: `auto` is `journal` when stderr is connected to the journal, else `text`.
    enum Format: String, CaseIterable, Sendable {
        case auto, text, journal, json
    }

    static func bootstrap(level: Logger.Level, format: Format = .auto) {
        let first = done.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        guard first else { return }
        let resolved = format == .auto ? (StderrLogHandler.stderrIsJournal() ? .journal : .text) : format
        LoggingSystem.bootstrap { label in
            switch resolved {
            case .journal: return StderrLogHandler(label: label, format: .journal, logLevel: level)
            case .json: return StderrLogHandler(label: label, format: .json, logLevel: level)
            case .auto, .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
