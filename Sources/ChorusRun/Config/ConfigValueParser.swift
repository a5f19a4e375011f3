import Foundation

/// Reads the scalar forms the configuration allows for durations (`90s`, `15m`, `1h30m`, `2d`,
/// or bare seconds) and sizes (`512KiB`, `20MiB`, `1GB`, or bare bytes).
enum ConfigValueParser {
    /// The longest duration the configuration accepts: 365 days. Anything longer is a typo, and
    /// larger values would overflow the integer milliseconds and seconds handed to libcurl and
    /// the connectors.
    static let maxDuration: Double = 365 * 86_400
    /// The longest `lookback` (how far back a first search goes): 100 years, i.e. "everything".
    static let maxLookback: Double = 36_500 * 86_400

    /// Seconds, or nil when `text` is not a duration (negative, not finite, or over `limit`).
    /// A duration is bare seconds or one or more number-unit parts: `90s`, `1h30m`, `1d 12h`.
    static func duration(_ text: String, limit: Double = maxDuration) -> Double? {
        let t = trimmingBlanks(text).lowercased()
        if let bare = Double(t) { return bounded(bare, limit) }
        let units: [Substring: Double] = ["ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86_400]
        var rest = Substring(t)
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count).drop { $0 == " " }
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            guard let factor = units[unit] else { return nil }
            total += value * factor
            rest = rest.dropFirst(unit.count).drop { $0 == " " }
        }
        return bounded(total, limit)
    }

    /// `s` without leading and trailing blanks: spaces (Unicode category Zs), tabs and the zero
    /// width space, the set Foundation calls `.whitespaces`; line breaks stay. Written out because Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString: with `url`'s parse it was a fifth of
    /// reading a 1,000-source configuration, which every cron run does (`chorus check`: 7.7% of
    /// its CPU time).
    static func trimmingBlanks(_ s: String) -> Substring {
        func isBlank(_ c: Unicode.Scalar) -> Bool { c == "\t" || c == "\u{200B}" || c.properties.generalCategory == .spaceSeparator }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isBlank($0) })!
        return Substring(scalars[first...last])
    }

    private static func bounded(_ seconds: Double, _ limit: Double) -> Double? {
        seconds.isFinite && seconds >= 0 && seconds <= limit ? seconds : nil
    }

    /// Bytes, or nil when `text` is not a size.
    static func size(_ text: String) -> Int? {
        let t = trimmingBlanks(text).lowercased()
        let units: [(String, Double)] = [
            ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824),
            ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("b", 1),
        ]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            let number = trimmingBlanks(String(t.dropLast(suffix.count)))
            guard let v = Double(number), v > 0, v * factor < Double(Int.max) else { return nil }
            return Int(v * factor)
        }
        if let v = Int(t), v > 0 { return v }
        return nil
    }
}
