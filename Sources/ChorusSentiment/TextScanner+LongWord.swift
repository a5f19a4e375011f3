extension TextScanner {
    /// What `longASCIIWord` reads of a run of 8 to 15 ASCII letters and digits.
    struct LongASCIIWord {
        var length: Int
        var letters: Int
        var uppers: Int
        /// Three equal letters follow each other (any case).
        var elongated: Bool
        /// The run's first 8 bytes lower-cased (its short vocabulary key when it has 8).
        var first: UInt64
        /// Its last 8 bytes lower-cased (they overlap `first` when it has fewer than 16).
        var last: UInt64
        /// The `Vocabulary` hash (FNV-1a) of all its bytes lower-cased.
        var hash: UInt32
    }

    /// A run of 8 to 15 ASCII letters and digits at `start`, read as two 8-byte words without
    /// a branch per byte: the same length, letters, capitals, elongation and lower-cased bytes
    /// that `ASCIIWordRun.read` finds (the tests hold the two together). Nil for a shorter or
    /// longer run, or fewer than 8 bytes left. When fewer than 16 bytes remain, the second word
    /// is the text's last 8 bytes shifted, so zero bytes (which end a run) stand for the bytes
    /// past its end.
    ///
    /// Why: such words ("disappointing", "everyone", "Department": about one a tweet) went
    /// through `readLatinWord`, which first tried `shortASCIIWord`, then read them with
    /// `ASCIIWordRun` (a loop per 8 bytes and a hash step per byte with the elongation state)
    /// and emitted through the general `emit`, ~600 instructions a word; `scan` now takes them
    /// on a path of their own (callgrind, 20k tweets: 267.8 -> 262.8 M, 20k posts 457.7 ->
    /// 445.3 M; docs/sentiment.md, "Session 9").
    @inline(__always)
    static func longASCIIWord(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> LongASCIIWord? {
        #if _endian(little)
        guard let base = p.baseAddress, case let left = p.count &- start, left >= 8 else { return nil }
        let x0 = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
        let x1: UInt64 = left >= 16 ? UnsafeRawPointer(base + start + 8).loadUnaligned(as: UInt64.self)
            : left == 8 ? 0
            : UnsafeRawPointer(base + (p.count &- 8)).loadUnaligned(as: UInt64.self) >> UInt64(truncatingIfNeeded: 128 &- 8 &* left)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        @inline(__always) func atLeast(_ v: UInt64, _ c: UInt64) -> UInt64 { (v &+ (0x80 &- c) &* ones) & high }
        @inline(__always) func count(_ bits: UInt64) -> Int { Int(truncatingIfNeeded: ((bits >> 7) &* ones) >> 56) }
        // Per word: high bits of digits, letters and capitals, and of the bytes that end a run.
        @inline(__always) func classify(_ x: UInt64) -> (y: UInt64, digit: UInt64, alpha: UInt64, upper: UInt64, stop: UInt64) {
            let y = x & low7
            let digit = atLeast(y, 0x30) & ~atLeast(y, 0x3A)
            let folded = y | 0x2020_2020_2020_2020
            let alpha = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
            let upper = atLeast(y, 0x41) & ~atLeast(y, 0x5B)
            return (y, digit, alpha, upper, ~((digit | alpha) & ~x) & high)
        }
        let c0 = classify(x0)
        guard c0.stop == 0 else { return nil }
        let c1 = classify(x1)
        guard c1.stop != 0 else { return nil }
        let rest = c1.stop.trailingZeroBitCount / 8
        let mask: UInt64 = rest == 0 ? 0 : UInt64.max >> UInt64(64 - 8 * rest)
        let l0 = c0.y | (c0.upper >> 2)
        let l1 = (c1.y | (c1.upper >> 2)) & mask
        // Zero bytes of `same` mark a byte equal to the next two (exact zero-byte test); a
        // letter there starts three equal letters. The bytes of `l1` past the run are zero,
        // never equal to a letter, so a triple can only start within the run.
        @inline(__always) func triples(_ l: UInt64) -> UInt64 {
            let same = (l ^ (l >> 8)) | (l ^ (l >> 16))
            return ~(((same & low7) &+ low7) | same | low7)
        }
        let inFirst = triples(l0) & c0.alpha & 0x0000_FFFF_FFFF_FFFF
        let across = triples((l0 >> 48) | (l1 << 16)) & ((c0.alpha >> 48) | (c1.alpha << 16)) & 0xFFFF
        let inSecond = rest >= 3 ? triples(l1) & c1.alpha & (UInt64.max >> UInt64(64 - 8 * (rest - 2))) : 0
        var hash = Vocabulary.hashSeed
        var w = l0
        for _ in 0..<8 {
            hash = Vocabulary.hashStep(hash, UInt8(truncatingIfNeeded: w))
            w >>= 8
        }
        w = l1
        for _ in 0..<rest {
            hash = Vocabulary.hashStep(hash, UInt8(truncatingIfNeeded: w))
            w >>= 8
        }
        let last = rest == 0 ? l0 : (l0 >> UInt64(8 * rest)) | (l1 << UInt64(64 - 8 * rest))
        let digits = count(c0.digit) + count(c1.digit & mask)
        return LongASCIIWord(length: 8 + rest, letters: 8 + rest - digits, uppers: count(c0.upper) + count(c1.upper & mask),
                             elongated: (inFirst | across | inSecond) != 0, first: l0, last: last, hash: hash)
        #else
        return nil
        #endif
    }

    /// The ids (`emit`'s `id` and `valenceID`) of a word read by `longASCIIWord`: looked up
    /// from its lower-cased bytes as `readLatinWord` looks it up (the short table for 8 bytes,
    /// else the long one; then its elongation collapsed, its stem, or the number placeholder).
    @inline(__always)
    mutating func lookupLong(_ word: LongASCIIWord) -> (Int32, Int32) {
        let id = word.length == 8 ? vocabulary.lookup(packed: word.first)
            : vocabulary.lookup(first: word.first, last: word.last, length: word.length, hash: word.hash)
        if id >= 0 { return (id, id) }
        // Unknown: the lower-cased bytes on the stack for the collapsed and stem lookups.
        var bytes = (word.first, word.last)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            // `last` overlaps `first`: it goes right after the first length − 8 bytes.
            (raw.baseAddress! + (word.length - 8)).storeBytes(of: word.last, as: UInt64.self)
            let w = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: word.length)
            var id: Int32 = -1
            if word.elongated { id = lookupCollapsed(w) }
            let valenceID = id < 0 && word.letters >= 4 ? lookupStem(w) : id
            if id < 0 && word.letters == 0 { id = anyNumber }
            return (id, valenceID)
        }
    }
}
