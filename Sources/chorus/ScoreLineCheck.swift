/// What `chorus score` needs to know of an input line before scoring it from the read
/// buffer, found in one pass over its bytes, eight at a time where they are ASCII.
enum ScoreLineCheck {
    /// Not well-formed UTF-8: scored as a `String`, with U+FFFD for the bad bytes.
    case invalid
    /// Well-formed UTF-8 with nothing to escape in JSON: copied as it is.
    case plain
    /// Well-formed UTF-8 holding a control character, `"` or `\`.
    case needsEscape

    /// Checks `p`: well-formed means no overlong forms, surrogates or values past U+10FFFF,
    /// that is, `String(decoding:as:)` would keep every byte.
    static func of(_ p: UnsafeBufferPointer<UInt8>) -> ScoreLineCheck {
        guard let base = p.baseAddress else { return .plain }
        let n = p.count
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & high != 0 }
        // Any byte < 0x20, == '"' or == '\\' (exact for bytes below 0x80).
        @inline(__always) func special(_ x: UInt64) -> Bool {
            (x &- 0x20 &* ones) & ~x & high != 0 || hasZeroByte(x ^ (0x22 &* ones)) || hasZeroByte(x ^ (0x5C &* ones))
        }
        var escape = false
        var i = 0
        while i < n {
            if i + 8 <= n {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if x & high == 0 {
                    if !escape { escape = special(x) }
                    i += 8
                    continue
                }
            } else if n >= 8 {
                // The last 1-7 bytes: the line's last eight bytes as one word when they are all
                // ASCII (those before `i` were checked already, and checking them again changes
                // nothing), instead of byte by byte.
                let x = UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self)
                if x & high == 0 {
                    if !escape { escape = special(x) }
                    break
                }
            }
            let b = p[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x22 || b == 0x5C { escape = true }
                i += 1
            } else if b >= 0xC2 && b <= 0xDF {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return .invalid }
                i += 2
            } else if b >= 0xE0 && b <= 0xEF {
                guard i + 2 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return .invalid }
                if b == 0xE0 && p[i + 1] < 0xA0 { return .invalid }  // overlong
                if b == 0xED && p[i + 1] > 0x9F { return .invalid }  // surrogate
                i += 3
            } else if b >= 0xF0 && b <= 0xF4 {
                guard i + 3 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return .invalid }
                if b == 0xF0 && p[i + 1] < 0x90 { return .invalid }  // overlong
                if b == 0xF4 && p[i + 1] > 0x8F { return .invalid }  // past U+10FFFF
                i += 4
            } else {
                return .invalid
            }
        }
        return escape ? .needsEscape : .plain
    }
}
