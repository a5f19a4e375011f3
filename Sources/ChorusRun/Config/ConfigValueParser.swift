import Foundation

/// Reads the scalar forms the configuration allows for durations (`90s`, `15m`, `1h`, `2d`,
/// or bare seconds) and sizes (`512KiB`, `20MiB`, `1GB`, or bare bytes).
enum ConfigValueParser {
    /// The longest duration the configuration accepts: 365 days. Anything longer is a typo, and
    /// larger values would overflow the integer milliseconds and seconds handed to libcurl and
    /// the connectors.
    static let maxDuration: Double = 365 * 86_400
    /// The longest `lookback` (how far back a first search goes): 100 years, i.e. "everything".
    static let maxLookback: Double = 36_500 * 86_400

    /// Seconds, or nil when `text` is not a duration (negative, not finite, or over `limit`).
    static func duration(_ text: String, limit: Double = maxDuration) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(number) else { return nil }
            return bounded(v * factor, limit)
        }
        return Double(t).flatMap { bounded($0, limit) }
    }

    private static func bounded(_ seconds: Double, _ limit: Double) -> Double? {
        seconds.isFinite && seconds >= 0 && seconds <= limit ? seconds : nil
    }

    /// Bytes, or nil when `text` is not a size.
    static func size(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [
            ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824),
            ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("b", 1),
        ]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(number), v > 0, v * factor < Double(Int.max) else { return nil }
            return Int(v * factor)
        }
        if let v = Int(t), v > 0 { return v }
        return nil
    }
}
