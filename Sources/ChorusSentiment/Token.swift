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

/// Where a sentence's tokens lie and how it was punctuated. Plain integers only (no
/// `Range`), so that it is `BitwiseCopyable` and fits a `ScratchList`.
struct SentenceSpan: Sendable {
    var tokenStart: Int
    var tokenEnd: Int
    private var phraseBounds: (Int, Int)
    private var valencedBounds: (Int, Int)
    private var contrastBounds: (Int, Int)
    var exclamations: Int
    var questions: Int

    init(tokenStart: Int, tokenEnd: Int, phraseStarts: Range<Int>, valenced: Range<Int>, contrasts: Range<Int>,
         exclamations: Int, questions: Int) {
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
        phraseBounds = (phraseStarts.lowerBound, phraseStarts.upperBound)
        valencedBounds = (valenced.lowerBound, valenced.upperBound)
        contrastBounds = (contrasts.lowerBound, contrasts.upperBound)
        self.exclamations = exclamations
        self.questions = questions
    }

    /// The sentence's entries in `TextScanner.phraseStarts`, `.valenced` and `.contrasts`.
    var phraseStarts: Range<Int> { phraseBounds.0..<phraseBounds.1 }
    var valenced: Range<Int> { valencedBounds.0..<valencedBounds.1 }
    var contrasts: Range<Int> { contrastBounds.0..<contrastBounds.1 }
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
    /// French, Spanish and German function words (each also counts in `foreignMarkers`).
    var frenchMarkers = 0, spanishMarkers = 0, germanMarkers = 0
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
