/// Time zone designators in dates: `Z`, `+08:00`, `+0800`, `+08`, and the names RFC 822 and
/// real feeds use (GMT, UT, UTC, the US zones, a few common others, military letters).
enum ZoneTable {
    /// Offsets east of UTC in minutes, by upper-case name.
    static let named: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "WET": 0, "BST": 60, "CET": 60, "CEST": 120, "MET": 60, "MEST": 120,
        "EET": 120, "EEST": 180, "MSK": 180, "IST": 330, "CST": -360, "CDT": -300, "EST": -300, "EDT": -240,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
        "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
        "WEST": 60, "MSD": 240, "AST": -240, "ADT": -180, "NST": -210, "NDT": -150, "ART": -180, "BRT": -180,
        "CAT": 120, "EAT": 180, "WAT": 60, "SAST": 120, "PKT": 300, "ICT": 420, "WIB": 420, "PHT": 480,
        "AWST": 480, "ACST": 570, "ACDT": 630, "HAST": -600, "HADT": -540, "PST8PDT": -480,
    ]

    /// Reads a zone at `i` (numeric or named) and returns its offset in seconds east of UTC.
    static func offset(_ s: UnsafeBufferPointer<UInt8>, from i: inout Int) -> Int? {
        guard i < s.count else { return nil }
        let c = s[i]
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            var j = i + 1
            guard let hh = ISODateScanner.digits(s, &j, 2) else { return nil }
            var mm = 0
            if j < s.count, s[j] == UInt8(ascii: ":") { j += 1 }
            if let m = ISODateScanner.digits(s, &j, 2) { mm = m }
            guard hh <= 23, mm <= 59 else { return nil }
            i = j
            let total = (hh * 60 + mm) * 60
            return c == UInt8(ascii: "-") ? -total : total
        }
        var j = i
        var name: [UInt8] = []
        while j < s.count, let up = upper(s[j]) { name.append(up); j += 1 }
        guard !name.isEmpty, let minutes = minutes(name) else { return nil }
        i = j
        return minutes * 60
    }

    /// Minutes east of UTC for an upper-case zone name or military letter.
    static func minutes(_ name: [UInt8]) -> Int? {
        if name.count == 1 {
            // Military zones: A..I, K..M are UTC+1..+12, N..Y are UTC-1..-12, Z is UTC.
            let c = Int(name[0])
            switch c {
            case 65...73: return (c - 64) * 60
            case 75...77: return (c - 65) * 60
            case 78...89: return -(c - 77) * 60
            case 90: return 0
            default: return nil
            }
        }
        // The zones nearly every feed writes, without hashing a String.
        if name.count == 3, name[0] == 0x47 && name[1] == 0x4D && name[2] == 0x54 || name[0] == 0x55 && name[1] == 0x54 && name[2] == 0x43 {
            return 0  // GMT, UTC
        }
        return named[String(decoding: name, as: UTF8.self)]
    }

    @inline(__always) static func upper(_ c: UInt8) -> UInt8? {
        if c >= 65 && c <= 90 { return c }
        if c >= 97 && c <= 122 { return c - 32 }
        return nil
    }
}
