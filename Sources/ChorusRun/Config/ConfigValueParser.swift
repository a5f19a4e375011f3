import Foundation

/// Reads the scalar forms the configuration allows for durations (`90s`, `15m`, `1h`, `2d`,
/// or bare seconds) and sizes (`512KiB`, `20MiB`, `1GB`, or bare bytes).
enum ConfigValueParser {
    /// Seconds, or nil when `text` is not a duration.
    static func duration(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let v = Double(number), v >= 0, v.isFinite { return v * factor }
            return nil
        }
        if let v = Double(t), v >= 0, v.isFinite { return v }
        return nil
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
