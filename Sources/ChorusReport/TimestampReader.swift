import ChorusModel

/// Reads RFC 3339 timestamps (`2018-05-14T09:30:00Z`, `2018-05-14T17:30:00.250+08:00`) into
/// whole seconds since 1970 UTC, fractions truncated toward the past. Chorus writes only the
/// `Z` form, but NDJSON from other tools (or edited by hand) carries offsets; an unreadable
/// timestamp reads as nil, never as "now".
enum TimestampReader {
    /// Seconds since 1970 for the timestamp in `raw`, or nil when it is not RFC 3339.
    static func seconds(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard raw.count >= 20 else { return nil }
        func digits(_ at: Int, _ n: Int) -> Int64? {
            var v: Int64 = 0
            for k in at..<(at + n) {
                let b = raw[k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int64(b - 0x30)
            }
            return v
        }
        guard let year = digits(0, 4), raw[4] == 0x2D, let month = digits(5, 2), raw[7] == 0x2D, let day = digits(8, 2),
              raw[10] == UInt8(ascii: "T") || raw[10] == UInt8(ascii: "t") || raw[10] == 0x20,
              let hour = digits(11, 2), raw[13] == 0x3A, let minute = digits(14, 2), raw[16] == 0x3A, let second = digits(17, 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second <= 60
        else { return nil }
        var i = 19
        if raw[i] == UInt8(ascii: ".") {
            // Whole seconds: a fraction never moves an instant into another second, so its
            // digits are only checked.
            i += 1
            let first = i
            while i < raw.count, raw[i] >= 0x30, raw[i] <= 0x39 { i += 1 }
            guard i > first else { return nil }
        }
        guard i < raw.count else { return nil }
        var offset: Int64 = 0
        switch raw[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = raw[i] == UInt8(ascii: "+") ? 1 : -1
            // ±HH:MM, or ±HHMM as some tools write it.
            if i + 6 <= raw.count, raw[i + 3] == 0x3A, let h = digits(i + 1, 2), let m = digits(i + 4, 2), h < 24, m < 60 {
                offset = sign * (h * 3600 + m * 60)
                i += 6
            } else if i + 5 <= raw.count, let h = digits(i + 1, 2), let m = digits(i + 3, 2), h < 24, m < 60 {
                offset = sign * (h * 3600 + m * 60)
                i += 5
            } else {
                return nil
            }
        default:
            return nil
        }
        guard i == raw.count else { return nil }
        let local = RFC3339.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + min(second, 59)
        return local - offset
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
