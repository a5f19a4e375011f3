import Foundation
import Logging
import Synchronization

/// Bootstraps swift-log exactly once: stderr, the chosen level and line format.
enum LoggingSetup {
    private static let done = Mutex(false)
    /// The format chosen at bootstrap (text until then).
    private static let chosen = Mutex(Format.text)

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
        chosen.withLock { $0 = resolved }
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

    /// Writes a line a command prints for the operator (not a log event) on stderr, in the log
    /// format: with its syslog priority for the journal, as an object for JSON, else as it is.
    static func report(_ line: String, level: Logger.Level = .warning) {
        let text: String
        switch chosen.withLock({ $0 }) {
        case .journal: text = "<\(StderrLogHandler.priority(level))>" + line
        case .json: text = StderrLogHandler.jsonLine(level: level, label: "chorus", message: line, metadata: [:])
        case .auto, .text: text = line
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
