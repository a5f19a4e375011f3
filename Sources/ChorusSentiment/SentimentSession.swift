public import ChorusModel

/// Scores many texts on one thread, reusing its scratch buffers (the fast path of
/// `chorus score` and of the run stage). Make one per thread or task from a shared
/// `SentimentAnalyzer`.
public struct SentimentSession: ~Copyable {
    let model: SentimentModel
    var scanner: TextScanner
    var scorer: ValenceScorer

    /// A session over the analyzer's lexicons and rules.
    public init(_ analyzer: SentimentAnalyzer) {
        model = analyzer.model
        scanner = TextScanner(vocabulary: analyzer.model.vocabulary)
        scorer = ValenceScorer(model: analyzer.model)
    }

    /// Scores one piece of text.
    public mutating func score(_ text: String, lang: String? = nil) -> Sentiment {
        score(title: nil, text: text, lang: lang)
    }

    /// Scores an item's title and text together: each is scored on its own and, when both
    /// have something to score, the compounds (and pos/neu/neg) are averaged with weight
    /// `titleWeight` on the title (default 0.3).
    public mutating func score(title: String?, text: String?, lang: String?) -> Sentiment {
        let f = figures(title: title, text: text, lang: lang)
        if f.unsupported { return Sentiment.notScored(lang: f.lang, rules: [Self.unsupportedRule]) }
        return Sentiment(label: f.label, compound: f.compound, pos: f.pos, neu: f.neu, neg: f.neg,
                         tags: scorer.tagNames, rules: scorer.ruleNames, lang: f.lang)
    }

    /// The rule name reported, alone, for text in an unsupported language.
    public static let unsupportedRule = "lang-unsupported"

    /// The numbers of a `Sentiment`, for callers that write the tags and rules themselves
    /// (from `tagIDs` and `ruleIDs`) rather than as arrays of strings.
    public struct Figures: Sendable {
        public var label: Sentiment.Label
        public var compound: Double, pos: Double, neu: Double, neg: Double
        /// Text in an unsupported language: not scored (label and numbers null in NDJSON),
        /// no tags, the one rule `unsupportedRule`.
        public var unsupported: Bool
        /// The language scored in, or the one guessed for a text not scored (nil: unknown).
        public var lang: String?

        static func empty(lang: String?) -> Figures {
            Figures(label: .neutral, compound: 0, pos: 0, neu: 1, neg: 0, unsupported: false, lang: lang)
        }

        static func notScored(lang: String?) -> Figures {
            Figures(label: .neutral, compound: 0, pos: 0, neu: 1, neg: 0, unsupported: true, lang: lang)
        }
    }

    /// Scores like `score(title:text:lang:)`; the tags and rules are then `tagIDs` and `ruleIDs`
    /// (unless `unsupported`).
    public mutating func figures(title: String?, text: String?, lang: String?) -> Figures {
        scorer.reset()
        let t = title.flatMap { $0.isEmpty ? nil : scorePart($0, lang: lang) }
        let x = text.flatMap { $0.isEmpty ? nil : scorePart($0, lang: lang) }
        switch (t, x) {
        case let (t?, x?) where !t.unsupported && !x.unsupported:
            scorer.fire(HeuristicName.titleText)
            var both = t.weighted(min(1, max(0, model.configuration.titleWeight)), with: x)
            both.lang = x.lang
            return figures(both)
        case let (t?, _) where !t.unsupported:
            return figures(t)
        case let (_, x?) where !x.unsupported:
            return figures(x)
        case (nil, nil):
            scorer.reset()
            return .empty(lang: nil)
        default:
            return .notScored(lang: x?.lang ?? t?.lang)
        }
    }

    /// Scores one text given as well-formed UTF-8, exactly like `figures(title: nil, text:lang:)`
    /// of the same text, without a `String` (the fast path of `chorus score`).
    public mutating func figures(utf8 text: UnsafeBufferPointer<UInt8>, lang: String?) -> Figures {
        scorer.reset()
        guard !text.isEmpty else { return .empty(lang: nil) }
        let x = scorePart(utf8: text, lang: lang)
        if x.unsupported { return .notScored(lang: x.lang) }
        return figures(x)
    }

    /// Ids of the tags of the last `figures` call, in order (names: `SentimentAnalyzer.tagNames`).
    public var tagIDs: [UInt8] { scorer.tagged.array }
    /// Ids of the rules of the last `figures` call, in firing order (names: `SentimentAnalyzer.ruleNames`).
    public var ruleIDs: [Int32] { scorer.fired.array }
    /// Calls `body` with `tagIDs` and `ruleIDs` in place, valid only during the call: the
    /// per-text path of `chorus score`, which makes no arrays. `mutating` so that the session
    /// is passed by address (a borrowed one was copied, 1.2 kB, per call).
    public mutating func withLastIDs<R>(_ body: (_ tags: UnsafeBufferPointer<UInt8>, _ rules: UnsafeBufferPointer<Int32>) -> R) -> R {
        scorer.tagged.withUnsafeBufferPointer { tags in scorer.fired.withUnsafeBufferPointer { rules in body(tags, rules) } }
    }

