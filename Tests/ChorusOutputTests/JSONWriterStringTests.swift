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
}
