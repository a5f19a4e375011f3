/// Two frames that decide between `neutral`, `mixed` and a polar label from the shape of a
/// text rather than its words: a question asking for information (rule `info-question`) and
/// a conceded side of a contrast (rule `concession`). Each reads the tokens once.
extension SentimentSession {
    /// Whether the text just scored (`seg`, not Chinese) only asks for information: every
    /// sentence holding a sentiment word is a question (one `?`, no `!`) that a
    /// `report.questions` word opens within its first two tokens ("Does anyone know if the
    /// museum is open on Monday?", "Is the Sicilian a good opening for beginners?",
    /// "¿Se puede hacer fuego en el camping?"), only the lexicon fired and no word is
    /// stronger than `reportMaxValence` (a subject moved up or down, rule `direction`, counts as
    /// a word). "Is this the worst app ever?" judges; "Why is it
    /// always late?" complains ("why" opens none); "Who cares??" is emphatic (two `?`).
    /// `mutating` only so that the session is passed by address: a non-mutating call from
    /// `scorePart` copied all of it (1.2 kB) to the stack per text.
    mutating func isInformationQuestion(_ seg: SegmentScore) -> Bool {
        guard max(seg.strongestPositive, -seg.strongestNegative) <= Self.reportMaxValence else { return false }
        // A subject moved up or down asks like a word does ("Are prices going up this year?").
        for i in 0..<scorer.fired.count {
            let id = scorer.fired[i]
            if id != HeuristicName.lexicon && id != HeuristicName.contrast && id != HeuristicName.direction { return false }
        }
        let entries = model.vocabulary.entries
        var next = 0  // index into scorer.scored, which is in token order
        for s in 0..<scanner.sentences.count {
            let span = scanner.sentences[s]
            if span.exclamations > 0 { return false }
            var holds = false
            while next < scorer.scored.count && Int(scorer.scored[next]) < span.tokenEnd {
                holds = holds || Int(scorer.scored[next]) >= span.tokenStart
                next += 1
            }
            guard holds else { continue }
            guard span.questions == 1 else { return false }
            var opened = false
            for k in span.tokenStart..<min(span.tokenEnd, span.tokenStart + 2) {
                let id = scanner.tokens[k].id
                opened = opened || (id >= 0 && entries[Int(id)].isQuestionOpener)
            }
            if !opened { return false }
        }
        return true
    }

    /// Whether a contrast word's text concedes one side (a `concession` word: "still",
    /// "anyway", "admittedly", "a bit"; "quand même", "aun así", "trotzdem"): "A bit muddy,
    /// but what a fantastic walk", "Rough start, but we still had fun". The contrast weighting
    /// then decides the label and the text is not `mixed`. `mutating` for the reason
    /// `isInformationQuestion` is.
    mutating func concedes() -> Bool {
        guard scanner.stats.contrastWords > 0 else { return false }
        let entries = model.vocabulary.entries
        for k in 0..<scanner.tokens.count {
            let id = scanner.tokens[k].id
            if id >= 0 && entries[Int(id)].isConcession { return true }
        }
        return false
    }

    /// `part` damped towards neutral by `reportScale` as an information question.
    mutating func dampedQuestion(_ part: Part) -> Part {
        scorer.fire(HeuristicName.infoQuestion)
        var p = part
        p.compound = SegmentScore.normalize(Self.sum(of: part.compound) * Self.reportScale)
        p.opposedClauses = false
        p.clauses = false
        if scorer.explaining { scorer.explanation.append("  info-question: asks for information, sum ×\(Self.reportScale)") }
        return p
    }

    /// The sum a compound was normalized from (x / sqrt(x² + 15) inverted).
    static func sum(of compound: Double) -> Float {
        let c = min(0.999_999, abs(compound))
        return Float(c * (15 / (1 - c * c)).squareRoot()) * (compound < 0 ? -1 : 1)
    }
}
