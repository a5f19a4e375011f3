/// Text from a file or a server made safe to print in a message on a terminal: control, format
/// and line-separator characters escaped (`\t`, `\u{1B}`), so hostile input cannot drive the
/// terminal (colours, titles, clipboard, clearing the screen) or hide text with bidi overrides,
/// and cut at a limit so it cannot flood it.
public enum TerminalText {
    /// `text` in double quotes, safe to print: at most `limit` characters inside the quotes
    /// (then `…`), with `"`
    /// and `\` escaped besides the characters ``escaped(_:limit:quotes:)`` escapes.
    public static func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
        "\"" + escaped(String(text), limit: limit, quotes: true) + "\""
    }

    /// `text` with every character a terminal could act on escaped, cut (with `…`) where the
    /// result would pass `limit` characters, when given: a hostile text of escapes cannot
    /// grow the output past the limit either.
    public static func escaped(_ text: String, limit: Int? = nil, quotes: Bool = false) -> String {
        var out = ""
        var length = 0
        for scalar in text.unicodeScalars {
            let piece: String
            switch scalar {
            case "\t": piece = "\\t"
            case "\n": piece = "\\n"
            case "\r": piece = "\\r"
            case "\"" where quotes: piece = "\\\""
            case "\\" where quotes: piece = "\\\\"
            default:
                piece = unsafe(scalar) ? "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" : String(scalar)
            }
            let added = piece.unicodeScalars.count
            if let limit, length + added > limit {
                out += "…"
                break
            }
            out += piece
            length += added
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text
    /// (bidi overrides and isolates, zero-width marks, line and paragraph separators, BOM).
    public static func unsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB: true
        default: false
        }
    }
}
