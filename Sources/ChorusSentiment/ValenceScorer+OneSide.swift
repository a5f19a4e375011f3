/// Whether one side of a two-sided text plainly wins (session 11, mixed12): the rubric's
/// `mixed` is a good and a bad evaluation side by side, *neither winning*.
extension ValenceScorer {
    /// +1 or −1 (the winning side's sign) when the polar clauses of one sign outnumber those of the other at least two to
    /// one and that side also has the last polar clause, the verdict: "Friendly staff, but the
    /// nets were torn. Dangerous" (one glad clause against two bad ones, the bad side ending
    /// it), else 0. Clauses are split as in `opposedClauses` (sentence ends, commas, dashes, contrast
    /// words); a clause is polar when its own contributions (before the contrast weighting,
    /// negated words left out) sum to `weak` or more either way. Read only for a candidate of
    /// `mixed` (a strong word of each sign), so the common path reads no token twice.
    func oneSideWins(_ range: Range<Int>, of scan: inout TextScanner, weak: Float) -> Int {
        var sum: Float = 0, glad = 0, sour = 0, last = 0
        // The sentences of each side's first and last polar clause.
        var gladFrom: Int32 = .max, gladTo: Int32 = -1, sourFrom: Int32 = .max, sourTo: Int32 = -1
        var sentence: Int32 = 0
        for k in 0...range.count {
            let ends = k == range.count
            if ends || k > 0 {
                let t = ends ? nil : Optional(scan.tokens[range.lowerBound + k])
                let contrast = t.map { $0.id >= 0 && model.vocabulary.entries[Int($0.id)].isContrast } ?? false
                if ends || t!.breakBefore || contrast {
                    if sum >= weak {
                        glad += 1; last = 1; gladFrom = min(gladFrom, sentence); gladTo = sentence
                    } else if sum <= -weak {
                        sour += 1; last = -1; sourFrom = min(sourFrom, sentence); sourTo = sentence
                    }
                    sum = 0
                }
            }
            if !ends {
                if sum == 0 { sentence = scan.tokens[range.lowerBound + k].sentence }
                sum += slot[k].ownValue
            }
        }
        guard glad > 0 && sour > 0 else { return 0 }
        if glad >= 2 * sour && last > 0 && gladTo > gladFrom { return 1 }
        return sour >= 2 * glad && last < 0 && sourTo > sourFrom ? -1 : 0
    }
}
