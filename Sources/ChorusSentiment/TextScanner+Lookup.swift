extension TextScanner {
    /// A run of fewer than 8 ASCII letters and digits at `start`, measured eight bytes at a
    /// time without a branch per byte (SWAR): its length, letters, capitals, whether three equal
    /// letters follow each other (any case), and its bytes lower-cased and packed as a
    /// `Vocabulary` short key. Nil when the text is shorter than 8 bytes or the run is 8 or
    /// longer. When fewer than 8 bytes remain, the text's last 8 are read and shifted so that
    /// zero bytes (which end a run) stand for the bytes past its end: the last word of a text
    /// takes the same path as the others (it went a byte at a time, ~1 word in 6 of tweets).
    @inline(__always)
    static func shortASCIIWord(_ p: UnsafeBufferPointer<UInt8>, at start: Int)
        -> (length: Int, letters: Int, uppers: Int, elongated: Bool, packed: UInt64)? {
        #if _endian(little)
        guard let base = p.baseAddress, p.count >= 8 else { return nil }
        let left = p.count &- start
        let x = left >= 8 ? UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
            : UnsafeRawPointer(base + (p.count &- 8)).loadUnaligned(as: UInt64.self) >> UInt64(truncatingIfNeeded: 64 &- 8 &* left)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let y = x & low7
        // High bit of each byte set where that byte (≤ 0x7F) is ≥ c; no carry crosses bytes.
        @inline(__always) func atLeast(_ v: UInt64, _ c: UInt64) -> UInt64 { (v &+ (0x80 &- c) &* ones) & high }
        let digit = atLeast(y, 0x30) & ~atLeast(y, 0x3A)
        let folded = y | 0x2020_2020_2020_2020
        let alpha = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
        let upper = atLeast(y, 0x41) & ~atLeast(y, 0x5B)
        let stop = ~((digit | alpha) & ~x) & high
        guard stop != 0 else { return nil }
        let length = stop.trailingZeroBitCount / 8
        let mask: UInt64 = length == 0 ? 0 : UInt64.max >> UInt64(64 - 8 * length)
        let lowered = (y | (upper >> 2)) & mask
        // Byte counts by multiplication (the baseline x86-64 target has no popcnt).
        @inline(__always) func count(_ bits: UInt64) -> Int { Int(truncatingIfNeeded: ((bits >> 7) &* ones) >> 56) }
        let digits = count(digit & mask)
        var elongated = false
        if length >= 3 {
            // Zero bytes of `same` mark a byte equal to the next two (exact zero-byte test).
            let same = (lowered ^ (lowered >> 8)) | (lowered ^ (lowered >> 16))
            let zero = ~(((same & low7) &+ low7) | same | low7)
            let starts = UInt64.max >> UInt64(64 - 8 * (length - 2))
            elongated = zero & alpha & starts != 0
        }
        return (length, length - digits, count(upper & mask), elongated, lowered)
        #else
        return nil
        #endif
    }

    /// Looks up the word with runs of 3+ letters cut to two, then to one.
    mutating func lookupCollapsed(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        for keep in [2, 1] {
            variant.removeAll(keepingCapacity: true)
            var i = 0
            while i < word.count {
                var j = i
                while j < word.count && word[j] == word[i] { j += 1 }
                let len = j - i
                for _ in 0..<(len >= 3 ? keep : len) { variant.append(word[i]) }
                i = j
            }
            let id = variant.withUnsafeBufferPointer { vocabulary.lookup($0) }
            if id >= 0 { return id }
        }
        return -1
    }

    /// Finds the stem of an unknown inflection ("loved", "hates", "winning", "happiest").
    /// `mutating` only so that the scanner is passed by address: a non-mutating call from
    /// `readLatinWord` copied all of it to the stack first.
    mutating func lookupStem(_ w: UnsafeBufferPointer<UInt8>) -> Int32 {
        let n = w.count
        // Every suffix tried below ends in s, d, t, r, y or g: most unknown words end otherwise.
        guard n > 0 else { return -1 }
        switch w[n - 1] {
        case 0x73, 0x64, 0x74, 0x72, 0x79, 0x67: break
        default: return -1
        }
        @inline(__always) func ends(_ s: StaticString) -> Bool {
            let k = s.utf8CodeUnitCount
            guard n > k + 2 else { return false }
            return s.withUTF8Buffer { suf in
                for j in 0..<k where w[n - k + j] != suf[j] { return false }
                return true
            }
        }
        // The stem `w` minus `drop` bytes, plus the letter `add` (0: none), if it has a valence.
        func tryStem(drop: Int, add: UInt8 = 0) -> Int32 {
            let m = n - drop
            let id: Int32
            if add == 0 {
                id = vocabulary.lookup(UnsafeBufferPointer(rebasing: w[0..<m]))
            } else {
                id = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: m + 1) { buf in
                    for k in 0..<m { buf[k] = w[k] }
                    buf[m] = add
                    return vocabulary.lookup(UnsafeBufferPointer(buf))
                }
            }
            return id >= 0 && vocabulary.entries[Int(id)].valence != 0 ? id : -1
        }
        var id: Int32 = -1
        if ends("ies") || ends("ied") { id = tryStem(drop: 3, add: UInt8(ascii: "y")) }
        if id < 0 && (ends("iest") ) { id = tryStem(drop: 4, add: UInt8(ascii: "y")) }
        if id < 0 && ends("ier") { id = tryStem(drop: 3, add: UInt8(ascii: "y")) }
        if id < 0 && ends("ily") { id = tryStem(drop: 3, add: UInt8(ascii: "y")) }
        if id < 0 && ends("ing") {
            id = tryStem(drop: 3)
            if id < 0 { id = tryStem(drop: 3, add: UInt8(ascii: "e")) }
            if id < 0 && n > 5 && w[n - 4] == w[n - 5] { id = tryStem(drop: 4) }
        }
        if id < 0 && ends("ed") {
            id = tryStem(drop: 1)
            if id < 0 { id = tryStem(drop: 2) }
            if id < 0 && n > 4 && w[n - 3] == w[n - 4] { id = tryStem(drop: 3) }
        }
        if id < 0 && ends("est") { id = tryStem(drop: 3); if id < 0 { id = tryStem(drop: 2) } }
        if id < 0 && ends("ly") { id = tryStem(drop: 2) }
        if id < 0 && ends("es") { id = tryStem(drop: 2) }
        if id < 0 && ends("s") && !ends("ss") { id = tryStem(drop: 1) }
        return id
    }
}
