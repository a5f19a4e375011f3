/// A phrase of normalized tokens and what matching it does: set or shift valence, act as a
/// booster or dampener, or flip a positive score (sarcasm); plus the reaction tags it adds.
struct PhraseRule: Sendable {
    /// What a match does.
    enum Effect: Sendable, Equatable {
        /// The phrase counts as one sentiment word with this valence.
        case set(Float)
        /// The phrase's words keep their valences and this is added.
        case shift(Float)
        /// The phrase is a booster (> 0) or dampener (< 0) for the words after it.
        case booster(Float)
        /// A positive total is turned negative ("/s", "yeah right").
        case flip
    }

    /// Where in its sentence the phrase must stand.
    enum Position: String, Sendable {
        case any, start, end, whole
    }

    /// Rule name, reported in `Sentiment.rules` (idioms report `idiom`, boosters `booster`).
    var name: String
    /// Vocabulary ids of the phrase's tokens.
    var tokens: [Int32]
    var effect: Effect
    /// Reaction tags added when the phrase matches and is not negated.
    var tags: [String]
    /// "en", "zh", or nil for any language.
    var language: String?
    var position: Position
    /// The phrase as written in the file, for --explain.
    var text: String
}

/// The reaction tags a rule may add.
enum ReactionTag {
    static let all: Set<String> = [
        "relief", "excitement", "anticipation", "hope", "gratitude", "anger", "worry", "disappointment", "sarcasm",
    ]
}
