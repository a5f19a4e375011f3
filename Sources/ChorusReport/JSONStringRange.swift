/// Where a JSON string's raw bytes (between the quotes) sit in a line, and whether they hold
/// escapes; ``decode(in:)`` turns them into a `String` only for the items a report keeps.
struct JSONStringRange: Equatable {
    var start: Int
    var end: Int
    /// The raw bytes hold at least one backslash escape.
    var escaped: Bool

    var count: Int { end - start }

    /// The range cut to at most `limit` raw bytes, never inside an escape (`\uD83D\uDE00`, the
    /// longest, is 12 bytes): a backslash among the last 12 bytes moves the cut before it. A cut
    /// inside a UTF-8 sequence decodes to U+FFFD at the very end, which excerpts cut off anyway.
    func prefix(_ limit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> JSONStringRange {
        guard count > limit else { return self }
        var cut = self
        cut.end = start + limit
        for k in max(start, cut.end - 12)..<cut.end where bytes[k] == 0x5C {
            cut.end = k
            break
        }
        return cut
    }

    /// The decoded string (invalid UTF-8 and lone surrogates become U+FFFD).
    func decode(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            guard b == 0x5C, i + 1 < raw.count else {
                out.append(b)
                i += 1
                continue
            }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard let unit = Self.hex4(raw, at: i) else { out.append(contentsOf: Self.replacement); continue }
                i += 4
                var scalar = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit), i + 6 <= raw.count, raw[i] == 0x5C, raw[i + 1] == UInt8(ascii: "u"),
                   let low = Self.hex4(raw, at: i + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    i += 6
                }
                if let s = Unicode.Scalar(scalar) {
                    out.append(contentsOf: Array(String(Character(s)).utf8))
                } else {
                    out.append(contentsOf: Self.replacement)
                }
            default: out.append(e) // \" \\ \/ and anything unknown: the character itself
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// U+FFFD in UTF-8.
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Four hex digits at `at` as a UTF-16 unit.
    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, at: Int) -> UInt16? {
        guard at + 4 <= raw.count else { return nil }
        var v: UInt16 = 0
        for k in 0..<4 {
            guard let d = hexDigit(raw[at + k]) else { return nil }
            v = v << 4 | UInt16(d)
        }
        return v
    }

    /// The value of one hex digit.
    static func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x61...0x66: b - 0x61 + 10
        case 0x41...0x46: b - 0x41 + 10
        default: nil
        }
    }
}