    /// Scores `text` and describes every contribution, one line each.
    public mutating func explain(title: String? = nil, _ text: String, lang: String? = nil) -> SentimentExplanation {
        scorer.explaining = true
        defer { scorer.explaining = false }
        let s = score(title: title, text: text, lang: lang)
        return SentimentExplanation(sentiment: s, lines: scorer.explanation)
    }

    /// One scored part (title or text).
    struct Part {
        var compound: Double, pos: Double, neu: Double, neg: Double
        var strongestPositive: Float, strongestNegative: Float
        var unsupported = false
        /// The language scored in (or guessed, when unsupported).
        var lang: String?
        /// The text has more than one clause (a sentence end, comma or contrast word between
        /// words), which `mixed` needs: "Service restored after outage" reports one thing.
        var clauses = true
        /// One clause is clearly positive and another clearly negative (`ValenceScorer.opposedClauses`).
        var opposedClauses = false
        /// A contrast whose one side is conceded ("a bit pricey, but…"): never mixed (`concedes`).
        var conceded = false
        /// Two-sided, but one side wins (`ValenceScorer.oneSideWins`): its sign (+1 or −1), else 0.
        /// The text is then not mixed and takes the winner's label.
        var winner = 0

        func weighted(_ w: Double, with other: Part) -> Part {
            Part(compound: w * compound + (1 - w) * other.compound, pos: w * pos + (1 - w) * other.pos,
                 neu: w * neu + (1 - w) * other.neu, neg: w * neg + (1 - w) * other.neg,
                 strongestPositive: max(strongestPositive, other.strongestPositive),
                 strongestNegative: min(strongestNegative, other.strongestNegative))
        }
    }

    private mutating func scorePart(_ text: String, lang: String?) -> Part {
        var s = text
        return s.withUTF8 { scorePart(utf8: $0, lang: lang) }
    }

    private mutating func scorePart(utf8 text: UnsafeBufferPointer<UInt8>, lang: String?) -> Part {
        scanner.scan(text)
        let decision = LanguageGuess.decide(scanner.stats, hint: lang, chineseEnabled: model.configuration.chineseEnabled,
                                            others: model.otherLanguages)
        guard let language = decision.code else {
            if scorer.explaining { scorer.explanation.append("  language \(decision.lang ?? "unknown") not supported: not scored") }
            return Part(compound: 0, pos: 0, neu: 1, neg: 0, strongestPositive: 0, strongestNegative: 0, unsupported: true,
                        lang: decision.lang)
        }
        if language == 2 { scorer.fire(HeuristicName.langZh) }
        if language >= PhraseKey.french { scorer.fire(HeuristicName.langFr + Int32(language - PhraseKey.french)) }
        // Only a text longer than a post is averaged sentence by sentence: a tweet of five short
        // sentences ("Happy birthday! Love you! …") is one reaction, and averaging halved it.
        if scanner.sentences.count > max(1, model.configuration.wholeTextMaxSentences) && text.count > Self.postMaxBytes {
            scorer.fire(HeuristicName.sentenceAverage)
            var part = Part(compound: 0, pos: 0, neu: 0, neg: 0, strongestPositive: 0, strongestNegative: 0)
            for s in 0..<scanner.sentences.count {
                let span = scanner.sentences[s]
                if scorer.explaining { scorer.explanation.append(" sentence \(span.tokenStart)..<\(span.tokenEnd):") }
                let seg = scorer.score(span.tokenStart..<span.tokenEnd, of: &scanner, language: language,
                                       phraseStarts: span.phraseStarts, valenced: span.valenced, contrasts: span.contrasts)
                part.compound += seg.compound; part.pos += seg.pos; part.neu += seg.neu; part.neg += seg.neg
                part.strongestPositive = max(part.strongestPositive, seg.strongestPositive)
                part.strongestNegative = min(part.strongestNegative, seg.strongestNegative)
            }
            let c = Double(scanner.sentences.count)
            part.compound /= c; part.pos /= c; part.neu /= c; part.neg /= c
            part.lang = decision.lang
            return part
        }
        let seg = scorer.score(0..<scanner.tokens.count, of: &scanner, language: language,
                               phraseStarts: 0..<scanner.phraseStarts.count, valenced: 0..<scanner.valenced.count,
                               contrasts: 0..<scanner.contrasts.count)
        guard seg.hasTokens else {
            return Part(compound: 0, pos: 0, neu: 1, neg: 0, strongestPositive: 0, strongestNegative: 0, lang: decision.lang)
        }
        var part = Part(compound: seg.compound, pos: seg.pos, neu: seg.neu, neg: seg.neg,
                        strongestPositive: seg.strongestPositive, strongestNegative: seg.strongestNegative, lang: decision.lang)
        let weaker = min(seg.strongestPositive, -seg.strongestNegative), stronger = max(seg.strongestPositive, -seg.strongestNegative)
        if weaker >= Self.weakClause && stronger >= Self.strongContribution {
            // A post of more sentences than `wholeTextMaxSentences` (scored whole, being short)
            // is a string of short reactions, each sentence a clause: one sour one among glad ones
            // ("…Amazing crowd. Lost my voice. Worth it!") opposes nothing; such a post is mixed
            // only by the balance of its sides (`mixed-balance`).
            let many = scanner.sentences.count > max(1, model.configuration.wholeTextMaxSentences)
            part.opposedClauses = !many && scorer.opposedClauses(0..<scanner.tokens.count, of: &scanner, strong: Self.strongContribution,
                                                                 weak: Self.weakClause)
            // Only for a candidate of `mixed` (rare), so the common path reads no token twice.
            var clauses = scanner.sentences.count > 1 || scanner.stats.contrastWords > 0
            var i = 1
            while !clauses && i < scanner.tokens.count {
                clauses = scanner.tokens[i].breakBefore
                i += 1
            }
            part.clauses = clauses
            // A winner needs its clauses in more than one sentence: a one-sentence text reads nothing more.
            part.winner = scanner.sentences.count > 1
                ? scorer.oneSideWins(0..<scanner.tokens.count, of: &scanner, weak: Self.weakClause) : 0
        }
        if language == 1 && part.compound != 0 && model.heuristics.report && isPlainReport(seg) {
            part = damped(part)
        } else if language != 2 && part.compound != 0 && model.heuristics.infoQuestion
                    && isInformationQuestion(seg) {
            part = dampedQuestion(part)
        }
        if model.heuristics.concession && (part.opposedClauses || part.pos > 0 && part.neg > 0) && concedes() {
            part.conceded = true
        }
        return part
    }

