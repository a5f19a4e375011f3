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

    /// Days since 1970-01-01 of a proleptic Gregorian date (days-from-civil, after H. Hinnant's
    /// published algorithm): the inverse of the date part of ``write(_:to:)``, for readers.
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `2018-05-14T09:30:00Z` for the instant, fractions truncated toward the past; instants
    /// outside ``supportedSeconds`` are clamped to its ends.
    public static func format(_ date: Date) -> String {
        String(decoding: bytes(date), as: UTF8.self)
    }

    /// The same text as ``format(_:)`` as UTF-8 bytes, for encoders that write bytes.
    public static func bytes(_ date: Date) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        out.withUnsafeMutableBufferPointer { write(date, to: $0) }
        return out
    }

    /// Writes the 20 bytes of ``format(_:)`` for `date` into `out[0..<20]` (the encoders call
    /// this straight into their buffers).
    @inlinable
    public static func write(_ date: Date, to out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= 20, "RFC3339.write needs 20 bytes")
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
        let year = max(0, min(9999, yoe + era * 400 + (month <= 2 ? 1 : 0)))
        func two(_ v: Int64, _ at: Int) {
            out[at] = 48 + UInt8(v / 10)
            out[at + 1] = 48 + UInt8(v % 10)
        }
        two(year / 100, 0); two(year % 100, 2); out[4] = 45
        two(month, 5); out[7] = 45
        two(day, 8); out[10] = 84
        two(secOfDay / 3600, 11); out[13] = 58
        two(secOfDay / 60 % 60, 14); out[16] = 58
        two(secOfDay % 60, 17); out[19] = 90
    }
}
