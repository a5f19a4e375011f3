/// Reads RFC 822/1123/2822 dates and the broken variants feeds publish: optional weekday
/// (short or long), optional seconds, one- or two-digit day, short or long month names,
/// two-, three- or four-digit years, `-` or `/` separators (RFC 850), asctime order,
/// AM/PM, named zones, military letters, `+0800`/`+08:00`, a trailing `(UTC)` comment.
/// Missing zone means UTC. Anything it cannot place makes the whole date nil.
enum LooseDateScanner {
    private static let months: [String: Int] = [
        "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
        "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
    ]
    private static let fullMonths: Set<String> = [
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPT", "SEPTEMBER",
        "OCTOBER", "NOVEMBER", "DECEMBER",
    ]
    private static let weekdays: Set<String> = ["MON", "TUE", "TUES", "WED", "THU", "THUR", "THURS", "FRI", "SAT", "SUN",
        "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]

    static func scan(_ s: UnsafeBufferPointer<UInt8>) -> DateFields? {
        var f = DateFields()
        var day: Int?, month: Int?, year: Int?, haveTime = false, haveZone = false
        var pm: Bool?
        var i = 0
        while i < s.count {
            let c = s[i]
            if ZoneTable.upper(c) != nil {
                var word: [UInt8] = []
                while i < s.count, let up = ZoneTable.upper(s[i]) { word.append(up); i += 1 }
                if i < s.count, s[i] == UInt8(ascii: ".") { i += 1 }
                let text = String(decoding: word, as: UTF8.self)
                if month == nil, let m = monthNumber(text) {
                    month = m
                } else if weekdays.contains(text) {
                    continue
                } else if text == "AM" || text == "PM" {
                    pm = text == "PM"
                } else if !haveZone, haveTime || day != nil, let minutes = ZoneTable.minutes(word) {
                    f.offset = minutes * 60
                    haveZone = true
                } else {
                    return nil
                }
            } else if c >= 48 && c <= 57 {
                let begin = i
                var value = 0
                while i < s.count, s[i] >= 48, s[i] <= 57 { value = value * 10 + Int(s[i] - 48); i += 1 }
                let width = i - begin
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

    private static func monthNumber(_ word: String) -> Int? {
        if word.count == 3 { return months[word] }
        guard fullMonths.contains(word) else { return nil }
        return months[String(word.prefix(3))]
    }
}
