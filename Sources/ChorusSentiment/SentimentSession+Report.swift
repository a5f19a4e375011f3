extension SentimentSession {
    /// The largest single contribution a plain report may hold: "outage", "flu", "suspect",
    /// "agreement" name what is reported; "disaster", "amazing" judge it.
    static let reportMaxValence: Float = 2.0
    /// What is left of a plain report's sum (rule `report`).
    static let reportScale: Float = 0.05

    /// Whether the English text just scored (`seg`) reads as a plain report, which the rubric
    /// calls neutral unless what it reports is plainly good or bad: it holds a number or a
    /// reporting word (`report.cues` of the rule files: says, announces, Tuesday, UTC…), no
    /// word of personal voice (`report.personal`: I, my, we, you…), no `!` or `?`, only the
    /// lexicon fired (no phrase rule, booster, negation or emphasis, which would judge or
    /// report a plain good or bad turn: "prices soar", "ban lifted"), its words lean one way
    /// and none is stronger than `reportMaxValence`. "The outage began at 14:02 UTC" reports;
    /// "The outage ruined my morning" does not.
    /// `mutating` only so that the session is passed by address, not copied (1.2 kB) per text.
    mutating func isPlainReport(_ seg: SegmentScore) -> Bool {
        guard scorer.scored.count == 1, max(seg.strongestPositive, -seg.strongestNegative) <= Self.reportMaxValence else { return false }
        for i in 0..<scorer.fired.count where scorer.fired[i] != HeuristicName.lexicon && scorer.fired[i] != HeuristicName.contrast {
            return false
        }
        for s in 0..<scanner.sentences.count where scanner.sentences[s].exclamations > 0 || scanner.sentences[s].questions > 0 {
            return false
        }
        var cue = false
        let entries = model.vocabulary.entries
        for k in 0..<scanner.tokens.count {
            let id = scanner.tokens[k].id
            guard id >= 0 else { continue }
            if entries[Int(id)].isPersonal { return false }
            cue = cue || entries[Int(id)].isReportCue
        }
        return cue
    }

    /// `part` damped by `reportScale` (rule `report`).
    mutating func damped(_ part: Part) -> Part {
        scorer.fire(HeuristicName.report)
        var p = part
        // Back from the compound to the sum, scaled, normalized again.
        p.compound = SegmentScore.normalize(Self.sum(of: part.compound) * Self.reportScale)
        if scorer.explaining { scorer.explanation.append("  report: a plain report, sum ×\(Self.reportScale)") }
        return p
    }
}
