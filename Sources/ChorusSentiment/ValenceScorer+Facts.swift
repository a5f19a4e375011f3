extension ValenceScorer {
    /// Fact patterns (`FactPattern`, `facts:` of the rule files): at each token that starts a
    /// pattern (its `first` word, found among the phrase starts the scanner already listed), the
    /// pattern's `then` word is looked for up to `gap` words later in the same clause (or earlier
    /// too, with `either`; with `across`, as the first or second word of the next clause instead),
    /// followed right away by a `next` word when the pattern has any. The
    /// search ends at a clause break or contrast word, and at a glad word (a lexicon word above 0,
    /// or a phrase set above 0: "third win this week" is no complaint). An `unless` word between
    /// the two, just before the earlier one or up to `FactPattern.unlessAfter` words after the
    /// later one cancels the match ("doesn't open on Sundays", "do not open"). A match counts the
    /// pattern's valence at the `then` word, which then counts like a lexicon word (boosted,
    /// negated by a negator before it: "never waited more than ten minutes", but not reversed: the
    /// pattern has read the words between, "only one of the lifts running"); the `first` word (and
    /// a `next` word) count nothing, so a negator that opens a pattern ("won't open") does not
    /// negate it. Words a phrase rule or the `direction` rule took are left alone; the first
    /// pattern that matches at a token wins.
    mutating func matchFacts(_ range: Range<Int>, of scan: inout TextScanner, language: UInt8, starts: Range<Int>) {
        let base = range.lowerBound
        // Most texts hold no first word of a pattern: `matchPhrases` noted that on its pass.
        guard namesFactFirst else { return }
        let firsts = model.vocabulary.factFirstOf
        let entries = model.vocabulary.entries
        let facts = model.facts
        var added = false
        scan.tokens.withUnsafeBufferPointer { all in
        let tokens = UnsafeBufferPointer(rebasing: all[range])
        for s in starts {
            let k = Int(scan.phraseStarts[s]) - base
            let id = tokens[k].id
            guard id >= 0 else { continue }
            var mask = firsts[Int(id)]
            guard mask != 0, isFree(k) else { continue }
            while mask != 0 {
                let f = mask.trailingZeroBitCount
                mask &= mask - 1
                let p = facts[f]
                guard p.language == 0 || p.language == language else { continue }
                let bit = UInt16(1) << UInt16(f)
                var found = factWord(from: k, step: 1, bit: bit, pattern: p, tokens: tokens, entries: entries)
                if found < 0 && p.either { found = factWord(from: k, step: -1, bit: bit, pattern: p, tokens: tokens, entries: entries) }
                guard found >= 0, !factCancelled(k, found, bit: bit, pattern: p, tokens: tokens, entries: entries) else { continue }
                slot[found].setValence = p.valence
                slot[found].factAt = Int16(f)
                slot[found].factFrom = id
                // The first word (and a `next` word) count nothing and modify nothing: "won't"
                // opens the pattern, it does not negate it, and "stopped" does not reverse it.
                slot[k].consumed = true
                if p.needsNext { slot[found + 1].consumed = true }
                ruleSlots.append(Int32(found))
                added = true
                break
            }
        }
        }
        // Kept in increasing order for the scoring loop's merge.
        if added { sortRuleSlots() }
    }

    /// Whether no phrase rule or other pattern took token `k`.
    @inline(__always)
    private func isFree(_ k: Int) -> Bool {
        !slot[k].consumed && slot[k].ruleAt < 0 && slot[k].setValence.isNaN
    }

    /// The `then` word of pattern `bit` from token `k` in direction `step` (±1), or −1.
    private func factWord(from k: Int, step: Int, bit: UInt16, pattern p: FactPattern, tokens: UnsafeBufferPointer<Token>,
                          entries: [Vocabulary.Entry]) -> Int {
        var j = k + step
        var between = 0
        // `across`: the clause break crossed, and where the next clause starts.
        var crossed = false, clauseStart = 0
        while j >= 0 && j < tokens.count && between <= Int(p.gap) {
            // One clause: no break between the two words; with `across`, exactly one.
            if tokens[step > 0 ? j : j + 1].breakBefore {
                guard p.across && step > 0 && !crossed else { return -1 }
                crossed = true
                clauseStart = j
            }
            let id = tokens[j].id
            if id >= 0 {
                let e = entries[Int(id)]
                if e.isContrast { return -1 }
                if e.factThen & bit != 0 && isFree(j) && (!p.across || (crossed && j - clauseStart <= 1)) {
                    guard p.needsNext else { return j }
                    let q = j + 1
                    if q < tokens.count && !tokens[q].breakBefore && tokens[q].id >= 0 && entries[Int(tokens[q].id)].factNext & bit != 0
                        && isFree(q) { return j }
                }
                // A glad word ends the search (with `across`, only in the outcome's clause: the
                // expectation may hold one, "promised 30 free hours, got 15").
                if e.valence > 0 && e.booster == 0 && !e.isNegator && slot[j].setValence.isNaN && !slot[j].consumed
                    && (!p.across || crossed) { return -1 }
            }
            if !slot[j].setValence.isNaN && slot[j].setValence > 0 && (!p.across || crossed) { return -1 }
            j += step
            between += 1
        }
        return -1
    }

    /// Whether an `unless` word of pattern `bit` stands between tokens `a` and `b`, just before
    /// the earlier or up to `FactPattern.unlessAfter` words after the later, in their sentence.
    private func factCancelled(_ a: Int, _ b: Int, bit: UInt16, pattern p: FactPattern, tokens: UnsafeBufferPointer<Token>,
                               entries: [Vocabulary.Entry]) -> Bool {
        let sentence = tokens[a].sentence
        let lo = max(0, min(a, b) - 1)
        let hi = min(tokens.count - 1, max(a, b) + (p.needsNext ? 1 : 0) + FactPattern.unlessAfter)
        for j in lo...hi where tokens[j].sentence == sentence {
            let id = tokens[j].id
            if id >= 0 && entries[Int(id)].factUnless & bit != 0 { return true }
        }
        return false
    }
}
