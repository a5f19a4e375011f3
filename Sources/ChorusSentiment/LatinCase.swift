/// Lower-casing of the Latin capitals outside ASCII that French, Spanish and German text
/// starts sentences with ("Ça", "Über", "État", "Ñandú"): Latin-1 Supplement and Latin
/// Extended-A. Text and the lexicon and rule files are folded the same way, so a word written
/// in lower case in a file matches it capitalized in text.
enum LatinCase {
    /// The lower-case form of the scalar `v` when it is a capital of those two blocks, else nil.
    @inline(__always)
    static func lower(_ v: UInt32) -> UInt32? {
        switch v {
        case 0xC0...0xDE where v != 0xD7:          // À…Þ (× is not a letter)
            return v + 0x20
        case 0x130:                                // İ: dotted capital I, whose small form is i
            return 0x69
        case 0x100...0x137, 0x14A...0x177:         // pairs: capital even, small odd
            return v & 1 == 0 ? v + 1 : nil
        case 0x139...0x148, 0x179...0x17E:         // pairs: capital odd, small even
            return v & 1 == 1 ? v + 1 : nil
        case 0x178:                                // Ÿ
            return 0xFF
        default:
            return nil
        }
    }

    /// Appends the UTF-8 bytes of `v` (a scalar below U+0800, which all of ``lower(_:)``'s
    /// results are) to `bytes`.
    @inline(__always)
    static func appendUTF8(_ v: UInt32, to bytes: inout [UInt8]) {
        if v < 0x80 {
            bytes.append(UInt8(v))
        } else {
            bytes.append(UInt8(0xC0 | (v >> 6)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
