import Testing
@testable import ChorusParse

/// `UTF8StringDecoder` validates once and builds the String unchecked; these tests hold it to
/// `String(decoding:as:)` (same String, same repairs) on every short sequence of interesting
/// bytes, at every alignment of the eight-byte ASCII skip, and check the ASCII flag it passes.
@Suite("UTF-8 string decoding")
struct UTF8StringDecoderTests {
    /// Lead bytes at every boundary of the validity table and continuation bytes at theirs.
    static let probes: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                  0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]

    static func decode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { UTF8StringDecoder.string($0) }
    }

    static func check(_ bytes: [UInt8]) {
        let expected = String(decoding: bytes, as: UTF8.self)
        let got = decode(bytes)
        let valid = bytes.withUnsafeBufferPointer { UTF8StringDecoder.validate($0) }
        #expect(got == expected, "\(bytes)")
        // A wrong ASCII flag (large strings only; small ones compute their own) shows in the
        // UTF-16 view, which then takes each byte for a code unit; == does not see it.
        #expect(Array(got) == Array(expected) && Array(got.utf16) == Array(expected.utf16), "\(bytes)")
        #expect(valid == (Array(expected.utf8) == bytes ? bytes.allSatisfy { $0 < 0x80 } : nil), "\(bytes)")
    }

    @Test("Every sequence of up to three probe bytes decodes as String(decoding:) does")
    func shortSequences() {
        for a in Self.probes {
            Self.check([a])
            for b in Self.probes {
                Self.check([a, b])
                for c in Self.probes { Self.check([a, b, c]) }
            }
        }
    }

    @Test("Four-byte forms at the edges of the code space, and each cut short")
    func fourByteForms() {
        for sequence: [UInt8] in [[0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                  [0xF0, 0x8F, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF]] {
            for cut in 1...sequence.count { Self.check(Array(sequence[..<cut])) }
        }
    }

    @Test("A non-ASCII or invalid byte at every offset around the eight-byte ASCII skip")
    func alignment() {
        for length in 0..<24 {
            for at in 0...length {
                for insert: [UInt8] in [[0xC3, 0xA9], [0xE2, 0x80, 0xA6], [0xFF], [0xC3], [0xF0, 0x9F, 0x98, 0x80]] {
                    var bytes = [UInt8](repeating: 0x77, count: length)
                    bytes.insert(contentsOf: insert, at: at)
                    Self.check(bytes)
                }
            }
            Self.check([UInt8](repeating: 0x61, count: length))
        }
    }
}