    private mutating func figures(_ p: Part) -> Figures {
        let c = model.configuration
        let label: Sentiment.Label
        // After "but" the later clause weighs more; the balance asked of pos and neg is lower.
        let balance = scorer.firedBits & (1 << UInt64(HeuristicName.contrast)) != 0 ? Self.mixedBalanceContrast : Self.mixedBalance
        let relief = scorer.tagged.contains(Self.reliefTag)
        if p.conceded {
            scorer.fire(HeuristicName.concession)
            if scorer.explaining { scorer.explanation.append("  concession: one side of the contrast is conceded, not mixed") }
        }
        let twoSided = p.clauses && !p.conceded
            && (p.pos >= c.mixedThreshold && p.neg >= c.mixedThreshold && min(p.pos, p.neg) >= balance * max(p.pos, p.neg)
                && p.strongestPositive >= Self.strongContribution && p.strongestNegative <= -Self.strongContribution
                || p.opposedClauses && c.mixedThreshold <= 1 && model.heuristics.opposedClauses)
        let oneSided = p.winner != 0 && twoSided && !relief
        if oneSided {
            scorer.fire(HeuristicName.oneSideWins)
            if scorer.explaining { scorer.explanation.append("  one side wins: its polar clauses outnumber the other's two to one, over more than one sentence, and end the text") }
        }
        if oneSided {
            label = p.winner > 0 ? .positive : .negative
        } else if p.clauses && !p.conceded && p.pos >= c.mixedThreshold && p.neg >= c.mixedThreshold && min(p.pos, p.neg) >= balance * max(p.pos, p.neg)
            && p.strongestPositive >= Self.strongContribution && p.strongestNegative <= -Self.strongContribution {
            // A relief names the bad thing that ended ("new job after the layoff, what a relief"):
            // glad, whatever the balance.
            label = relief ? .positive : .mixed
            if !relief {
                scorer.fire(HeuristicName.mixedBalance)
                if scorer.explaining { scorer.explanation.append("  mixed balance: a strong positive and a strong negative word, near balance") }
            }
        } else if p.opposedClauses && !p.conceded && c.mixedThreshold <= 1 && model.heuristics.opposedClauses
                    && !relief {
            // Relief ("phew", "thank goodness") names the bad thing that ended: not mixed.
            scorer.fire(HeuristicName.opposedClauses)
            if scorer.explaining { scorer.explanation.append("  opposed clauses: one clearly positive, one clearly negative") }
            label = .mixed
        } else if p.compound >= c.positiveThreshold {
            label = .positive
        } else if p.compound <= c.negativeThreshold {
            label = .negative
        } else {
            label = .neutral
        }
        scorer.keepTags(consistentWith: label)
        return Figures(label: label, compound: p.compound, pos: p.pos, neu: p.neu, neg: p.neg, unsupported: false, lang: p.lang)
    }

    /// A contribution at least this large (after heuristics) counts as strong for `mixed`; a
    /// clause summing to this much is clearly polar, and one of each sign makes a text mixed.
    static let strongContribution: Float = 1.0
    /// A text of at most this many UTF-8 bytes is a post (a 280-character tweet, with room for
    /// emoji) and is scored whole however many sentences it has.
    static let postMaxBytes = 320
    /// For `opposed-clauses`, the weaker of the two opposed clauses must sum to this much.
    static let weakClause: Float = 0.6
    /// `ReactionTag.order` index of `relief`.
    static let reliefTag: UInt8 = 0
    /// For `mixed`, the weaker of pos and neg must reach this share of the stronger (a relief
    /// that names the bad thing it ends is not mixed).
    static let mixedBalance = 0.4
    static let mixedBalanceContrast = 0.2
}
