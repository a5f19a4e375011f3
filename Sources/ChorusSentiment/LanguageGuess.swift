/// Picks the language to score a text in, from the item's declared language and the scripts
/// the scanner counted: Han → "zh", Latin → "en", anything else → nil (unsupported).
enum LanguageGuess {
    /// 1 (English), 2 (Chinese), or nil when the text must not be scored (`PhraseKey` codes).
    ///
    /// A declared language other than English or Chinese is unsupported (a German feed must
    /// never get an English score). Undeclared Latin-script text is unsupported when it holds
    /// at least two function words of other languages ("der", "und", "les", "que") and more
    /// of them than English ones.
    static func decide(_ s: TextStats, hint: String?, chineseEnabled: Bool) -> UInt8? {
        if let hint, !hint.isEmpty {
            let primary = hint.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
            switch primary {
            case "en": break
            case "zh", "cmn", "yue": break
            case "und", "mul", "zxx": break
            default: return nil
            }
        }
        let nonLatin = s.kanaLetters + s.hangulLetters + s.otherLetters
        if s.hanLetters > 0 && s.kanaLetters * 10 < s.hanLetters + s.kanaLetters && s.hanLetters * 4 >= s.latinLetters
            && s.hanLetters >= nonLatin {
            return chineseEnabled ? 2 : nil
        }
        if nonLatin + s.hanLetters > s.latinLetters { return nil }
        if s.foreignMarkers >= 2 && s.foreignMarkers > s.englishMarkers { return nil }
        return 1
    }
}
