import ChorusTestSupport
import Testing
@testable import ChorusOutput

/// `FixedDecimal.write` is the fast path of `chorus score`'s numbers; `JSONWriter.fixed` is the
/// formatter every other output uses. They must write the same bytes for every value.
@Suite("Fixed-decimal numbers")
struct FixedDecimalTests {
    /// What `JSONWriter.fixed` writes.
    static func reference(_ value: Double, places: Int) -> [UInt8] {
        var w = JSONWriter(capacity: 32)
        w.fixed(value, places: places)
        return w.bytes
    }

    static func fast(_ value: Double, places: Int) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: FixedDecimal.maxBytes) { buf in
            let n = FixedDecimal.write(value, places: places, to: buf.baseAddress!)
            return Array(buf[0..<n])
        }
    }

    /// What `FixedDecimal.writeUnit` writes (room for its 8-byte store).
    static func unit(_ value: Double, places: Int) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: FixedDecimal.maxBytes + 8) { buf in
            let n = FixedDecimal.writeUnit(value, places: places, to: buf.baseAddress!)
            return Array(buf[0..<n])
        }
    }

    /// Checks `values` at every number of places, counting mismatches (one `#expect` per value
    /// would be too slow for a sweep of millions).
    static func mismatches(_ values: [Double]) -> [String] {
        var bad: [String] = []
        for places in 0...9 {
            for v in values where reference(v, places: places) != fast(v, places: places)
                || reference(v, places: places) != unit(v, places: places) {
                if bad.count < 10 {
                    bad.append("\(v) at \(places): \(String(decoding: reference(v, places: places), as: UTF8.self))"
                               + " vs write \(String(decoding: fast(v, places: places), as: UTF8.self))"
                               + ", writeUnit \(String(decoding: unit(v, places: places), as: UTF8.self))")
                }
            }
        }
        return bad
    }

    @Test("Edge cases: signed zero, whole numbers, halves, tiny values, non-finite")
    func edgeCases() {
        let values: [Double] = [0, -0.0, 1, -1, 1.0, 0.5, -0.5, 0.00005, -0.00005, 0.00004999, 0.000049999999999999996,
                                0.0005, 0.9999, 0.99995, -0.99995, 0.99994999, 12.5, 123_456.789, -987_654.3216,
                                .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                                0.49999999999999994, 2.5, 1e-300, 999_999.9999999, .nan, .infinity, -.infinity]
        #expect(Self.mismatches(values).isEmpty, "\(Self.mismatches(values))")
        #expect(Self.fast(-0.0, places: 3) == Array("0.000".utf8))
        #expect(Self.fast(-0.00004, places: 4) == Array("0.0000".utf8))
        #expect(Self.fast(-0.00005, places: 4) == Array("-0.0001".utf8))
        #expect(Self.fast(1, places: 4) == Array("1.0000".utf8))
        #expect(Self.fast(.nan, places: 4) == Array("null".utf8))
    }

    @Test("A sweep of the scorer's range and of the rounding boundaries at 3 and 4 places")
    func sweep() {
        var values: [Double] = []
        // Every value 1e-5 apart in -1...1, and each 3- and 4-place halfway point with its neighbours.
        for i in -100_000...100_000 { values.append(Double(i) / 100_000) }
        for i in -20_000...20_000 {
            for half in [(Double(i) + 0.5) / 10_000, (Double(i) + 0.5) / 1_000] {
                values.append(half); values.append(half.nextUp); values.append(half.nextDown)
            }
        }
        var bad: [String] = []
        for places in [3, 4] {
            for v in values {
                let want = Self.reference(v, places: places)
                if want != Self.fast(v, places: places) && bad.count < 10 { bad.append("write: \(v) at \(places)") }
                if want != Self.unit(v, places: places) && bad.count < 10 { bad.append("writeUnit: \(v) at \(places)") }
            }
        }
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test("Random magnitudes up to a million at every number of places")
    func randomValues() {
        var rng = SeededGenerator(seed: 0x5EED)
        var values: [Double] = []
        for _ in 0..<100_000 {
            let magnitude = [1.0, 10, 1_000, 1_000_000][Int(rng.next() % 4)]
            values.append((Double(rng.next() % (1 << 53)) / Double(1 << 53) * 2 - 1) * magnitude)
        }
        #expect(Self.mismatches(values).isEmpty, "\(Self.mismatches(values))")
    }
}
