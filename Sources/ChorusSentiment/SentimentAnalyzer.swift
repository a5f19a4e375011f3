public import ChorusModel

/// Scores text (skeleton: replaced by the lexicon and rule engine).
public struct SentimentAnalyzer: Sendable {
    public init(configuration: SentimentConfiguration = SentimentConfiguration()) throws {}

    /// Scores an item's title and text together (see docs/sentiment.md for how they combine).
    public func score(title: String?, text: String?, lang: String?) -> Sentiment {
        Sentiment(label: .neutral, compound: 0, pos: 0, neu: 1, neg: 0)
    }

    /// Scores one piece of text.
    public func score(_ text: String, lang: String? = nil) -> Sentiment {
        score(title: nil, text: text, lang: lang)
    }
}
