/// Undoes the HTML escaping that some APIs apply to fields that are plain text: X escapes
/// `&`, `<` and `>` in `text` (`Q&amp;A`, `-&gt;`), and Reddit bodies, titles and self texts
/// carry `&amp;`, `&lt;`, `&gt;` (the legacy escaping without `raw_json=1`) and character
/// references that Markdown renders (`&#3232;_&#3232;` is shown as `ಠ_ಠ`).
///
/// One pass, one level: `&amp;lt;` becomes `&lt;` (what the author typed). Decoded are the
/// five XML names (`amp`, `lt`, `gt`, `quot`, `apos`) and decimal or hex references to a
/// Unicode scalar that is not a control character other than tab, LF and CR; anything else
/// (unknown names, `&#0;`, surrogates, numbers too long to be a scalar) stays as written.
enum EscapedText {
    /// The text with its references decoded; the same string when it holds no `&`.
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&"), let (scalar, end) = reference(b, at: i) {
                out.append(contentsOf: String(Character(scalar)).utf8)
                i = end
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The unescaped form of an optional text.
    static func unescape(_ text: String?) -> String? {
        text.map { unescape($0) }
    }

    /// The scalar of the reference starting at `start` (an `&`) and the index after its `;`.
    private static func reference(_ b: [UInt8], at start: Int) -> (Unicode.Scalar, Int)? {
        // The longest reference decoded here is `&#x10FFFF;` (10 bytes).
        let limit = min(b.count, start + 10)
        var semicolon = start + 1
        while semicolon < limit, b[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < limit, semicolon > start + 1 else { return nil }
        let body = b[(start + 1)..<semicolon]
        guard body.first == UInt8(ascii: "#") else {
            switch String(decoding: body, as: UTF8.self) {
            case "amp": return ("&", semicolon + 1)
            case "lt": return ("<", semicolon + 1)
            case "gt": return (">", semicolon + 1)
            case "quot": return ("\"", semicolon + 1)
            case "apos": return ("'", semicolon + 1)
            default: return nil
            }
        }
        var digits = body.dropFirst()
        let hex = digits.first.map { $0 | 0x20 == UInt8(ascii: "x") } ?? false
        if hex { digits = digits.dropFirst() }
        // Seven digits at most, so the value cannot overflow (0x10FFFF has six hex digits, 1114111 seven).
        guard !digits.isEmpty, digits.count <= 7 else { return nil }
        var value: UInt32 = 0
        for d in digits {
            let v: UInt32
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(d - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: v = UInt32(d - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: v = UInt32(d - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * (hex ? 16 : 10) + v
        }
        let allowedControl = value == 0x09 || value == 0x0A || value == 0x0D
        guard value >= 0x20 || allowedControl, !(0x7F...0x9F).contains(value), let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, semicolon + 1)
    }
}
