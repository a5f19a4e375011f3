public import Foundation

/// Reads the `--since` / `--until` values: an RFC 3339 timestamp (any offset), a date
/// (`2018-05-13`, midnight UTC), or a span back from now (`90m`, `36h`, `7d`).
public enum ReportTime {
    /// Seconds since 1970, or nil when `text` is none of the three forms.
    public static func parse(_ text: String, now: Date) -> Int64? {
        var bytes = Array(text.utf8)
        if bytes.count == 10 { bytes += Array("T00:00:00Z".utf8) }
        if let seconds = bytes.withUnsafeBufferPointer({ TimestampReader.seconds($0) }) { return seconds }
        guard let unit = text.last, let amount = Int64(text.dropLast()), amount >= 0, amount <= 100_000 else { return nil }
        let scale: Int64
        switch unit {
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        default: return nil
        }
        return Int64(now.timeIntervalSince1970.rounded(.down)) - amount * scale
    }
}
