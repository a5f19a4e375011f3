/// A phrase of normalized tokens and what matching it does: set or shift valence, act as a
/// booster or dampener, or turn praise negative (sarcasm); plus the reaction tags it adds.
struct PhraseRule: Sendable {
    /// What a match does.
    enum Effect: Sendable, Equatable {
        /// The phrase counts as one sentiment word with this valence.
        case set(Float)
        /// The phrase's words keep their valences and this is added.
        case shift(Float)
        /// The phrase is a booster (> 0) or dampener (< 0) for the words after it.
        case booster(Float)
        /// Sarcasm ("/s", "yeah right"): every positive contribution counts negative, so a
        /// positive total turns negative; alone, the phrase counts −1.2.
        case flip
    }

    /// Where in its sentence the phrase must stand. `aside`: a clause of its own (between
    /// sentence ends, commas, dashes or contrast words) in a text with more words; a `flip`
    /// rule there acts only when the rest of the text sums negative ("Perfect. The wifi is down
    /// again."), so "Perfect. See you then!" keeps its praise; it may be followed in its clause
    /// by up to two unknown words, a name ("thanks @UPS", "Cheers easyJet."). `glad`: anywhere,
    /// with its (negative) valence, which counts positive when the rest of the text is glad
    /// (sums to +1.0 or more, or to 0 or more with two or more `!`): tears of joy ("Got in!!!
    /// crying"), while "Crying, we lost our dog" keeps its grief. `lead`: the first part of a
    /// rule with `within` (set by the loader, not written in files): it scores nothing and only
    /// lets the rule's second part, found up to `within` words later (in a later sentence too),
    /// fire ("Said 10 minutes. That was an hour ago"). `close`: an aside in the text's last
    /// sentence, not its first: a verdict that closes a told fact ("Site crashed. Great job
    /// SNKRS"), where "Great idea, poor execution" weighs two sides of one thing.
    /// `fact` (session 10b): a good (or bad) thing told as a plain fact, a milestone ("Passed my
    /// theory", "Visa granted", "Finished my first ultra"): the phrase counts only in a clause
    /// told as a fact (`ValenceScorer.isToldAsFact`: no `fact_frame.blockers` word of a schedule, rule
    /// or question in its clause, no `?` in its sentence) where it opens the clause, follows a
    /// `fact_frame.subjects` word within three words, or ends the clause (perhaps before
    /// `fact_frame.after` words and numbers: "Offer accepted today"); else it is no match.
    /// `against` (session 10b): the bad side of a glad text ("…, shame about the queue", "…,
    /// the boiler is another story", "apart from the damp"): the phrase counts its (negative)
    /// valence only when the clauses outside its own sum to +1.0 or more and its own clause to
    /// more than −1.0 (`applyAgainst`); else it is no match and its words keep their values.
    /// `unmet` (session 11, acc11b): a counterfactual or unmet wish ("would have been", "could
    /// have been", "was supposed to be", "if only", "I wish the"): the phrase counts its
    /// (negative) valence, and every positive contribution after it in its clause counts
    /// negative (`applyUnmet`): "Would have been nice to get a reply", "It could have been a
    /// brilliant day if…". `wrap` (session 11, acc11b): a `flip` frame of polite or glad words
    /// wrapped round a complaint ("love how", "nice of them to", "good luck getting"): it flips
    /// the text like any sarcasm marker only when the rest of the text sums to less than
    /// `ValenceScorer.wrapGladRest` (`applyWrap`), so "Love how friendly the staff are" keeps its
    /// praise.
    enum Position: String, Sendable {
        case any, start, end, whole, aside, glad, lead, close, fact, against, unmet, wrap
    }

    /// Rule name, reported in `Sentiment.rules` (idioms report `idiom`, boosters `booster`).
    var name: String
    /// Vocabulary ids of the phrase's tokens. A slice so that the phrases read from the
    /// compiled vocabulary share one array: an array each was 17k allocations, ~5% of a
    /// `chorus score` run over 20k tweets (callgrind). Indices need not start at 0.
    var tokens: ArraySlice<Int32>
    var effect: Effect
    /// Reaction tags added when the phrase matches and is not negated.
    var tags: [String]
    /// "en", "zh", or nil for any language.
    var language: String?
    var position: Position
    /// The phrase as written in the file, or a `match` and a `then` phrase to join with a space.
    var textParts: (String, String?)
    /// For the second part of a rule with `within`: the most words that may stand between the
    /// end of a `lead` phrase of the same rule and this phrase; −1 for every other phrase.
    var within: Int8 = -1
    /// The phrase as written in the file, for --explain.
    var text: String { textParts.1.map { "\(textParts.0) \($0)" } ?? textParts.0 }
}

