/// One token of scanned text: the vocabulary id of its normalized form and what the
/// heuristics need to know about how it was written.
struct Token: Sendable {
    /// Vocabulary id, or −1 for an unknown word (neutral, but it still counts as a word).
    var id: Int32
    /// Vocabulary id of the form whose valence applies (an inflection's stem), or −1.
    var valenceID: Int32
    /// Written in capitals (two or more letters, none lower-case).
    var allCaps: Bool
    /// Written with a letter repeated three or more times ("soooo").
    var elongated: Bool
    /// A clause break (, ; : or a sentence end) lies between the previous token and this one.
    var breakBefore: Bool
    /// Index of the sentence holding this token.
    var sentence: Int32
    /// Some phrase rule starts with this token.
    var startsPhrase: Bool
}

/// Where a sentence's tokens lie and how it was punctuated.
struct SentenceSpan: Sendable {
    var tokenStart: Int
    var tokenEnd: Int
    /// The sentence's entries in `TextScanner.phraseStarts` and `TextScanner.valenced`.
    var phraseStarts: Range<Int>
    var valenced: Range<Int>
    /// The sentence's entries in `TextScanner.contrasts`.
    var contrasts: Range<Int>
    var exclamations: Int
    var questions: Int
}

/// What the scanner learnt about a whole text besides its tokens.
struct TextStats: Sendable {
    var latinLetters = 0
    var hanLetters = 0
    var kanaLetters = 0
    var hangulLetters = 0
    var otherLetters = 0
    var lowerLetters = 0
    var upperLetters = 0
    var englishMarkers = 0
    var foreignMarkers = 0
    /// Tokens that are contrast words ("but", "however").
    var contrastWords = 0

    /// Text in mixed case, so that a capitalized word stands out.
    var isMixedCase: Bool { lowerLetters > 0 && upperLetters > 0 }
}

extension Array {
    /// Empties the array and keeps its storage; costs nothing when it is already empty
    /// (most scratch lists are, for most texts).
    @inline(__always)
    mutating func clearKeepingCapacity() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
