import Foundation
import ChorusModel
import Logging
import ChorusOutput

/// A swift-log handler writing one line per message to stderr, in the format the reader of
/// stderr wants: `journal` prefixes each line with its syslog priority (`<3>` error, `<4>`
/// warning, …), which journald turns into the entry's priority and strips (no timestamp:
/// journald adds its own); `json` writes one object per line (`time`, `level`, `label`,
/// `message`, `metadata`). Text output is swift-log's own ``StreamLogHandler``.
struct StderrLogHandler: LogHandler {
    /// The line formats of ``LoggingSetup``.
    enum Format: String, CaseIterable, Sendable {
        case journal, json
    }

    let label: String
    let format: Format
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let message = "\(event.message)"
        let line: String
        switch format {
        case .journal:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "<\(Self.priority(event.level))>\(label): " + (fields.isEmpty ? "" : fields + " ") + message.replacingOccurrences(of: "\n", with: " ")
        case .json:
            line = Self.jsonLine(level: event.level, label: label, message: message, metadata: merged)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// One JSON log object: `time`, `level`, `label`, `message`, `metadata`.
    static func jsonLine(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var w = JSONWriter(capacity: 256)
        w.raw("{")
        w.key("time", first: true); w.date(Date())
        w.key("level"); w.string(level.rawValue)
        w.key("label"); w.string(label)
        w.key("message"); w.string(message)
        w.key("metadata"); w.raw("{")
        for (i, (key, value)) in metadata.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { w.raw(",") }
            w.string(key); w.raw(":"); w.string("\(value)")
        }
        w.raw("}}")
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// The syslog priority of a swift-log level.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// True when stderr is the journal: systemd sets `$JOURNAL_STREAM` to `device:inode` of the
    /// stream it connected, which a redirected stderr no longer matches.
    static func stderrIsJournal(_ environment: [String: String] = EnvironmentVariables.named("JOURNAL_STREAM")) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return value == "\(info.st_dev):\(info.st_ino)"
    }
}
