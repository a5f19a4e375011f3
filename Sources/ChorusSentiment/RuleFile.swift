/// The contents of one rule file (`rules-en.yaml`, `rules-zh.yaml` or a user's), before the
/// phrases are turned into vocabulary ids.
struct RuleFile: Sendable {
    /// A phrase with a number: a booster, dampener or idiom.
    struct Weighted: Sendable {
        var phrase: String
        var value: Float
    }

    /// One entry of `rules:`.
    struct Definition: Sendable {
        /// Every phrase the rule matches: `phrases`, or each of them followed by each of `then`.
        var allPhrases: [String] {
            guard let then else { return phrases }
            return phrases.flatMap { first in then.map { "\(first) \($0)" } }
        }

        var name: String
        var phrases: [String]
        /// `then:` phrases that follow each of `phrases` (nil: the rule matches `phrases` alone).
        var then: [String]? = nil
        /// With `then`: the `then` phrase may follow up to this many words after the `match`
        /// phrase, in the same or a later sentence (nil: right after it, in the same sentence).
        var within: Int? = nil
        var effect: PhraseRule.Effect
        var tags: [String]
        var language: String?
        var position: PhraseRule.Position
        var line: Int
    }

    /// Path of the file, for messages.
    var file: String
    /// Default language scope of the file's rules (`lang:`), nil for any.
    var language: String?
    /// `boosters:` phrase → scalar (> 0 intensifies, < 0 dampens).
    var boosters: [Weighted] = []
    /// `negators:` words that flip the next sentiment words.
    var negators: [String] = []
    /// `reversers:` words that end or undo the next negative words ("lifts the ban").
    var reversers: [String] = []
    /// `contrast:` words that shift weight to the later clause.
    var contrast: [String] = []
    /// `report.cues` and `report.personal`: words that mark a reporting sentence, and words
    /// of personal voice that rule one out.
    var reportCues: [String] = []
    var personalWords: [String] = []
    /// `report.questions`: words that open a question asking for information ("does",
    /// "which", "anyone"; rule `info-question`).
    var questionOpeners: [String] = []
    /// `concession:` words that concede one side of a contrast ("still", "admittedly", "a bit"):
    /// the contrast decides and the text is not mixed (rule `concession`).
    var concessionCues: [String] = []
    /// `markers.english` / `markers.foreign`: function words for the language guess.
    var englishMarkers: [String] = []
    var foreignMarkers: [String] = []
    /// `markers.french`, `.spanish`, `.german`: function words of a language that is scored,
    /// by its `Vocabulary.ScanFlag` bit.
    var languageMarkers: [(UInt8, [String])] = []
    /// `direction:` one-word subjects that are bad (`bad`) or good (`good`) news when they go up,
    /// and the words that move them up (`up`: rises, soars, higher) or down (`down`: falls, cut,
    /// frozen). A subject followed in its clause by a direction word (rule `direction`) counts
    /// as good or bad news: "Unemployment in the north climbs", "Burglaries in the county down 18%".
    var directionUp: [String] = []
    var directionDown: [String] = []
    var directionBad: [String] = []
    var directionGood: [String] = []
    /// Words that end the search for a direction word: a new clause ("as", "after", "while")
    /// or a forecast ("will", "could"): "Production restarts as supply eases".
    var directionStop: [String] = []
    /// `fact_frame:` (session 10b) the words that frame a rule `at: fact`: `blockers` (a schedule, a
    /// rule or a question: "are", "until", "every", "can"; one in the clause and the phrase is no
    /// fact), `subjects` (who the fact is about: "I", "we", "she", "baby"; one of the three words
    /// before the phrase frames it) and `after` (words that may end a clause after a clause-final
    /// fact: "today", "officially"). One word each, in one list.
    var factBlockers: [String] = []
    var factSubjects: [String] = []
    var factAfter: [String] = []
    /// `fact_frame.joins` (session 11, good12): words that join a second statement to a fact ("and",
    /// "then"): after the phrase, one ends its clause for the frame, so "Finished my first jumper and
    /// both sleeves are the same length" is no schedule for its later "are".
    var factJoins: [String] = []
    /// `idioms:` phrase → valence.
    var idioms: [Weighted] = []
    /// `rules:` reaction and phrase rules.
    var rules: [Definition] = []
    /// `facts:` two word classes a few words apart (`FactPattern`, session 10).
    var facts: [FactDefinition] = []
}
