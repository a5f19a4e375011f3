internal import CSHA256

/// SHA-256 (FIPS 180-4), for item ids and content fingerprints; not used for anything secret.
/// Works on the caller's memory and stack buffers: hashing allocates nothing on the heap.
public enum SHA256 {

    /// The 32-byte digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        message.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { o in digest(m, into: o) }
        }
        return out
    }

    /// Writes the 32-byte digest of the concatenation of `parts` into `out`.
    public static func digest(parts: [UnsafeBufferPointer<UInt8>], into out: UnsafeMutableBufferPointer<UInt8>) {
        digest(parts: parts, into: out, engine: .best)
    }

    /// Writes the 32-byte digest of `message` into `out` (no heap allocation).
    public static func digest(_ message: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        var hasher = Hasher(engine: .best)
        hasher.update(message)
        hasher.finish(into: out)
    }

    /// How blocks are compressed: the CPU's SHA instructions where it has them (x86-64 SHA
    /// extensions, through CSHA256), else portable Swift. Tests run both on the same inputs.
    enum Engine {
        case portable, best
    }

    static var isAccelerated: Bool { chorus_sha256_accelerated() != 0 }

    static func digest(parts: [UnsafeBufferPointer<UInt8>], into out: UnsafeMutableBufferPointer<UInt8>, engine: Engine) {
        var hasher = Hasher(engine: engine)
        for part in parts { hasher.update(part) }
        hasher.finish(into: out)
    }

    /// Streams bytes through the compression function: whole blocks straight from the caller's
    /// memory, only a partial block and the padding through its own 128-byte buffer.
    struct Hasher {
        private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        private var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                           UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        private var held = 0
        private var length = 0
        private let accelerated: Bool

        init(engine: Engine) {
            accelerated = engine == .best && SHA256.isAccelerated
        }

        private mutating func blocks(_ data: UnsafePointer<UInt8>, _ count: Int) {
            let accelerated = self.accelerated
            withUnsafeMutableBytes(of: &h) { raw in
                let state = raw.bindMemory(to: UInt32.self)
                if accelerated {
                    chorus_sha256_blocks(state.baseAddress!, data, count)
                } else {
                    SHA256.compress(UnsafeBufferPointer(start: data, count: count * 64), state: state)
                }
            }
        }

        /// Copies `count` bytes into the partial block at `held`.
        private mutating func hold(_ p: UnsafePointer<UInt8>, _ count: Int) {
            let at = held
            withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.advanced(by: at).copyMemory(from: p, byteCount: count) }
            held += count
        }

        private mutating func flushTail(blocks count: Int) {
            var copy = tail
            withUnsafeBytes(of: &copy) { blocks($0.bindMemory(to: UInt8.self).baseAddress!, count) }
        }

        mutating func update(_ part: UnsafeBufferPointer<UInt8>) {
            guard var p = part.baseAddress, part.count > 0 else { return }
            var left = part.count
            length += left
            if held > 0 {
                let take = min(64 - held, left)
                hold(p, take)
                p += take
                left -= take
                if held < 64 { return }
                flushTail(blocks: 1)
                held = 0
            }
            if left >= 64 {
                blocks(p, left / 64)
                p += left / 64 * 64
                left %= 64
            }
            if left > 0 { hold(p, left) }
        }

        /// Pads (0x80, zeros, the length in bits as a big-endian UInt64) and writes the digest.
        mutating func finish(into out: UnsafeMutableBufferPointer<UInt8>) {
            precondition(out.count >= 32, "SHA256.digest needs 32 bytes of output")
            let padded = held + 9 <= 64 ? 64 : 128
            let bits = UInt64(length) &* 8
            let at = held
            withUnsafeMutableBytes(of: &tail) { t in
                t[at] = 0x80
                for i in (at + 1)..<padded { t[i] = 0 }
                for i in 0..<8 { t[padded - 1 - i] = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i)) }
            }
            flushTail(blocks: padded / 64)
            withUnsafeBytes(of: h) { raw in
                let state = raw.bindMemory(to: UInt32.self)
                for i in 0..<8 {
                    out[i * 4] = UInt8(truncatingIfNeeded: state[i] >> 24)
                    out[i * 4 + 1] = UInt8(truncatingIfNeeded: state[i] >> 16)
                    out[i * 4 + 2] = UInt8(truncatingIfNeeded: state[i] >> 8)
                    out[i * 4 + 3] = UInt8(truncatingIfNeeded: state[i])
                }
            }
        }
    }

    /// The portable compression function over whole 64-byte blocks.
    fileprivate static func compress(_ data: UnsafeBufferPointer<UInt8>, state hs: UnsafeMutableBufferPointer<UInt32>) {
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
