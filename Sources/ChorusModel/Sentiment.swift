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

    public init(label: Label, compound: Double, pos: Double, neu: Double, neg: Double, tags: [String] = [], rules: [String] = []) {
        self.label = label
        self.compound = compound
        self.pos = pos
        self.neu = neu
        self.neg = neg
        self.tags = tags
        self.rules = rules
    }
}
