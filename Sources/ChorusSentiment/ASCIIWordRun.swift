/// A run of ASCII letters and digits as the scanner reads it when `TextScanner.shortASCIIWord`
/// does not apply (the run is 8 bytes or longer, or fewer than 8 bytes of text remain): where
/// it ends, its letters and capitals, whether three equal letters follow each other (any
/// case), its first 8 bytes lower-cased and packed (a `Vocabulary` short key) and the
/// `Vocabulary` hash of all its bytes lower-cased.
struct ASCIIWordRun: Equatable {
    /// Where the run starts, and the index past its last byte.
    let start: Int
    var end: Int
    var letters = 0
    var uppers = 0
    var elongated = false
    var packed: UInt64 = 0
    var hash = Vocabulary.hashSeed
    /// The last byte read, lower-cased, when it is a letter (else 0), and how many equal
    /// letters end the run so far: the state the next byte's elongation test needs.
    var last: UInt8 = 0
    var repeats = 0

    /// Reads the run at `start`: whole 8-byte words while 8 bytes remain, classified and
    /// lower-cased without a branch per byte, then the rest a byte at a time (`readBytes`).
    /// (Reading the last bytes from the text's last 8, shifted, cost more than it saved.)
    ///
    /// Why: words of 8 bytes or more, and the last word of each text, were read a byte at a
    /// time at ~30 instructions a byte, 4% of `chorus score`'s per-text work on tweets
    /// (callgrind). The tests hold this to `readBytes` alone on every kind of run.
    @inline(__always)
    static func read(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> ASCIIWordRun {
        var r = ASCIIWordRun(start: start, end: start)
        #if _endian(little)
        guard let base = p.baseAddress else { return r }
        let n = p.count
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        @inline(__always) func atLeast(_ v: UInt64, _ c: UInt64) -> UInt64 { (v &+ (0x80 &- c) &* ones) & high }
        @inline(__always) func count(_ bits: UInt64) -> Int { Int(truncatingIfNeeded: ((bits >> 7) &* ones) >> 56) }
        while r.end + 8 <= n {
            let x = UnsafeRawPointer(base + r.end).loadUnaligned(as: UInt64.self)
            let y = x & low7
            let digit = atLeast(y, 0x30) & ~atLeast(y, 0x3A)
            let folded = y | 0x2020_2020_2020_2020
            let alpha = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
            let upper = atLeast(y, 0x41) & ~atLeast(y, 0x5B)
            // High bit set at each byte that is not a letter or digit (bytes ≥ 0x80 included).
            let stop = ~((digit | alpha) & ~x) & high
            let length = stop == 0 ? 8 : stop.trailingZeroBitCount / 8
            if length == 0 { return r }
            let mask: UInt64 = length == 8 ? .max : UInt64.max >> UInt64(64 - 8 * length)
            let lowered = (y | (upper >> 2)) & mask
            if r.end == start { r.packed = lowered }
            r.letters += count(alpha & mask)
            r.uppers += count(upper & mask)
            // Three equal letters starting within the word (exact zero-byte test) …
            if !r.elongated && length >= 3 {
                let same = (lowered ^ (lowered >> 8)) | (lowered ^ (lowered >> 16))
                let zero = ~(((same & low7) &+ low7) | same | low7)
                let starts = UInt64.max >> UInt64(64 - 8 * (length - 2))
                r.elongated = zero & alpha & starts != 0
            }
            // … or running on from the previous word: its first two bytes, one at a time.
            var w = lowered
            for k in 0..<length {
                let b = UInt8(truncatingIfNeeded: w)
                if k < 2 { r.note(b) }
                r.hash = Vocabulary.hashStep(r.hash, b)
                w >>= 8
            }
            if length >= 3 {
                // The state after the last two bytes (a longer repeat is already `elongated`).
                let b1 = UInt8(truncatingIfNeeded: lowered >> UInt64(8 * (length - 1)))
                let b0 = UInt8(truncatingIfNeeded: lowered >> UInt64(8 * (length - 2)))
                let letter = b1 >= 0x61 && b1 <= 0x7A
                r.last = letter ? b1 : 0
                r.repeats = letter ? (b0 == b1 ? 2 : 1) : 0
            }
            r.end += length
            if length < 8 { return r }
        }
        #endif
        r.readBytes(p)
        return r
    }

    /// Reads the rest of the run a byte at a time from `end` (the reference for `read`).
    @inline(__always)
    mutating func readBytes(_ p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        while end < n {
            var b = p[end]
            if b >= 0x41 && b <= 0x5A {
                uppers += 1
                b |= 0x20
            }
            if b >= 0x61 && b <= 0x7A {
                letters += 1
            } else if !(b >= 0x30 && b <= 0x39) {
                break
            }
            note(b)
            let at = end &- start
            if at < 8 { packed |= UInt64(b) << UInt64(truncatingIfNeeded: at &* 8) }
            hash = Vocabulary.hashStep(hash, b)
            end += 1
        }
    }

    /// Feeds one lower-cased byte of the run to the elongation test (a digit breaks a repeat).
    @inline(__always)
    mutating func note(_ b: UInt8) {
        if b >= 0x61 && b <= 0x7A {
            repeats = b == last ? repeats + 1 : 1
            last = b
            if repeats >= 3 { elongated = true }
        } else {
            last = 0
            repeats = 0
        }
    }
}
