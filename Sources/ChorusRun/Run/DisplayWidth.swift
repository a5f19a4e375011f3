/// How many terminal columns text takes: East Asian wide and fullwidth characters and emoji
/// take two, combining marks and format characters none, everything else one. Measured per
/// grapheme (`Character`), so text is only ever cut between graphemes: never inside an emoji
/// sequence or a base letter and its accents, and never inside a UTF-8 sequence.
enum DisplayWidth {
    /// Columns of one grapheme.
    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let properties = first.properties
        if first.value < 0x20 || (0x7F...0x9F).contains(first.value) { return 0 }
        if properties.isEmojiPresentation { return 2 }
        // A text-style emoji made emoji-style by VARIATION SELECTOR-16 (❤️, ☀️).
        if properties.isEmoji && scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if isWide(first.value) { return 2 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return 1
        }
    }

    /// Columns of a string.
    static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// `text` cut to at most `columns` columns at a grapheme boundary, with "…" when cut.
    static func clip(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var out = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > columns - 1 { break }
            out.append(character)
            used += width
        }
        return out + "…"
    }

    /// `text` padded with spaces to `columns` columns.
    static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - of(text)))
    }

    /// One line of plain text: control characters (line breaks, tabs, escape sequences that a
    /// feed could use to drive the terminal) and bidirectional overrides become spaces, and runs
    /// of whitespace become one space.
    static func singleLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var space = false
        for character in text {
            let value = character.unicodeScalars.first?.value ?? 0
            let blank = character.isWhitespace || value < 0x20 || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            if blank {
                if !space && !out.isEmpty { out.append(" ") }
                space = true
            } else {
                out.append(character)
                space = false
            }
        }
        if out.last == " " { out.removeLast() }
        return out
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks of UAX #11 that are not emoji.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        return wideRanges.contains { $0.contains(value) }
    }
}
