/// SHA-256 (FIPS 180-4), enough for item ids; not used for anything secret.
/// Works on stack buffers: hashing an id allocates nothing on the heap.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The 32-byte digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        message.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { o in digest(parts: [m], into: o) }
        }
        return out
    }

    /// Writes the 32-byte digest of the concatenation of `parts` into `out`.
    public static func digest(parts: [UnsafeBufferPointer<UInt8>], into out: UnsafeMutableBufferPointer<UInt8>) {
        let length = parts.reduce(0) { $0 + $1.count }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { joined in
            var at = 0
            for part in parts where !part.isEmpty {
                UnsafeMutableBufferPointer(rebasing: joined[at..<(at + part.count)]).update(fromContentsOf: part)
                at += part.count
            }
            digest(UnsafeBufferPointer(rebasing: joined[0..<length]), into: out)
        }
    }

    /// Writes the 32-byte digest of `message` into `out` (no heap allocation).
    public static func digest(_ message: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= 32, "SHA256.digest needs 32 bytes of output")
        let length = message.count
        let padded = (length + 9 + 63) / 64 * 64
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: padded) { data in
            let at = length
            if length > 0 { UnsafeMutableBufferPointer(rebasing: data[0..<length]).update(fromContentsOf: message) }
            data[at] = 0x80
            for i in (at + 1)..<padded { data[i] = 0 }
            let bits = UInt64(length) &* 8
            for i in 0..<8 { data[padded - 1 - i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i)) }
            compress(UnsafeBufferPointer(data), into: out)
        }
    }

    private static func compress(_ data: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
        k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for chunk in stride(from: 0, to: data.count, by: 64) {
                    for i in 0..<16 {
                        let j = chunk + i * 4
                        w[i] = UInt32(data[j]) << 24 | UInt32(data[j + 1]) << 16 | UInt32(data[j + 2]) << 8 | UInt32(data[j + 3])
                    }
                    for i in 16..<64 {
                        let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                        let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                    for i in 0..<64 {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ s0 &+ maj)
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                    h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                }
            }
        }
        store(h0, at: 0, in: out); store(h1, at: 1, in: out); store(h2, at: 2, in: out); store(h3, at: 3, in: out)
        store(h4, at: 4, in: out); store(h5, at: 5, in: out); store(h6, at: 6, in: out); store(h7, at: 7, in: out)
    }

    /// Writes word `i` of the hash, big-endian.
    @inline(__always) private static func store(_ v: UInt32, at i: Int, in out: UnsafeMutableBufferPointer<UInt8>) {
        out[i * 4] = UInt8(truncatingIfNeeded: v >> 24)
        out[i * 4 + 1] = UInt8(truncatingIfNeeded: v >> 16)
        out[i * 4 + 2] = UInt8(truncatingIfNeeded: v >> 8)
        out[i * 4 + 3] = UInt8(truncatingIfNeeded: v)
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
