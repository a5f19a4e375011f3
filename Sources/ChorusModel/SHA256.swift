internal import CSHA256

/// SHA-256 (FIPS 180-4), for item ids and content fingerprints; not used for anything secret.
/// Works on the caller's memory and stack buffers: hashing allocates nothing on the heap.
public enum SHA256 {

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
        digest(parts: parts, into: out, engine: .best)
    }

    /// How blocks are compressed: the CPU's SHA instructions where it has them (x86-64 SHA
    /// extensions, through CSHA256), else portable Swift. Tests run both on the same inputs.
    enum Engine {
        case portable, best
    }

    static var isAccelerated: Bool { chorus_sha256_accelerated() != 0 }

    /// Streams the parts through the compression function: whole blocks straight from the
    /// caller's memory, only the tail and the padding through a 128-byte stack buffer.
    static func digest(parts: [UnsafeBufferPointer<UInt8>], into out: UnsafeMutableBufferPointer<UInt8>, engine: Engine) {
        precondition(out.count >= 32, "SHA256.digest needs 32 bytes of output")
        let accelerated = engine == .best && isAccelerated
        var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        withUnsafeMutableBytes(of: &state) { raw in
            let h = raw.bindMemory(to: UInt32.self)
            func blocks(_ data: UnsafePointer<UInt8>, _ count: Int) {
                if accelerated {
                    chorus_sha256_blocks(h.baseAddress!, data, count)
                } else {
                    compress(UnsafeBufferPointer(start: data, count: count * 64), state: h)
                }
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                var held = 0
                var length = 0
                for part in parts where part.count > 0 {
                    guard var p = part.baseAddress else { continue }
                    var left = part.count
                    length += left
                    if held > 0 {
                        let take = min(64 - held, left)
                        (tail.baseAddress! + held).update(from: p, count: take)
                        held += take; p += take; left -= take
                        if held < 64 { continue }
                        blocks(tail.baseAddress!, 1)
                        held = 0
                    }
                    if left >= 64 {
                        blocks(p, left / 64)
                        p += left / 64 * 64
                        left %= 64
                    }
                    if left > 0 {
                        tail.baseAddress!.update(from: p, count: left)
                        held = left
                    }
                }
                // Padding: 0x80, zeros, then the length in bits as a big-endian UInt64.
                let padded = held + 9 <= 64 ? 64 : 128
                tail[held] = 0x80
                for i in (held + 1)..<padded { tail[i] = 0 }
                let bits = UInt64(length) &* 8
                for i in 0..<8 { tail[padded - 1 - i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i)) }
                blocks(tail.baseAddress!, padded / 64)
            }
            for i in 0..<8 {
                out[i * 4] = UInt8(truncatingIfNeeded: h[i] >> 24)
                out[i * 4 + 1] = UInt8(truncatingIfNeeded: h[i] >> 16)
                out[i * 4 + 2] = UInt8(truncatingIfNeeded: h[i] >> 8)
                out[i * 4 + 3] = UInt8(truncatingIfNeeded: h[i])
            }
        }
    }

    /// The portable compression function over whole 64-byte blocks.
    private static func compress(_ data: UnsafeBufferPointer<UInt8>, state hs: UnsafeMutableBufferPointer<UInt32>) {
        var h0 = hs[0], h1 = hs[1], h2 = hs[2], h3 = hs[3], h4 = hs[4], h5 = hs[5], h6 = hs[6], h7 = hs[7]
        withUnsafeBytes(of: chorus_sha256_k) { raw in
            let k = raw.bindMemory(to: UInt32.self)
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
        hs[0] = h0; hs[1] = h1; hs[2] = h2; hs[3] = h3; hs[4] = h4; hs[5] = h5; hs[6] = h6; hs[7] = h7
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