/// What the matcher reads of a phrase rule, as plain values (no reference counting on the
/// hot path): where its token ids lie in `SentimentModel.phraseTokens`, its scope and effect.
struct PhraseKey: Sendable {
    var tokenStart: Int32
    var tokenCount: Int32
    /// 0 any, 1 "en", 2 "zh", 3 "fr", 4 "es", 5 "de", 9 another language (never matches).
    var language: UInt8
    var position: PhraseRule.Position
    var effect: PhraseRule.Effect
    /// Index into `SentimentModel.ruleNames`.
    var nameID: Int32
    /// `ReactionTag` bits.
    var tags: UInt16
    /// `PhraseRule.within`: −1, or the most words between a lead of the same rule and this phrase.
    var within: Int8 = -1

    static func languageCode(_ lang: String?) -> UInt8 {
        switch lang {
        case nil: return 0
        case "en": return 1
        case "zh": return 2
        case "fr": return french
        case "es": return spanish
        case "de": return german
        default: return 9
        }
    }

    /// Codes of the other Latin-script languages scored.
    static let french: UInt8 = 3, spanish: UInt8 = 4, german: UInt8 = 5

    /// The language tag of a code (nil for 0 and unknown codes).
    static func languageName(_ code: UInt8) -> String? {
        switch code {
        case 1: return "en"
        case 2: return "zh"
        case french: return "fr"
        case spanish: return "es"
        case german: return "de"
        default: return nil
        }
    }
}

/// The names Chorus reports for its built-in heuristics, by fixed id; phrase rule names
/// follow them in `SentimentModel.ruleNames`.
enum HeuristicName {
    static let lexicon: Int32 = 0, negation: Int32 = 1, booster: Int32 = 2, dampener: Int32 = 3
    static let caps: Int32 = 4, exclamation: Int32 = 5, question: Int32 = 6, contrast: Int32 = 7
    static let elongation: Int32 = 8, langZh: Int32 = 9, sentenceAverage: Int32 = 10, titleText: Int32 = 11
    static let idiom: Int32 = 12
    /// `lang-fr`, `lang-es`, `lang-de`: the text was scored as French, Spanish or German.
    static let langFr: Int32 = 13, langEs: Int32 = 14, langDe: Int32 = 15
    /// A reverser turned a negative word positive ("lifts the ban").
    static let reversal: Int32 = 16
    /// One clause clearly positive and another clearly negative made the text mixed.
    static let opposedClauses: Int32 = 17
    /// A plain report (a number or reporting word, no personal voice, only mild words) was
    /// damped towards neutral.
    static let report: Int32 = 18
    /// A question asking for information ("Does the museum open on Mondays?") was damped
    /// towards neutral.
    static let infoQuestion: Int32 = 19
    /// A conceded side of a contrast ("a bit muddy, but…", "…but still fun") kept the text
    /// from being mixed.
    static let concession: Int32 = 20
    /// A strong positive and a strong negative word of near balance made the text mixed.
    static let mixedBalance: Int32 = 21
    /// A subject and a word moving it up or down, a few words apart in one clause, told good
    /// or bad news ("Unemployment in the north climbs", "Burglaries in the county down 18%").
    static let direction: Int32 = 22
    /// Praise in short scare quotes ("thanks for the \"help\"") made the text sarcastic (session 11).
    static let scareQuotes: Int32 = 23
    /// Two-sided, but one side's words outweigh the other's by far, so that side decides and
    /// the text is not mixed ("Nice layout, shame the heater broke and we froze"; session 11).
    static let oneSideWins: Int32 = 24

    static let all = [
        "lexicon", "negation", "booster", "dampener", "caps-emphasis", "exclamation", "question", "contrast",
        "elongation", "lang-zh", "sentence-average", "title+text", "idiom", "lang-fr", "lang-es", "lang-de", "reversal",
        "opposed-clauses", "report", "info-question", "concession", "mixed-balance", "direction", "scare-quotes",
        "one-side-wins",
    ]
}

/// The reaction tags a rule may add; a rule's tags are kept as bits in this order.
enum ReactionTag {
    static let order = ["relief", "excitement", "anticipation", "hope", "gratitude", "anger", "worry", "disappointment", "sarcasm"]
    static let all = Set(order)

    static func mask(_ tags: [String]) -> UInt16 {
        var m: UInt16 = 0
        for t in tags { if let i = order.firstIndex(of: t) { m |= 1 << UInt16(i) } }
        return m
    }
}
