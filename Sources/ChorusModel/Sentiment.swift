/// The sentiment stage's verdict on one item, explainable through `rules`.
public struct Sentiment: Sendable, Equatable {
    /// positive | negative | neutral | mixed
    public enum Label: String, Sendable, CaseIterable, Codable {
        case positive, negative, neutral, mixed
    }

    public var label: Label
    /// Normalized valence in -1...1.
    public var compound: Double
    /// Proportions of positive, neutral and negative weight, summing to ~1.
    public var pos: Double
    public var neu: Double
    public var neg: Double
    /// Reaction tags: relief, excitement, anticipation, hope, gratitude, anger, worry, disappointment, sarcasm.
    public var tags: [String]
    /// Names of the rules and heuristics that fired.
    public var rules: [String]
    /// False when the text is in a language Chorus has no lexicon for: `label` and the numbers
    /// mean nothing then (written as null), and the item must not be counted under any label.
    public var scored: Bool
    /// The language the text was scored in ("en", "zh", "fr", "es", "de") or, when not scored,
    /// the declared or guessed one; nil when unknown.
    public var lang: String?

    public init(label: Label, compound: Double, pos: Double, neu: Double, neg: Double, tags: [String] = [], rules: [String] = [],
                scored: Bool = true, lang: String? = nil) {
        self.label = label
        self.compound = compound
        self.pos = pos
        self.neu = neu
        self.neg = neg
        self.tags = tags
        self.rules = rules
        self.scored = scored
        self.lang = lang
    }

    /// The verdict for text in a language that is not scored.
    public static func notScored(lang: String?, rules: [String]) -> Sentiment {
        Sentiment(label: .neutral, compound: 0, pos: 0, neu: 1, neg: 0, tags: [], rules: rules, scored: false, lang: lang)
    }
}
