import ChorusModel

/// An item `id` as 128 bits: the 32 hex digits Chorus writes, read as two words; any other id
/// (from another tool) is hashed with SHA-256 to the same width. 16 bytes per seen item is
/// what lets a report dedupe millions of items in bounded memory.
struct ItemKey: Hashable {
    var hi: UInt64
    var lo: UInt64

    /// The key for the raw (undecoded) id bytes.
    init(_ raw: UnsafeBufferPointer<UInt8>) {
        if raw.count == 32, let hi = Self.hex(raw, 0), let lo = Self.hex(raw, 16) {
            self.hi = hi
            self.lo = lo
            return
        }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { hash in
            SHA256.digest(raw, into: hash)
            for k in 0..<8 {
                words.0 = words.0 << 8 | UInt64(hash[k])
                words.1 = words.1 << 8 | UInt64(hash[8 + k])
            }
        }
        hi = words.0
        lo = words.1
    }

    init(hi: UInt64, lo: UInt64) {
        self.hi = hi
        self.lo = lo
    }

    /// Sixteen lowercase or uppercase hex digits at `at` as a word.
    private static func hex(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt64? {
        var v: UInt64 = 0
        for k in at..<(at + 16) {
            guard let d = JSONStringRange.hexDigit(raw[k]) else { return nil }
            v = v << 4 | UInt64(d)
        }
        return v
    }

    /// A well-mixed hash word for open addressing.
    var mixed: UInt64 { (hi ^ (lo &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9 }
}
