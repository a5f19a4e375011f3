/// Picks the language to score a text in, from the item's declared language and the scripts
/// and function words the scanner counted: Han → Chinese, Latin → English, or French,
/// Spanish or German when their function words outnumber English ones; anything else is not
/// scored (and named when the script tells: kana → "ja", Hangul → "ko").
enum LanguageGuess {
    /// The outcome: a `PhraseKey` language code to score in, or nil with the language guessed.
    struct Decision: Equatable {
        /// 1 (English), 2 (Chinese), 3–5 (French, Spanish, German), nil: not scored.
        var code: UInt8?
        /// The language scored or, when not scored, the declared or guessed one (nil: unknown).
        var lang: String?
    }

    /// Decides for one text. `others` holds the `Vocabulary.ScanFlag` bits of the other
    /// languages that have markers loaded (and so lexicons and rules to score them with).
    ///
    /// A declared language that is not scored is not scored (a Dutch feed must never get an
    /// English score). Undeclared Latin-script text in another language (at least two of its
    /// function words, more than English ones) is scored in it when it is French, Spanish or
    /// German, else not scored. Text mostly in another script is not scored unless it holds
    /// at least two English function words: then its English words are scored.
    static func decide(_ s: TextStats, hint: String?, chineseEnabled: Bool, others: UInt8 = 0) -> Decision {
        var declared: UInt8?
        var primary = ""
        if let hint, !hint.isEmpty {
            primary = hint.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
            switch primary {
            case "en": break
            case "zh", "cmn", "yue": break
            case "und", "mul", "zxx": break
            case "fr": declared = others & Vocabulary.ScanFlag.french != 0 ? PhraseKey.french : nil
            case "es": declared = others & Vocabulary.ScanFlag.spanish != 0 ? PhraseKey.spanish : nil
            case "de": declared = others & Vocabulary.ScanFlag.german != 0 ? PhraseKey.german : nil
            default: return Decision(code: nil, lang: primary)
            }
            if declared == nil && ["fr", "es", "de"].contains(primary) { return Decision(code: nil, lang: primary) }
        }
        let nonLatin = s.kanaLetters + s.hangulLetters + s.otherLetters
        if s.hanLetters > 0 && s.kanaLetters * 10 < s.hanLetters + s.kanaLetters && s.hanLetters * 4 >= s.latinLetters
            && s.hanLetters >= nonLatin {
            return chineseEnabled ? Decision(code: 2, lang: "zh") : Decision(code: nil, lang: "zh")
        }
        if nonLatin + s.hanLetters > s.latinLetters {
            if s.englishMarkers >= 2 && s.englishMarkers > s.foreignMarkers { return Decision(code: 1, lang: "en") }
            let guess: String? = s.kanaLetters > 0 ? "ja" : s.hangulLetters > 0 ? "ko" : declared == nil && !primary.isEmpty
                && primary != "und" && primary != "mul" && primary != "zxx" ? primary : nil
            return Decision(code: nil, lang: guess)
        }
        if let declared { return Decision(code: declared, lang: PhraseKey.languageName(declared)) }
        if s.foreignMarkers >= 2 && s.foreignMarkers > s.englishMarkers {
            let best = max(s.frenchMarkers, s.spanishMarkers, s.germanMarkers)
            // The language's own function words must make up at least half of the foreign ones
            // (an Italian text shares "la" and "una" with French and Spanish, not more).
            if best >= 1 && best * 2 >= s.foreignMarkers {
                if s.frenchMarkers == best && others & Vocabulary.ScanFlag.french != 0 { return Decision(code: PhraseKey.french, lang: "fr") }
                if s.spanishMarkers == best && others & Vocabulary.ScanFlag.spanish != 0 { return Decision(code: PhraseKey.spanish, lang: "es") }
                if s.germanMarkers == best && others & Vocabulary.ScanFlag.german != 0 { return Decision(code: PhraseKey.german, lang: "de") }
            }
            return Decision(code: nil, lang: nil)
        }
        return Decision(code: 1, lang: "en")
    }
}
