public import Foundation

/// Formats instants as RFC 3339 UTC with whole seconds (`2018-05-14T09:30:00Z`), the one
/// timestamp form in Chorus output. Pure arithmetic: no formatter objects, no locale.
public enum RFC3339 {
    /// Seconds since 1970 of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants the
    /// four-digit-year form can write. Parsers and decoders drop anything outside as unreadable.
    public static let supportedSeconds: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    /// The instant `seconds` after 1970, or nil when it is not finite or outside
    /// ``supportedSeconds`` (a hostile `created_utc: 1e300` is unreadable, not a crash).
    public static func date(epochSeconds seconds: Double) -> Date? {
        guard seconds.isFinite, supportedSeconds.contains(seconds) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// `date` itself when it can be written, else nil.
    public static func supported(_ date: Date) -> Date? {
        self.date(epochSeconds: date.timeIntervalSince1970)
    }

    /// `2018-05-14T09:30:00Z` for the instant, fractions truncated toward the past; instants
    /// outside ``supportedSeconds`` are clamped to its ends.
    public static func format(_ date: Date) -> String {
        String(decoding: bytes(date), as: UTF8.self)
    }

    /// The same text as ``format(_:)`` as UTF-8 bytes, for encoders that write bytes.
    public static func bytes(_ date: Date) -> [UInt8] {
        let raw = date.timeIntervalSince1970
        let clamped = raw.isNaN ? 0 : min(max(raw, supportedSeconds.lowerBound), supportedSeconds.upperBound)
        let seconds = Int64(clamped.rounded(.down))
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secOfDay = seconds - days * 86_400
        // Civil-from-days (proleptic Gregorian), after H. Hinnant's published algorithm.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)

        var out: [UInt8] = []
        out.reserveCapacity(20)
        func put(_ value: Int64, _ width: Int) {
            var digits = [UInt8](repeating: 48, count: width)
            var v = value
            for i in stride(from: width - 1, through: 0, by: -1) {
                digits[i] = 48 + UInt8(v % 10)
                v /= 10
            }
            out.append(contentsOf: digits)
        }
        put(max(0, min(9999, year)), 4); out.append(45)
        put(month, 2); out.append(45)
        put(day, 2); out.append(84)
        put(secOfDay / 3600, 2); out.append(58)
        put(secOfDay / 60 % 60, 2); out.append(58)
        put(secOfDay % 60, 2); out.append(90)
        return out
    }
}
