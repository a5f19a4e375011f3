/// Writes a finite `Double` with a fixed number of decimals into raw memory: the same bytes as
/// `JSONWriter.fixed` (the magnitude scaled by 10^places, rounded half away from zero, a minus
/// sign unless it rounds to zero), for writers that keep their own buffer (`chorus score`).
///
/// Why it exists: `chorus score` writes four of these numbers per text. Building the scale with
/// a loop and rounding through libm's `round` cost about 180 instructions per text (callgrind,
/// 20k tweets); a table of scales and a truncating conversion do the same in a few. The tests
/// compare it with `JSONWriter.fixed` over a sweep of values and every `places`.
public enum FixedDecimal {
    /// Most bytes `write` stores: a sign, 19 integer digits, the point and 9 decimals, or `null`.
    public static let maxBytes = 32

    /// Writes `value` with `places` (0…9) decimals at `out` (room for `maxBytes`), `null` when
    /// it is not finite; returns the number of bytes written. Like `JSONWriter.fixed`, it traps
    /// when the scaled magnitude does not fit an `Int64`.
    /// Always inlined: with `places` a constant at the call site the scale folds and its
    /// divisions become multiplications (not inlined, it cost ~140 instructions a number).
    @inlinable @inline(__always)
    public static func write(_ value: Double, places: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else {
            out[0] = UInt8(ascii: "n"); out[1] = UInt8(ascii: "u"); out[2] = UInt8(ascii: "l"); out[3] = UInt8(ascii: "l")
            return 4
        }
        precondition(places >= 0 && places <= 9, "FixedDecimal: places out of range")
        let scale = powerOfTen(places)
        let scaled = roundedHalfAway(abs(value) * Double(scale))
        var n = 0
        if value < 0 && scaled != 0 { out[0] = UInt8(ascii: "-"); n = 1 }
        var whole = scaled / scale
        if whole < 10 {
            // Compounds and shares lie in -1...1: one integer digit.
            out[n] = 48 + UInt8(truncatingIfNeeded: whole)
            n += 1
        } else {
            var digits = 0, w = whole
            while w > 0 { digits += 1; w /= 10 }
            var at = n + digits - 1
            while whole > 0 { out[at] = 48 + UInt8(truncatingIfNeeded: whole % 10); whole /= 10; at -= 1 }
            n += digits
        }
        guard places > 0 else { return n }
        out[n] = UInt8(ascii: ".")
        n += 1
        // Below 10^9, so 32-bit divisions.
        var frac = UInt32(truncatingIfNeeded: scaled % scale)
        var at = n + places
        repeat {
            at -= 1
            out[at] = 48 + UInt8(truncatingIfNeeded: frac % 10)
            frac /= 10
        } while at > n
        return n + places
    }

    /// `write` for a compound or share (−1…1) with `places` 3 or 4: the same bytes, its one
    /// integer digit, the point and the decimals stored with one 8-byte write, so `out` needs
    /// room for 9 bytes past it (a sign and 8). Anything else (not finite, beyond ±1, other
    /// places) is written by `write`.
    ///
    /// Why: in `chorus score` (the `chorus` target's line writer), the compiled code called
    /// `write` out of line despite its attributes, with `places` unknown to it, and its digit
    /// loops cost ~87 instructions a number, four a text (callgrind, 20k tweets: 7.0 M of
    /// 267.8 M); this one, also reached through a call there, costs ~77, and with the
    /// one-literal line end 262.8 -> 261.2 M in all. The tests hold it to `JSONWriter.fixed` as
    /// they hold `write`.
    @inlinable @inline(__always)
    public static func writeUnit(_ value: Double, places: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = abs(value)
        guard magnitude <= 1, places == 3 || places == 4 else { return writeOutOfLine(value, places: places, to: out) }
        let scale: Int64 = places == 3 ? 1_000 : 10_000
        let scaled = roundedHalfAway(magnitude * Double(scale))
        var n = 0
        if value < 0 && scaled != 0 { out[0] = UInt8(ascii: "-"); n = 1 }
        let whole: Int64 = scaled >= scale ? 1 : 0
        let frac = UInt64(scaled - whole * scale)
        var bytes = UInt64(48 + whole) | 0x2E << 8
        if places == 4 {
            let d0 = frac / 1_000, r0 = frac % 1_000, d1 = r0 / 100, r1 = r0 % 100
            bytes |= (48 + d0) << 16 | (48 + d1) << 24 | (48 + r1 / 10) << 32 | (48 + r1 % 10) << 40
        } else {
            let d0 = frac / 100, r0 = frac % 100
            bytes |= (48 + d0) << 16 | (48 + r0 / 10) << 24 | (48 + r0 % 10) << 32
        }
        UnsafeMutableRawPointer(out + n).storeBytes(of: bytes.littleEndian, as: UInt64.self)
        return n + 2 + places
    }

    /// `write`, called (not inlined) from `writeUnit` for what its fast path leaves: with
    /// `write`'s digit loops inlined into it, `writeUnit` grew too large for the compiler to
    /// inline into `chorus score`'s line writer, and was called with `places` unknown (~83
    /// instructions a number); without them it is inlined there and its `places` folds
    /// (callgrind figures in the commit that made this split).
    @usableFromInline @inline(never)
    static func writeOutOfLine(_ value: Double, places: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        write(value, places: places, to: out)
    }

    /// 10^p for p in 0…9.
    @inlinable @inline(__always)
    static func powerOfTen(_ p: Int) -> Int64 {
        switch p {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1_000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        default: 1_000_000_000
        }
    }

    /// `Int64(x.rounded())` for x ≥ 0 (half away from zero), without a call into libm: the
    /// truncation is exact, and so is `x - truncated` (for x below 2^52 both lie within one
    /// binade's precision of each other; above it x is a whole number and the difference is 0).
    @inlinable @inline(__always)
    static func roundedHalfAway(_ x: Double) -> Int64 {
        let t = Int64(x)
        return x - Double(t) >= 0.5 ? t + 1 : t
    }
}
