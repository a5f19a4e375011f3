/// Normalizes words written in lexicon and rule files the way `TextScanner` normalizes text:
/// ASCII lower-case, "don't" → "dont", "it's" → "it", emoticons and Han words unchanged.
enum WordNormalizer {
    /// The tokens of a phrase as written in a file ("can't complain" → ["cant", "complain"]).
    /// A hyphen between word characters splits like a space, as `TextScanner` splits text
    /// ("must-see" → ["must", "see"]), so hyphenated entries match; emoticons (":-)") stay whole.
    static func tokens(_ phrase: String) -> [String] {
        // Most lexicon entries are one word already in normal form.
        if isPlainWord(phrase) { return [phrase] }
        return phrase.split(whereSeparator: { $0 == " " || $0 == "\t" }).flatMap { piece -> [String] in
            isHyphenated(piece.utf8) ? piece.split(separator: "-").map { word(String($0)) } : [word(String(piece))]
        }
    }

    /// Words joined by single hyphens ("eye-opening", "once-in-a-lifetime"): only letters,
    /// digits, apostrophes and non-ASCII scalars between the hyphens, none at either end.
    static func isHyphenated(_ u: Substring.UTF8View) -> Bool {
        guard let first = u.first, let last = u.last, first != 0x2D, last != 0x2D, u.contains(0x2D) else { return false }
        var previous: UInt8 = 0
        for b in u {
            let wordByte = b == 0x27 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
            if !(wordByte || (b == 0x2D && previous != 0x2D)) { return false }
            previous = b
        }
        return true
    }

    /// One normalized word; tokens holding punctuation other than apostrophes (emoticons)
    /// are kept as written (without U+FE0F, and with U+2019 as an apostrophe). Works on the
    /// UTF-8 bytes: the files' words load in microseconds.
    static func word(_ raw: String) -> String {
        if raw.utf8.allSatisfy(isPlainByte) { return raw }
        // U+FE0F (EF B8 8F) dropped, U+2019 (E2 80 99) → "'".
        var w: [UInt8] = []
        w.reserveCapacity(raw.utf8.count)
        var u = Array(raw.utf8)[...]
        while let b = u.first {
            if b == 0xEF, u.starts(with: [0xEF, 0xB8, 0x8F]) {
                u = u.dropFirst(3)
            } else if b == 0xE2, u.starts(with: [0xE2, 0x80, 0x99]) {
                w.append(0x27)
                u = u.dropFirst(3)
            } else {
                w.append(b)
                u = u.dropFirst()
            }
        }
        // A word: apostrophes, ASCII letters and digits, and scalars from U+00C0 on, whose
        // lead byte is above 0xC2 (U+0080...U+00BF are C2 80...C2 BF).
        let isWord = w.allSatisfy { b in
            b == 0x27 || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x80 && b != 0xC2)
        }
        guard isWord, w.contains(where: { $0 != 0x27 }) else { return String(decoding: w, as: UTF8.self) }
        for i in w.indices where w[i] >= 0x41 && w[i] <= 0x5A { w[i] |= 0x20 }
        if w.contains(where: { $0 >= 0x80 }) { w = foldLatinCapitals(w) }
        if let a = w.lastIndex(of: 0x27) {
            let suffix = w[(a + 1)...]
            if [[0x73], [0x64], [0x6D], [0x6C, 0x6C], [0x72, 0x65], [0x76, 0x65]].contains(where: { suffix.elementsEqual($0) }) {
                w.removeSubrange(a...)
            } else if let first = w.firstIndex(of: 0x27), elided(w[..<first]) {
                w.removeSubrange(...first)
            }
        }
        w.removeAll { $0 == 0x27 }
        return String(decoding: w, as: UTF8.self)
    }

    /// `w` with its Latin capitals beyond ASCII lower-cased (``LatinCase``), as `TextScanner`
    /// folds them in text.
    static func foldLatinCapitals(_ w: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(w.count)
        for scalar in String(decoding: w, as: UTF8.self).unicodeScalars {
            if let lower = LatinCase.lower(scalar.value) {
                LatinCase.appendUTF8(lower, to: &out)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    /// A French elided word before an apostrophe (c, d, j, l, m, n, s, t, qu), lower-cased:
    /// the word after the apostrophe is the one that counts ("j'adore" → "adore").
    static func elided(_ prefix: ArraySlice<UInt8>) -> Bool {
        switch prefix.count {
        case 1: return [0x63, 0x64, 0x6A, 0x6C, 0x6D, 0x6E, 0x73, 0x74].contains(prefix[prefix.startIndex])
        case 2: return prefix[prefix.startIndex] == 0x71 && prefix[prefix.startIndex + 1] == 0x75
        default: return false
        }
    }

    /// A non-empty word of lower-case ASCII letters and digits: one token, already in normal
    /// form (what `tokens` returns for it is `[word]`).
    @inline(__always)
    static func isPlainWord(_ word: String) -> Bool { !word.isEmpty && word.utf8.allSatisfy(isPlainByte) }

    /// A lower-case ASCII letter or a digit: a word made of these is in normal form.
    @inline(__always)
    private static func isPlainByte(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
}
