/// Cheap Unicode classification of one scalar, enough to pick a language for scoring:
/// Han → Chinese, Latin → English, anything else (kana, Hangul, Cyrillic, Arabic...) → unsupported.
enum ScriptClass: UInt8, Sendable {
    case latin, han, kana, hangul, otherLetter, emoji, punctuation, space, other

    @inline(__always)
    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FA1F).contains(v)
    }

    /// The class of a non-ASCII scalar.
    static func of(_ v: UInt32) -> ScriptClass {
        switch v {
        case 0x00C0...0x024F, 0x1E00...0x1EFF: return v == 0xD7 || v == 0xF7 ? .punctuation : .latin
        case 0x00A0, 0x2000...0x200B, 0x3000, 0x202F, 0x205F: return .space
        case 0x0080...0x00BF, 0x2010...0x206F, 0x3001...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
            return .punctuation
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return .hangul
        case 0x2190...0x21FF, 0x2300...0x23FF, 0x2460...0x24FF, 0x25A0...0x27BF, 0x2900...0x2BFF,
             0x1F000...0x1FAFF:
            return .emoji
        case 0xFE00...0xFE0F, 0x200C...0x200D, 0xE0000...0xE007F: return .other
        default:
            if isHan(v) { return .han }
            if (0x0370...0x1FFF).contains(v) || (0xA000...0xABFF).contains(v) { return .otherLetter }
            return .other
        }
    }
}
