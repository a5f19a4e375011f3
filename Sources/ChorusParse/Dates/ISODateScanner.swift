/// Reads RFC 3339 / ISO 8601 timestamps: `2018-05-14`, `2018-05-14T09:30Z`,
/// `2018-05-14T09:30:00.123+08:00`, `2018-05-14 09:30:00 +0800`, `20180514T093000Z`.
/// A missing zone means UTC (what feeds that omit it almost always mean).
enum ISODateScanner {
    static func scan(_ s: UnsafeBufferPointer<UInt8>) -> DateFields? {
        var i = 0
        var f = DateFields()
        guard let year = digits(s, &i, 4) else { return nil }
        f.year = year
        let dashed = i < s.count && s[i] == UInt8(ascii: "-")
        if dashed { i += 1 }
        guard let month = digits(s, &i, 2) else { return nil }
        if dashed { guard i < s.count, s[i] == UInt8(ascii: "-") else { return nil }; i += 1 }
        guard let day = digits(s, &i, 2) else { return nil }
        f.month = month; f.day = day
        if i == s.count { return f }
        guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == 0x20 else { return nil }
        i += 1
        while i < s.count, s[i] == 0x20 { i += 1 }
        guard let hour = digits(s, &i, 2) else { return nil }
        let colon = i < s.count && s[i] == UInt8(ascii: ":")
        if colon { i += 1 }
        guard let minute = digits(s, &i, 2) else { return nil }
        f.hour = hour; f.minute = minute
        if i < s.count, !colon || s[i] == UInt8(ascii: ":") {
            let save = i
            if colon { i += 1 }
            if let second = digits(s, &i, 2) { f.second = second } else { i = save }
        }
        if i < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
            i += 1
            var scale = 100_000_000
            let begin = i
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                f.nanos += Int(s[i] - 48) * scale
                scale /= 10
                i += 1
            }
            if i == begin { return nil }
        }
        while i < s.count, s[i] == 0x20 { i += 1 }
        if i == s.count { return f }
        guard let offset = ZoneTable.offset(s, from: &i), i == s.count else { return nil }
        f.offset = offset
        return f
    }

    /// Exactly `n` ASCII digits at `i`.
    @inline(__always) static func digits(_ s: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ n: Int) -> Int? {
        guard i + n <= s.count else { return nil }
        var v = 0
        for k in i..<(i + n) {
            let c = s[k]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        i += n
        return v
    }
}
