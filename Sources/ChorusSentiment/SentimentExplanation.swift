public import ChorusModel

/// A score with a readable breakdown of every contribution (`chorus score --explain`).
public struct SentimentExplanation: Sendable {
    /// The score, identical to what `score` returns.
    public var sentiment: Sentiment
    /// One line per contribution: the signed value, the token or phrase, and its source.
    public var lines: [String]
}
