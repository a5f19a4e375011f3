public import Foundation
import ChorusModel

/// Parses the date forms feeds and APIs use: RFC 822/1123/2822 (with or without weekday and
/// seconds, named zones, military letters, numeric offsets, two-digit years), RFC 850,
/// asctime, and RFC 3339/ISO 8601 (with or without seconds, fractions, offset). Works on the
/// UTF-8 bytes with no formatter objects, so it is cheap and thread-safe.
public enum DateParser {
    /// The instant, or nil when the text is not a date Chorus understands. Never "now".
    public static func parse(_ text: String) -> Date? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    /// The instant for the UTF-8 bytes of a date, or nil.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard end - start >= 6 else { return nil }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if let fields = ISODateScanner.scan(text) ?? LooseDateScanner.scan(text) ?? NumericDateScanner.scan(text) {
            return fields.date
        }
        return nil
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }
}

/// Calendar fields read from a date string, turned into an instant by plain arithmetic.
struct DateFields {
    var year = 0, month = 0, day = 0
    var hour = 0, minute = 0, second = 0
    var nanos = 0
    /// Offset east of UTC, in seconds.
    var offset = 0

    /// The instant, or nil when a field is out of range.
    var date: Date? {
        guard (1...12).contains(month), day >= 1, day <= DateFields.daysIn(month: month, year: year),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              (1...9999).contains(year) else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        // Days from civil (proleptic Gregorian), after H. Hinnant's published algorithm.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let secs = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset)
        return RFC3339.date(epochSeconds: Double(secs) + Double(nanos) / 1e9)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
