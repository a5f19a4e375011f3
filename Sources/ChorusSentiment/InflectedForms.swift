/// The inflected forms of a French, Spanish or German lexicon word that the file does not
/// list: gender and number endings of adjectives and participles ("déçu" → "déçue", "déçus";
/// "lento" → "lenta", "lentos", "lentísimo"; "toll" → "tolle", "toller", "tollen"). They are
/// added when the lexicon is loaded (no cost per text) as variants that count only in text
/// scored as one of those languages, never as English ("bone", "contents").
enum InflectedForms {
    /// The forms of `word` (a single lower-case token) in `language` ("fr", "es", "de"),
    /// other than `word` itself; empty for other languages.
    static func of(_ word: String, language: String) -> [String] {
        guard word.count >= 3 else { return [] }
        switch language {
        case "fr": return french(word)
        case "es": return spanish(word)
        case "de": return german(word)
        default: return []
        }
    }

    private static func french(_ w: String) -> [String] {
        if w.hasSuffix("eux") { return [String(w.dropLast()) + "se", String(w.dropLast()) + "ses"] }
        if w.hasSuffix("if") { return [String(w.dropLast()) + "ve", String(w.dropLast()) + "ves", w + "s"] }
        if w.hasSuffix("e") { return [w + "s"] }
        if w.hasSuffix("s") || w.hasSuffix("x") { return [w + "e", w + "es"] }
        var out = [w + "e", w + "s", w + "es"]
        if let last = w.last, last == "l" || last == "n" { out += [w + String(last) + "e", w + String(last) + "es"] }
        return out
    }

    private static func spanish(_ w: String) -> [String] {
        if w.hasSuffix("ísimo") || w.hasSuffix("isimo") {
            let stem = w.dropLast()
            return [stem + "a", stem + "os", stem + "as"].map(String.init)
        }
        if w.hasSuffix("o") || w.hasSuffix("a") {
            let stem = String(w.dropLast())
            let superlative = ["ísimo", "ísima", "ísimos", "ísimas"].map { stem + $0 }
            return [stem + "o", stem + "a", stem + "os", stem + "as"].filter { $0 != w } + superlative
        }
        if w.hasSuffix("e") { return [w + "s"] }
        if w.hasSuffix("s") { return [] }
        return [w + "es"]
    }

    private static func german(_ w: String) -> [String] {
        if w.hasSuffix("e") { return [w + "r", w + "n", w + "s", w + "m"] }
        if w.hasSuffix("en") || w.hasSuffix("er") { return [] }
        return [w + "e", w + "er", w + "en", w + "es", w + "em"]
    }
}
