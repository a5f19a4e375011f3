public import ChorusModel

/// Rule-based sentiment: VADER-style valence scoring over an authored lexicon, phrase and
/// reaction rules, and Chinese dictionary segmentation. Loads its files once in `init` and
/// is then immutable and `Sendable`; for many texts on one thread use `SentimentSession`.
public struct SentimentAnalyzer: Sendable {
    let model: SentimentModel

    /// Loads the shipped lexicons and rules (unless replaced) and the configured files.
    /// Throws `SentimentError` naming the file and line of a bad entry.
    public init(configuration: SentimentConfiguration = SentimentConfiguration()) throws {
        model = try SentimentModel(configuration: configuration)
    }

    /// The files loaded, in order (shipped ones first).
    public var loadedFiles: [String] { model.files }

    /// Names of the rules by id (`SentimentSession.ruleIDs`): the heuristics, then the phrase rules.
    public var ruleNames: [String] { model.ruleNames }

    /// Names of the reaction tags by id (`SentimentSession.tagIDs`).
    public static var tagNames: [String] { ReactionTag.order }

    /// Number of known tokens (lexicon words, rule words, boosters, negators).
    public var vocabularySize: Int { model.vocabulary.count }

    /// Scores an item's title and text together (see docs/sentiment.md for how they combine).
    public func score(title: String?, text: String?, lang: String?) -> Sentiment {
        var session = SentimentSession(self)
        return session.score(title: title, text: text, lang: lang)
    }

    /// Scores one piece of text.
    public func score(_ text: String, lang: String? = nil) -> Sentiment {
        score(title: nil, text: text, lang: lang)
    }

    /// Scores `text` with a readable breakdown of every contribution.
    public func explain(_ text: String, lang: String? = nil) -> SentimentExplanation {
        var session = SentimentSession(self)
        return session.explain(text, lang: lang)
    }
}
