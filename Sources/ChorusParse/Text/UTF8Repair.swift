/// Makes byte strings valid UTF-8 the way feeds with a wrong declared encoding need: valid
/// sequences are kept, and every byte that is not part of one is read as Windows-1252 (the
/// usual real encoding of a feed that claims UTF-8 and is not), so "Soci\u{E9}t\u{E9}" survives
/// instead of becoming U+FFFD.
enum UTF8Repair {
    /// Windows-1252 code points for bytes 0x80...0x9F (undefined ones map to U+FFFD).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// Repairs `bytes` in place when they are not valid UTF-8; returns whether anything changed.
    @discardableResult
    static func repair(_ bytes: inout [UInt8]) -> Bool {
        guard let firstBad = firstInvalid(bytes) else { return false }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        out.append(contentsOf: bytes[0..<firstBad])
        var i = firstBad
        while i < bytes.count {
            let n = sequenceLength(bytes, i)
            if n > 0 {
                out.append(contentsOf: bytes[i..<(i + n)])
                i += n
            } else {
                let b = bytes[i]
                let scalar = b >= 0x80 && b <= 0x9F ? cp1252High[Int(b - 0x80)] : UInt32(b)
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                i += 1
            }
        }
        bytes = out
        return true
    }

    /// Index of the first byte that does not start a valid sequence, or nil when all is valid.
    static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let count = bytes.count
        while i < count {
            if bytes[i] < 0x80 { i += 1; continue }
            let n = sequenceLength(bytes, i)
            if n == 0 { return i }
            i += n
        }
        return nil
    }

    /// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid.
    @inline(__always) static func sequenceLength(_ b: [UInt8], _ i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { i + k < b.count && b[i + k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1) && b[i + 1] >= 0xA0 && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1) && b[i + 1] < 0xA0 && cont(2) ? 3 : 0
        case 0xF0: return cont(1) && b[i + 1] >= 0x90 && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1) && b[i + 1] < 0x90 && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
