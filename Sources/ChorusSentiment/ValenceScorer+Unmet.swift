/// Session 11 (acc11b): positive words that do not make a post positive. Two rule positions
/// whose matches the phrase matcher notes (`unmets`, `wraps`) and which are weighed here once
/// the words are scored: no pass over the text of their own.
extension ValenceScorer {
    /// A counterfactual or unmet wish (`at: unmet`: "would have been", "could have been", "was
    /// supposed to be", "if only", "I wish the", "hoped for"): what it names did not happen, so
    /// every positive contribution after the phrase, to the end of its clause (a clause break or
    /// a contrast word), counts negative, its own value included (a negated bad word, "if the
    /// bins hadn't been overflowing", is praise of what did not happen). The phrase itself
    /// counted its valence as a phrase rule. "Would have been nice to get a reply", "It could
    /// have been a brilliant day if the queues weren't three hours long", "If only the portions
    /// were as generous as the photos". Not in a sarcastic text, whose praise `finish` turns
    /// anyway. Applied before the contrast weighting. Returns whether a contribution turned.
    mutating func applyUnmet(_ range: Range<Int>, of scan: borrowing TextScanner, flip: Bool) -> Bool {
        guard !flip else { return false }
        let base = range.lowerBound, n = range.count
        var turned = false
        var i = 0
        for u in 0..<unmets.count {
            let from = Int(unmets[u].end)
            var to = from
            while to < n {
                let t = scan.tokens[base + to]
                if t.breakBefore || (t.id >= 0 && model.vocabulary.entries[Int(t.id)].isContrast) { break }
                to += 1
            }
            // `scored` is in increasing order, and so are the frames.
            while i < scored.count && Int(scored[i]) < from { i += 1 }
            var j = i
            while j < scored.count && Int(scored[j]) < to {
                let k = Int(scored[j])
                if slot[k].value > 0 {
                    if explaining {
                        explanation.append("  \(fmt(-slot[k].value))  '\(model.vocabulary.token(scan.tokens[base + k].id))' \(fmt(slot[k].value)) in the unmet frame '\(model.phrases[Int(unmets[u].phrase)].text)' (rule \(model.phrases[Int(unmets[u].phrase)].name)): counts negative")
                    }
                    slot[k].value = -slot[k].value
                    slot[k].ownValue = -slot[k].ownValue
                    turned = true
                }
                j += 1
            }
        }
        return turned
    }

    /// The least the rest of a text must sum to for an `at: wrap` frame to stay praise: one
    /// clear word of praise ("friendly" 2.2, "best" 3.2), not a mild or incidental one ("gift
    /// card", "fast pass", a negated "broken").
    static let wrapGladRest: Float = 2.0

    /// Polite or glad words wrapped round a complaint (`at: wrap`, a `flip` rule: "love how",
    /// "nice of them to", "good luck getting"): when the contributions outside every wrap match
    /// and every praising aside sum to less than `wrapGladRest` (a bad fact, or a plain one:
    /// "Love how the app logs me out every five minutes", "Good luck getting anyone on the
    /// phone", "Love how the update deleted my notes. Brilliant."), the text is flipped like any
    /// sarcasm marker's (`finish`: the praise counts negative, or −1.2 when nothing else scored)
    /// and the rule fires with its tags; beside clear praise it is praise and nothing happens
    /// ("Love how friendly the staff are").
    mutating func applyWrap(flip: inout Bool) {
        guard !flip else { return }
        var rest: Float = 0
        var span = 0, other = 0
        for i in 0..<scored.count {
            let k = scored[i]
            while span < wraps.count && wraps[span].end <= k { span += 1 }
            while other < asideSpans.count && asideSpans[other].end <= k { other += 1 }
            let inWrap = span < wraps.count && k >= wraps[span].start
            let inAside = other < asideSpans.count && k >= asideSpans[other].start
            if !inWrap && !inAside { rest += slot[Int(k)].value }
        }
        guard rest < Self.wrapGladRest else { return }
        flip = true
        let w = wraps[0]
        let key = model.phraseKeys[Int(w.phrase)]
        fire(key.nameID)
        tag(key.tags)
        if explaining {
            explanation.append("  flip   '\(model.phrases[Int(w.phrase)].text)' rule \(model.phrases[Int(w.phrase)].name): polite words round a plain or bad fact (rest \(fmt(rest))): praise counts negative")
        }
    }

    /// Praise in scare quotes (rule `scare-quotes`): a quoted span of one to three words
    /// (`TextScanner.quotedSpans`) that holds a positive contribution and opened before a
    /// lower-case letter (in German, whose nouns are capitalized, before any letter) marks the
    /// text sarcastic, like a sarcasm marker: "Thanks for the \"help\"", "the \"speedy\" warranty
    /// service", "Danke für die \"Hilfe\"". A quote opened before a capital is a title or a name
    /// ("Watched \"Joy\" last night"), and a longer one is quoted speech; a text in the reporting
    /// register quotes (`quotesAReport`).
    mutating func applyScareQuotes(_ range: Range<Int>, of scan: borrowing TextScanner, language: UInt8, flip: inout Bool) {
        guard !flip else { return }
        let base = range.lowerBound
        var s = 0
        while s + 2 < scan.quotedSpans.count {
            let from = Int(scan.quotedSpans[s]) - base, to = Int(scan.quotedSpans[s + 1]) - base
            let upper = scan.quotedSpans[s + 2] != 0
            s += 3
            guard from >= 0, to <= range.count, !upper || language == 5 else { continue }
            for i in 0..<scored.count {
                let k = Int(scored[i])
                guard k >= from && k < to && slot[k].value > 0 else { continue }
                guard !quotesAReport(range, of: scan) else { return }
                flip = true
                fire(HeuristicName.scareQuotes)
                tag(Self.sarcasmTag)
                if explaining {
                    explanation.append("  flip   '\(model.vocabulary.token(scan.tokens[base + k].id))' in scare quotes: praise counts negative")
                }
                return
            }
        }
    }

    /// Whether the text is in the reporting register (a `report.cues` word and no word of
    /// personal voice): its quotes are quotations ("The minister said the talks were
    /// \"constructive\""), not scare quotes. Read only when a quoted span holds praise.
    private func quotesAReport(_ range: Range<Int>, of scan: borrowing TextScanner) -> Bool {
        var cue = false
        for q in range {
            let id = scan.tokens[q].id
            guard id >= 0 else { continue }
            let e = model.vocabulary.entries[Int(id)]
            if e.isPersonal { return false }
            cue = cue || e.isReportCue
        }
        return cue
    }

    /// The tag of a text made sarcastic by scare quotes.
    static let sarcasmTag = ReactionTag.mask(["sarcasm"])
}
