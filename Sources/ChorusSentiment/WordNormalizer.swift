/// Normalizes words written in lexicon and rule files the way `TextScanner` normalizes text:
/// ASCII lower-case, "don't" → "dont", "it's" → "it", emoticons and Han words unchanged.
enum WordNormalizer {
    /// The tokens of a phrase as written in a file ("can't complain" → ["cant", "complain"]).
    static func tokens(_ phrase: String) -> [String] {
        // Most lexicon entries are one word already in normal form.
        if !phrase.isEmpty && phrase.utf8.allSatisfy(isPlainByte) { return [phrase] }
        return phrase.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word(String($0)) }
    }

    /// One normalized word; tokens holding punctuation other than apostrophes (emoticons)
    /// are kept as written.
    static func word(_ raw: String) -> String {
        if raw.utf8.allSatisfy(isPlainByte) { return raw }
        var w = String(String.UnicodeScalarView(
            raw.unicodeScalars.filter { $0.value != 0xFE0F }.map { $0.value == 0x2019 ? "'" : $0 }))
        let isWord = w.unicodeScalars.allSatisfy { s in
            s == "'" || (s.value >= 0x30 && s.value <= 0x39) || (s.value >= 0x41 && s.value <= 0x5A)
                || (s.value >= 0x61 && s.value <= 0x7A) || s.value >= 0xC0
        }
        guard isWord, w.unicodeScalars.contains(where: { $0 != "'" }) else { return w }
        w = String(String.UnicodeScalarView(w.unicodeScalars.map { s in
            (s.value >= 0x41 && s.value <= 0x5A) ? Unicode.Scalar(s.value | 0x20)! : s
        }))
        if let a = w.lastIndex(of: "'") {
            let suffix = w[w.index(after: a)...]
            if ["s", "d", "m", "ll", "re", "ve"].contains(suffix) { w = String(w[..<a]) }
        }
        w.removeAll { $0 == "'" }
        return w
    }

    /// A lower-case ASCII letter or a digit: a word made of these is in normal form.
    @inline(__always)
    private static func isPlainByte(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
}
