import Testing
@testable import ChorusOutput

/// `JSONWriter.string` scans eight bytes at a time; these tests hold it to the plain
/// byte-by-byte escaping rules with every special byte at every offset of a word.
@Suite("JSON string escaping")
struct JSONWriterStringTests {
    /// The escaping rules written the slow, obvious way.
    static func reference(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for c in s.utf8 {
            switch c {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            default: out.append(c)
            }
        }
        out.append(0x22)
        return out
    }

    @Test("Every byte that needs escaping is escaped at every position", arguments: ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\t"])
    func specialAtEveryOffset(special: String) {
        for length in 0..<20 {
            for at in 0...length {
                var s = String(repeating: "a", count: length)
                s.insert(contentsOf: special, at: s.index(s.startIndex, offsetBy: at))
                var w = JSONWriter()
                w.string(s)
                #expect(w.bytes == Self.reference(s), "\(s.debugDescription)")
            }
        }
    }

    @Test("Text without special bytes, multi-byte UTF-8 and bytes next to the special ones pass unchanged",
          arguments: ["", "plain ASCII words, more than eight bytes long", "好消息 🎉 é ü \u{2028} \u{7F}", " !#$%&'()*+,-./[]^_`{|}~",
                      "\u{C2}\u{A0}\u{A2}\u{DC}\u{FF}", "mixed \"quoted\" and \\slashed\\ text\r\n with \u{0}nul"])
    func passThrough(text: String) {
        var w = JSONWriter()
        w.string(text)
        #expect(w.bytes == Self.reference(text))
    }

    /// Every byte JSON escapes (all 32 controls, `"`, `\\`).
    static let escapable: [UInt8] = Array(0..<0x20) + [0x22, 0x5C]

    /// `bytes` through ``JSONLineBuffer/string(_:)`` after `offset` bytes already in the line,
    /// in memory of exactly the prefix plus ``JSONLineBuffer/bound(_:)`` plus a guard zone that
    /// must stay untouched.
    static func lineString(_ bytes: [UInt8], offset: Int) -> (written: [UInt8], guardIntact: Bool) {
        let text = String(decoding: bytes, as: UTF8.self)
        let size = offset + JSONLineBuffer.bound(text)
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: size + 16)
        defer { memory.deallocate() }
        memory.initialize(repeating: 0xEE, count: size + 16)
        var line = JSONLineBuffer(memory)
        for _ in 0..<offset { line.byte(0x2E) }
        line.string(text)
        let written = Array(line.written.dropFirst(offset))
        return (written, (size..<size + 16).allSatisfy { memory[$0] == 0xEE })
    }

    @Test("Each escapable byte at every position of 1 to 24 bytes, at every output offset 0-7, stays in bounds")
    func everyEscapableByteEveryPosition() {
        for special in Self.escapable {
            for length in 1...24 {
                for at in 0..<length {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    bytes[at] = special
                    let expected = Self.reference(String(decoding: bytes, as: UTF8.self))
                    for offset in 0..<8 {
                        let (written, intact) = Self.lineString(bytes, offset: offset)
                        #expect(written == expected, "byte \(special) at \(at) of \(length), offset \(offset)")
                        #expect(intact, "wrote past the bound: byte \(special) at \(at) of \(length)")
                    }
                }
            }
        }
    }

    @Test("Two escapable bytes in one window: every pair of positions in 16 bytes, at every source alignment")
    func pairsInAWindow() {
        for length in [7, 8, 9, 15, 16, 17] {
            for a in 0..<length {
                for b in a..<length {
                    for lead in 0..<8 {
                        // `lead` bytes before the window move its alignment in the source string.
                        var bytes = [UInt8](repeating: 0x7A, count: lead + length)
                        bytes[lead + a] = 0x22
                        bytes[lead + b] = b == a ? 0x0A : 0x01
                        let text = String(decoding: bytes, as: UTF8.self)
                        #expect(Self.lineString(bytes, offset: 0).written == Self.reference(text), "\(text.debugDescription)")
                        var w = JSONWriter()
                        w.string(text)
                        #expect(w.bytes == Self.reference(text))
                    }
                }
            }
        }
    }

    @Test("Multi-byte UTF-8 right before and after an escapable byte is copied whole", arguments: ["é", "好", "🎉", "\u{2028}", "\u{7F}", "\u{A0}"])
    func multiByteNextToEscapes(scalar: String) {
        for special in ["\"", "\\", "\n", "\u{1F}"] {
            for pad in 0..<10 {
                let filler = String(repeating: "x", count: pad)
                for text in [filler + scalar + special, filler + special + scalar, scalar + special + filler + scalar,
                             filler + scalar + special + scalar + filler, String(repeating: scalar + special, count: pad + 1)] {
                    let (written, intact) = Self.lineString(Array(text.utf8), offset: pad % 8)
                    #expect(written == Self.reference(text), "\(text.debugDescription)")
                    #expect(intact)
                }
            }
        }
    }

    @Test("Strings of nothing but escapable bytes fill the bound exactly and no more")
    func allEscapes() {
        for length in 0...20 {
            let bytes = (0..<length).map { Self.escapable[$0 % Self.escapable.count] }
            let (written, intact) = Self.lineString(bytes, offset: 3)
            #expect(written == Self.reference(String(decoding: bytes, as: UTF8.self)))
            #expect(intact)
        }
    }
}
