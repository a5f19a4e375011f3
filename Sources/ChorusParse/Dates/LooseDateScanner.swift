/// Reads RFC 822/1123/2822 dates and the broken variants feeds publish: optional weekday
/// (short or long), optional seconds, one- or two-digit day, short or long month names,
/// two-, three- or four-digit years, `-` or `/` separators (RFC 850), asctime order,
/// AM/PM, named zones, military letters, `+0800`/`+08:00`, a trailing `(UTC)` comment.
/// Missing zone means UTC. Anything it cannot place makes the whole date nil.
enum LooseDateScanner {
    /// Full month names accepted besides the three-letter forms (and `SEPT`).
    private static let fullMonths: Set<String> = [
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPT", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
    ]
    private static let fullWeekdays: Set<String> = ["TUES", "THUR", "THURS", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]

    /// The three upper-case letters packed into one integer, for allocation-free matching.
    @inline(__always) private static func pack(_ w: [UInt8]) -> UInt32 {
        UInt32(w[0]) << 16 | UInt32(w[1]) << 8 | UInt32(w[2])
    }

    private static func month3(_ packed: UInt32) -> Int? {
        switch packed {
        case 0x4A414E: return 1  // JAN
        case 0x464542: return 2  // FEB
        case 0x4D4152: return 3  // MAR
        case 0x415052: return 4  // APR
        case 0x4D4159: return 5  // MAY
        case 0x4A554E: return 6  // JUN
        case 0x4A554C: return 7  // JUL
        case 0x415547: return 8  // AUG
        case 0x534550: return 9  // SEP
        case 0x4F4354: return 10  // OCT
        case 0x4E4F56: return 11  // NOV
        case 0x444543: return 12  // DEC
        default: return nil
        }
    }

    private static func monthNumber(_ word: [UInt8]) -> Int? {
        guard word.count >= 3 else { return nil }
        if word.count == 3 { return month3(pack(word)) }
        guard fullMonths.contains(String(decoding: word, as: UTF8.self)) else { return nil }
        return month3(pack(word))
    }

    private static func isWeekday(_ word: [UInt8]) -> Bool {
        if word.count == 3 {
            switch pack(word) {
            case 0x4D4F4E, 0x545545, 0x574544, 0x544855, 0x465249, 0x534154, 0x53554E: return true
            default: return false
            }
        }
        return word.count > 3 && fullWeekdays.contains(String(decoding: word, as: UTF8.self))
    }

    /// `ST`, `ND`, `RD` or `TH` (upper-cased).
    @inline(__always) private static func isOrdinalSuffix(_ a: UInt8, _ b: UInt8) -> Bool {
        switch (a, b) {
        case (0x53, 0x54), (0x4E, 0x44), (0x52, 0x44), (0x54, 0x48): return true
        default: return false
        }
    }

    static func scan(_ s: UnsafeBufferPointer<UInt8>) -> DateFields? {
        var f = DateFields()
        var day: Int?, month: Int?, year: Int?, haveTime = false, haveZone = false
        var pm: Bool?
        var i = 0
        // One buffer for every word of the date (a weekday, a month, a zone): allocated once.
        var word: [UInt8] = []
        word.reserveCapacity(16)
        while i < s.count {
            let c = s[i]
            if ZoneTable.upper(c) != nil {
                word.removeAll(keepingCapacity: true)
                while i < s.count, let up = ZoneTable.upper(s[i]) { word.append(up); i += 1 }
                if i < s.count, s[i] == UInt8(ascii: ".") { i += 1 }
                if month == nil, let m = monthNumber(word) {
                    month = m
                } else if isWeekday(word) {
                    continue
                } else if word.count == 2, word[1] == UInt8(ascii: "M"), word[0] == UInt8(ascii: "A") || word[0] == UInt8(ascii: "P") {
                    pm = word[0] == UInt8(ascii: "P")
                } else if !haveZone, haveTime || day != nil, let minutes = ZoneTable.minutes(word) {
                    f.offset = minutes * 60
                    haveZone = true
                } else {
                    return nil
                }
            } else if c >= 48 && c <= 57 {
                let begin = i
                var value = 0
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    // No date field is longer than 4 digits: a longer run is not a date (and must not overflow).
                    guard i - begin < 4 else { return nil }
                    value = value * 10 + Int(s[i] - 48)
                    i += 1
                }
                let width = i - begin
                // An ordinal day: "March 5th, 2019".
                if width <= 2, i + 1 < s.count, let a = ZoneTable.upper(s[i]), let b = ZoneTable.upper(s[i + 1]),
                   i + 2 == s.count || ZoneTable.upper(s[i + 2]) == nil,
                   isOrdinalSuffix(a, b) {
                    i += 2
                }
                if i < s.count, s[i] == UInt8(ascii: ":"), !haveTime, width <= 2 {
                    i += 1
                    guard let minute = ISODateScanner.digits(s, &i, 2) else { return nil }
                    f.hour = value; f.minute = minute
                    if i < s.count, s[i] == UInt8(ascii: ":") {
                        i += 1
                        guard let second = ISODateScanner.digits(s, &i, 2) else { return nil }
                        f.second = second
                        if i < s.count, s[i] == UInt8(ascii: ".") {
                            i += 1
                            while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
                        }
                    }
                    haveTime = true
                } else if width == 4, year == nil {
                    year = value
                } else if width <= 2, day == nil {
                    day = value
                } else if width <= 3, year == nil {
                    year = width == 3 ? 1900 + value : (value < 50 ? 2000 + value : 1900 + value)
                } else {
                    return nil
                }
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                if haveTime, !haveZone, i + 1 < s.count, s[i + 1] >= 48, s[i + 1] <= 57 {
                    guard let offset = ZoneTable.offset(s, from: &i) else { return nil }
                    f.offset = offset
                    haveZone = true
                } else {
                    i += 1
                }
            } else if c == UInt8(ascii: "(") {
                while i < s.count, s[i] != UInt8(ascii: ")") { i += 1 }
                i += 1
            } else if c == 0x20 || c == UInt8(ascii: ",") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") || c == 0x09 {
                i += 1
            } else {
                return nil
            }
        }
        guard let day, let month, let year else { return nil }
        f.day = day; f.month = month; f.year = year
        if let pm {
            guard f.hour >= 1, f.hour <= 12 else { return nil }
            f.hour = f.hour % 12 + (pm ? 12 : 0)
        }
        return f
    }
}
