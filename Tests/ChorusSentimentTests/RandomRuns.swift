/// Deterministic random byte runs for the scanner's agreement tests (a 64-bit linear
/// congruential generator with Knuth's MMIX constants, so a failing run reproduces from its seed).
enum RandomRuns {
    /// `count` runs of 0 to `maxLength - 1` bytes drawn from `alphabet`.
    static func make(seed: UInt64, count: Int, maxLength: Int, alphabet: [UInt8]) -> [[UInt8]] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<count).map { _ in
            let length = Int(next() % UInt64(maxLength))
            return (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
        }
    }
}
