import Testing
@testable import ChorusSentiment

/// `ASCIIWordRun.read` reads long words eight bytes at a time; `readBytes` from the start is
/// the plain byte-at-a-time reading it must agree with, on every field the scanner uses.
@Suite struct ASCIIWordRunTests {
    static func fields(_ r: ASCIIWordRun) -> [UInt64] {
        [UInt64(r.end), UInt64(r.letters), UInt64(r.uppers), r.elongated ? 1 : 0, r.packed, UInt64(r.hash)]
    }

    /// Both readings of `bytes` from every offset, with the text cut at every length.
    static func mismatches(_ bytes: [UInt8]) -> Int {
        var bad = 0
        for cut in 0...bytes.count {
            let text = Array(bytes[0..<cut])
            text.withUnsafeBufferPointer { p in
                for start in 0..<p.count {
                    var reference = ASCIIWordRun(start: start, end: start)
                    reference.readBytes(p)
                    if fields(ASCIIWordRun.read(p, from: start)) != fields(reference) { bad += 1 }
                }
            }
        }
        return bad
    }

    @Test("Long words, repeats across every 8-byte boundary, digits, capitals and stop bytes",
          arguments: ["Extraordinarily", "soooooooooooo", "abcdefgaaabcdefg", "abcdefghhhijklmnop", "aabcdeab",
                      "ABCDEFGHHH", "xxYYyyZZzz", "a1a1aaa1aaab", "0000000000000", "Shenzhen2026!!",
                      "heeeeelp:/", "abcdefgh\u{00E9}ijk", "abcdefg'hijk", "LOOOOOOOOL", "zzz zzz", "abcdefgh\u{0}ijk"])
    func agreesOnSamples(_ word: String) {
        #expect(Self.mismatches(Array(word.utf8)) == 0)
    }

    @Test("Random runs of letters, digits and separators")
    func agreesOnRandomRuns() {
        let alphabet = Array("aaaabbbAAB0129zZ@[`{ \u{7F}".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        let runs = RandomRuns.make(seed: 0x2026_1207, count: 400, maxLength: 24, alphabet: alphabet)
        #expect(runs.reduce(0) { $0 + Self.mismatches($1) } == 0)
    }
}
