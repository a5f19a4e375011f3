/// Reads dates whose day, month and year are all numbers, when the order is not in doubt:
/// year first (`2020/1/10 14:33:00`, `2019.03.05 10:00`), or day and month around a
/// four-digit year where one of them is above 12 (`25/12/2020` is day first, `12/25/2020`
/// month first). `01/10/2020` could be either and stays unreadable (null). What follows the
/// date (a time, AM/PM, a zone) is read by ``LooseDateScanner``.
enum NumericDateScanner {
    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    static func scan(_ s: UnsafeBufferPointer<UInt8>) -> DateFields? {
        var i = 0
        func number() -> (value: Int, width: Int)? {
            let begin = i
            var v = 0
            while i < s.count, s[i] >= 48, s[i] <= 57, i - begin < 4 {
                v = v * 10 + Int(s[i] - 48)
                i += 1
            }
            return i > begin ? (v, i - begin) : nil
        }
        guard let a = number(), i < s.count else { return nil }
        let separator = s[i]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let b = number(), i < s.count, s[i] == separator else { return nil }
        i += 1
        guard let c = number() else { return nil }
        let (day, month, year): (Int, Int, Int)
        if a.width == 4, b.width <= 2, c.width <= 2 {
            (year, month, day) = (a.value, b.value, c.value)
        } else if c.width == 4, a.width <= 2, b.width <= 2 {
            if a.value > 12, b.value <= 12 {
                (day, month, year) = (a.value, b.value, c.value)
            } else if b.value > 12, a.value <= 12 {
                (month, day, year) = (a.value, b.value, c.value)
            } else if a.value == b.value {
                (day, month, year) = (a.value, b.value, c.value)
            } else {
                return nil
            }
        } else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= 31 else { return nil }
        // The same date in words, then the rest as it was, for the loose scanner.
        var rebuilt = Array("\(day) \(months[month - 1]) \(year)".utf8)
        if i < s.count {
            // A `T` between date and time is a separator here.
            if s[i] == UInt8(ascii: "T") { rebuilt.append(0x20); i += 1 }
            rebuilt.append(contentsOf: s[i...])
        }
        return rebuilt.withUnsafeBufferPointer { LooseDateScanner.scan($0) }
    }
}
