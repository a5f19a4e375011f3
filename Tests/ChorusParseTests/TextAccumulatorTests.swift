import Testing
@testable import ChorusParse

/// `TextAccumulator.append` copies words eight bytes at a time; these tests hold it to the
/// plain rules (runs of bytes <= 0x20 and U+00A0 become one space, none leading or trailing)
/// with blanks and no-break spaces at every offset, and chunks split anywhere.
@Suite("Whitespace collapsing")
struct TextAccumulatorTests {
    /// The collapsing rules written the slow, obvious way.
    static func reference(_ bytes: [UInt8]) -> String? {
        var out: [UInt8] = []
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            let nbsp = c == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0xA0
            if c <= 0x20 || nbsp {
                pendingSpace = true
                i += nbsp ? 2 : 1
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(c)
            i += 1
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    static func collapse(_ chunks: [[UInt8]]) -> String? {
        let acc = TextAccumulator(capacity: 16)
        for chunk in chunks { acc.append(chunk) }
        return acc.string()
    }

    @Test("Blanks and no-break spaces at every offset collapse like the reference",
          arguments: [" ", "\n\t ", "\u{A0}", " \u{A0} ", "\u{1}"])
    func blankAtEveryOffset(blank: String) {
        for length in 0..<20 {
            for at in 0...length {
                var s = String(repeating: "w", count: length)
                s.insert(contentsOf: blank, at: s.index(s.startIndex, offsetBy: at))
                s += "é tail"
                let bytes = Array(s.utf8)
                #expect(Self.collapse([bytes]) == Self.reference(bytes), "\(s.debugDescription)")
            }
        }
    }

    @Test("A chunk split anywhere, even inside a no-break space, gives the same text")
    func splitChunks() {
        let bytes = Array("  Back\u{A0}in  business:\tZTE\u{A0}\u{A0}shares 好消息 jump\n\n ".utf8)
        let expected = Self.reference(bytes)
        #expect(expected == "Back in business: ZTE shares 好消息 jump")
        for cut in 0...bytes.count {
            #expect(Self.collapse([Array(bytes[..<cut]), Array(bytes[cut...])]) == expected, "cut at \(cut)")
        }
    }

    @Test("Bytes of 0xC2 not followed by 0xA0 are kept", arguments: ["\u{A2}", "\u{BF}x", "a\u{C0}b\u{C2}\u{A0}c"])
    func otherC2Sequences(text: String) {
        let bytes = Array(("prefix-words " + text + " suffix-words").utf8)
        #expect(Self.collapse([bytes]) == Self.reference(bytes))
    }

    @Test("A line break absorbs the blanks around it, repeats fold, none leads or trails")
    func lineBreaks() {
        let acc = TextAccumulator(capacity: 16)
        acc.breakLine()
        acc.append(Array("  one  ".utf8))
        acc.breakLine()
        acc.separate()
        acc.breakLine()
        acc.append(Array(" \u{A0} two".utf8))
        acc.separate()
        acc.append(Array("three ".utf8))
        acc.breakLine()
        #expect(acc.string() == "one\ntwo three")
    }

    @Test("fold() collapses raw bytes and keeps a trailing blank as a word boundary")
    func fold() {
        let acc = TextAccumulator(capacity: 16)
        acc.appendRaw(Array("  a \n\t b\n".utf8))
        acc.fold()
        acc.append(Array("c".utf8))
        #expect(acc.string() == "a b c")
    }

    @Test("Prose with single, double and leading spaces at every alignment collapses like the reference")
    func proseAtEveryAlignment() {
        // Pieces that make a word of eight bytes take the whole-word path or leave it: single
        // spaces, doubled ones, a space first in the word, controls, no-break spaces, non-ASCII.
        let pieces: [[UInt8]] = [[0x61], [0x62, 0x63], [0x20], [0x20, 0x20], [0x0A], [0xC2, 0xA0], [0xC3, 0xA9], [0x09, 0x20]]
        var seed: UInt64 = 2018
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<(8 + Int(seed >> 59)) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                bytes += pieces[Int(seed >> 61)]
            }
            let cut = Int(seed >> 40) % (bytes.count + 1)
            #expect(Self.collapse([bytes]) == Self.reference(bytes), "\(bytes)")
            #expect(Self.collapse([Array(bytes[..<cut]), Array(bytes[cut...])]) == Self.reference(bytes), "\(bytes) cut at \(cut)")
        }
    }

    @Test("A decoded character appended as a scalar gives the text its UTF-8 bytes would",
          arguments: [0x20, 0x26, 0x3C, 0xA0, 0xE9, 0x2014, 0x2026, 0x1F600] as [UInt32])
    func scalarAppend(value: UInt32) {
        let utf8 = Array(String(Character(Unicode.Scalar(value)!)).utf8)
        // Before it: nothing, a word, a blank, a held 0xC2 (a chunk that ended in one); after it: a word.
        for before: [UInt8] in [[], Array("word".utf8), Array("word ".utf8), [0x61, 0xC2]] {
            let bytes = TextAccumulator(capacity: 16), scalar = TextAccumulator(capacity: 16)
            bytes.append(before)
            scalar.append(before)
            bytes.append(utf8)
            scalar.append(scalar: value)
            bytes.append(Array("next".utf8))
            scalar.append(Array("next".utf8))
            #expect(scalar.copyBytes() == bytes.copyBytes(), "\(before) + U+\(String(value, radix: 16))")
        }
    }

    @Test("The whole-word prose test flags a word exactly when a byte is below 0x20 or is 0xC2")
    func proseTestEveryByteEveryPosition() {
        // Backgrounds next to the edges of the test: 0x20 and 0x21 (just above the controls),
        // 0xC1 and 0xC3 (either side of 0xC2), 0xFF and 0xA0 (borrow and high-bit corners).
        for background: UInt8 in [0x20, 0x21, 0x61, 0xC1, 0xC3, 0xA0, 0xFF, 0x7F] {
            for value in 0...255 {
                for at in 0..<8 {
                    var bytes = [UInt8](repeating: background, count: 8)
                    bytes[at] = UInt8(value)
                    let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64($1.offset * 8) }
                    let expected = bytes.contains { $0 < 0x20 || $0 == 0xC2 }
                    #expect(TextAccumulator.anyControlOrC2(word) == expected, "\(bytes)")
                }
            }
        }
    }

    @Test("Every blank, control and 0xC2 at every position of a 16-byte window, at every alignment, next to multi-byte UTF-8")
    func everySpecialByteInAWindow() {
        let specials: [[UInt8]] = (0...0x20).map { [UInt8($0)] } + [[0xC2, 0xA0], [0xC2, 0xA2], [0x20, 0x20], [0xC2, 0xA0, 0x20]]
        for special in specials {
            for lead in ["", "é", "好", "a🎉"].map({ Array($0.utf8) }) {
                for at in 0...16 {
                    for neighbour in [[0x77], Array("é".utf8), Array("€".utf8)] as [[UInt8]] {
                        var window = [UInt8](repeating: 0x6B, count: 16)
                        window.insert(contentsOf: neighbour + special + neighbour, at: at)
                        let bytes = lead + window
                        let expected = Self.reference(bytes)
                        #expect(Self.collapse([bytes]) == expected, "\(bytes)")
                        // An accumulator that already holds text: the output lands at another alignment.
                        for prefix in 1..<8 {
                            let head = [UInt8](repeating: 0x70, count: prefix)
                            #expect(Self.collapse([head, [0x20], bytes]) == Self.reference(head + [0x20] + bytes), "\(prefix) \(bytes)")
                        }
                    }
                }
            }
        }
    }
}
