extension ValenceScorer {
    /// Marks phrase-rule matches (longest first, left to right, not overlapping).
    /// `starts`: the entries of `scan.phraseStarts` within `range`.
    mutating func matchPhrases(_ range: Range<Int>, of scan: inout TextScanner, language: UInt8, starts: Range<Int>,
                               flip: inout Bool) {
        let n = range.count
        let base = range.lowerBound
        // Only tokens that start some phrase are candidates; a match covers the tokens up to
        // `free`, where the next match may start.
        var free = 0
        var rises: Int8 = 0
        var factFirsts: UInt16 = 0
        // Unchecked token reads: `range` lies within `scan.tokens`.
        scan.tokens.withUnsafeBufferPointer { all in
        let tokens = UnsafeBufferPointer(rebasing: all[range])
        for s in starts {
            let k = Int(scan.phraseStarts[s]) - base
            // Any `direction` subject among the starts, for `matchDirections` (before the overlap
            // test: a subject inside a shifting match may still count).
            rises |= model.vocabulary.riseSigns[Int(tokens[k].id)]
            // Any fact pattern's first word, for `matchFacts` (which leaves a taken one alone).
            factFirsts |= model.vocabulary.factFirstOf[Int(tokens[k].id)]
            if k < free { continue }
            let t = tokens[k]
            let list = model.vocabulary.phraseListOf[Int(t.id)]
            // A `direction` subject that starts no phrase.
            if list < 0 { continue }
            var matched = 0
            let next: Int32 = k + 1 < n ? tokens[k + 1].id : -2
            // The longer phrases that go on with the next word, then the one-token ones; or only
            // the one-token ones when no phrase goes on with it.
            let items = model.candidates(list: list, next: next)
            candidates: for c in Int(items.start)..<Int(items.start + items.count) {
                let r = model.phraseListItems[c]
                let key = model.phraseKeys[Int(r)]
                let m = Int(key.tokenCount)
                if k + m > n { continue }
                if key.language != 0 && key.language != language { continue }
                if tokens[k + m - 1].sentence != t.sentence { continue }
                let ts = Int(key.tokenStart)
                if m > 2 { for q in 2..<m where tokens[k + q].id != model.phraseTokens[ts + q] { continue candidates } }
                switch key.position {
                case .any: break
                case .start: if base + k != scan.sentences[Int(t.sentence)].tokenStart { continue }
                case .end: if base + k + m != scan.sentences[Int(t.sentence)].tokenEnd { continue }
                case .whole: if k != 0 || m != n { continue }
                case .aside, .close:
                    if !t.breakBefore { continue }
                    if key.position == .close && (t.sentence == tokens[0].sentence || t.sentence != tokens[n - 1].sentence) { continue }
                    // Up to two unknown words (a name) may close a thanks or cheers clause when
                    // it ends the text: "…no call. thanks NHS"; after praise they are what is
                    // praised ("Terrible battery, great camera").
                    var q = k + m
                    if q < n && !tokens[q].breakBefore {
                        // A praise of one word before a noun is what it praises ("great camera");
                        // a verdict of two or more words may be addressed ("Great job SNKRS").
                        guard m >= 2 || Self.thanksAside(model.phrases.firstText(Int(r))) else { continue }
                        while q < n && q < k + m + 2 && !tokens[q].breakBefore && tokens[q].id < 0 { q += 1 }
                        if q < n { continue }
                    }
                    if k == 0 && q == n { continue }
                case .glad: hasGlad = true
                case .fact:
                    // A milestone told as a fact (session 10b); in a schedule, rule or question its
                    // words count nothing ("Offers are accepted until noon"), and no rule fires.
                    switch factFrame(k, m, tokens: tokens, question: scan.sentences[Int(t.sentence)].questions > 0,
                                     anyNumber: scan.anyNumber) {
                    case .fact: break
                    case .unframed: continue
                    case .schedule:
                        for q in 0..<m { slot[k + q].setValence = 0; slot[k + q].consumed = q > 0 }
                        if explaining {
                            explanation.append("  +0.00  '\(model.phrases[Int(r)].text)' rule \(model.phrases[Int(r)].name): in a schedule, rule or question, not a fact")
                        }
                        matched = m
                        break candidates
                    }
                case .against:
                    // The bad side of a glad text: decided once the rest is scored (`applyAgainst`);
                    // until then its words stay free for the other rules.
                    againsts.append(Lead(nameID: key.nameID, phrase: r, start: Int32(k), end: Int32(k + m)))
                    continue candidates
                case .unmet:
                    // A counterfactual or unmet wish (session 11): counts its valence like any
                    // phrase, and `applyUnmet` turns the praise after it in its clause.
                    unmets.append(Lead(nameID: key.nameID, phrase: r, start: Int32(k), end: Int32(k + m)))
                case .wrap: break
                case .lead:
                    // The first part of a rule with `within`: noted for its second part, scores
                    // nothing, and leaves its words to the other rules.
                    leads.append(Lead(nameID: key.nameID, phrase: r, start: Int32(k), end: Int32(k + m)))
                    continue candidates
                }
                if key.within >= 0 && !takeLead(before: k, within: Int(key.within), nameID: key.nameID, phrase: r) { continue }
                switch key.effect {
                case .set(let v):
                    slot[k].setValence = v
                    slot[k].ruleAt = r
                    ruleSlots.append(Int32(k))
                    for q in 1..<m { slot[k + q].consumed = true }
                case .shift(let v):
                    slot[k].shift += v
                    slot[k].ruleAt = r
                    ruleSlots.append(Int32(k))
                case .booster(let b):
                    // The phrase acts from its last token, which carries no valence of its own
                    // ("just enough": "enough" only boosts).
                    slot[k + m - 1].phraseBooster = b
                    slot[k + m - 1].setValence = 0
                    for q in 0..<(m - 1) { slot[k + q].consumed = true }
                case .flip where key.position == .aside || key.position == .close:
                    // Decided once the rest of the text is scored (`applyAside`); a one-word
                    // aside stays free for the other rules ("thanks" keeps its gratitude).
                    if aside.rule < 0 { aside = (r, Int32(k), Int32(k + m)) }
                    asideSpans.append(Lead(nameID: key.nameID, phrase: r, start: Int32(k), end: Int32(k + m)))
                    if m == 1 { continue candidates }
                case .flip where key.position == .wrap:
                    // Decided once the rest of the text is scored (`applyWrap`); its words keep
                    // their values until then ("love how" is praise when the rest is glad).
                    wraps.append(Lead(nameID: key.nameID, phrase: r, start: Int32(k), end: Int32(k + m)))
                case .flip:
                    flip = true
                    fire(key.nameID)
                    tag(key.tags)
                    if explaining { explanation.append("  flip   '\(model.phrases[Int(r)].text)' rule \(model.phrases[Int(r)].name): praise counts negative") }
                }
                matched = m
                break
            }
            free = k + max(matched, 1)
        }
        }
        namesSubject = rises != 0
        namesFactFirst = factFirsts != 0
    }

    /// The value of a subject moved up or down (`matchDirections`): a phrase rule's weight.
    static let directionValence: Float = 1.8
    /// The most words between a subject and its direction word.
    static let directionGap = 4

    /// Subject and direction a few words apart in one clause (rule `direction`): a subject whose
    /// rise is bad (`direction.bad`: prices, unemployment, crime) or good news (`direction.good`:
    /// shares, wages, exports), followed within `directionGap` words of its clause by a word
    /// that moves it up or down (`direction.up` / `.down`), counts `directionValence` with the
    /// sign of the product at the direction word, and the subject's own word counts nothing:
    /// "Youth unemployment in the north climbs" is bad news, "Burglaries in the county down 18%"
    /// good, "Exports to the EU fall" bad. Neither word may be part of a phrase already matched
    /// (the phrase rules "prices soar", "profits up" decide there); a contrast word, another
    /// subject or a `direction.stop` word (a new clause: "as", "after"; a forecast: "will",
    /// "could") ends the search, and the first direction word is the one taken. The direction
    /// word then counts like a lexicon word: "Prices did not rise" is negated. With no direction
    /// word after it, one just before the subject counts the same way (perhaps with a count or
    /// an article between): "rising prices", "cheaper fares", "higher rents". Limits: two
    /// subjects in a row take the second's sign ("Stock prices tumble" reads as prices falling:
    /// good news), and the word before the subject counts nothing even when it is a sentiment
    /// adverb ("Finally prices fall").
    mutating func matchDirections(_ range: Range<Int>, of scan: inout TextScanner, starts: Range<Int>) {
        // Most texts name no subject (`matchPhrases` noted whether one does): ~150 instructions
        // a tweet of visiting the phrase starts again saved (callgrind, tspeed10).
        guard namesSubject else { return }
        let n = range.count
        let base = range.lowerBound
        let entries = model.vocabulary.entries
        let anyNumber = scan.anyNumber
        var added = false
        // Unchecked reads: `range` lies within `scan.tokens`, `starts` within `scan.phraseStarts`
        // (whose entries index tokens of the range), and a phrase start is a known word (id ≥ 0).
        // Most starts are no subject: one byte of `riseSigns` each says so (was an entry read,
        // bounds-checked, ~30 instructions a start, 250 a tweet; callgrind, tspeed10).
        model.vocabulary.riseSigns.withUnsafeBufferPointer { signs in
        scan.phraseStarts.withUnsafeBufferPointer { phraseStarts in
        scan.tokens.withUnsafeBufferPointer { all in
        let tokens = UnsafeBufferPointer(rebasing: all[range])
        for s in starts {
            let k = Int(phraseStarts[s]) - base
            let sign = signs[Int(tokens[k].id)]
            guard sign != 0, !slot[k].consumed, slot[k].ruleAt < 0, slot[k].setValence.isNaN else { continue }
            var found = -1
            var j = k + 1
            while j < n && j <= k + 1 + Self.directionGap && !tokens[j].breakBefore {
                let id = tokens[j].id
                if id >= 0 {
                    let e = entries[Int(id)]
                    if e.isContrast || e.riseSign != 0 || e.direction == 2 { break }
                    if e.direction != 0 {
                        if !slot[j].consumed && slot[j].ruleAt < 0 && slot[j].setValence.isNaN { found = j }
                        break
                    }
                }
                j += 1
            }
            // Else a direction word just before it, perhaps with a count or an article between:
            // "rising prices", "cheaper fares".
            if found < 0 {
                var b = k - 1
                var skipped = 0
                while skipped < 2 && b >= 0 && !tokens[b + 1].breakBefore && Self.isCountOrArticle(tokens[b].id, anyNumber: anyNumber, model: model) {
                    b -= 1
                    skipped += 1
                }
                if b >= 0 && !tokens[b + 1].breakBefore && tokens[b].id >= 0 {
                    let d = entries[Int(tokens[b].id)].direction
                    if (d == 1 || d == -1) && !slot[b].consumed && slot[b].ruleAt < 0 && slot[b].setValence.isNaN { found = b }
                }
            }
            guard found >= 0 else { continue }
            let d = entries[Int(tokens[found].id)].direction
            slot[found].setValence = Self.directionValence * Float(sign) * Float(d)
            slot[found].directionFrom = tokens[k].id
            slot[k].setValence = 0
            // The word just before the subject names what kind it is ("violent crime", "cancer
            // survival rates"), so it counts nothing either.
            let m = k - 1
            if m >= 0 && m != found && !tokens[k].breakBefore && !slot[m].consumed && slot[m].ruleAt < 0 && slot[m].setValence.isNaN
                && tokens[m].id >= 0 && !model.vocabulary.modifiers[Int(tokens[m].id)] {
                slot[m].setValence = 0
            }
            ruleSlots.append(Int32(found))
            added = true
        }
        }
        }
        }
        // Kept in increasing order for the scoring loop's merge.
        if added { sortRuleSlots() }
    }

    /// A count in digits, or an article or possessive between a direction word and its subject.
    static func isCountOrArticle(_ id: Int32, anyNumber: Int32, model: SentimentModel) -> Bool {
        if id < 0 { return false }
        if id == anyNumber { return true }
        switch model.vocabulary.token(id) {
        case "the", "its", "their", "a", "an", "our", "all": return true
        default: return false
        }
    }

    /// Sorts `ruleSlots` (short: one entry per phrase match) by insertion.
    mutating func sortRuleSlots() {
        var i = 1
        while i < ruleSlots.count {
            let x = ruleSlots[i]
            var j = i - 1
            while j >= 0 && ruleSlots[j] > x {
                ruleSlots[j + 1] = ruleSlots[j]
                j -= 1
            }
            ruleSlots[j + 1] = x
            i += 1
        }
    }

    /// For the second part of a rule with `within` at token `k`: whether a lead of the same rule
    /// ends at most `within` words before `k`. If so, the words of every such lead that no other
    /// rule took count nothing (the expectation is read with its outcome: "ready in 7 days" is no
    /// praise when "Collected on day 23" follows), and --explain names both parts.
    mutating func takeLead(before k: Int, within: Int, nameID: Int32, phrase r: Int32) -> Bool {
        var nearest = -1
        for i in 0..<leads.count where leads[i].nameID == nameID && Int(leads[i].end) <= k && k - Int(leads[i].end) <= within {
            nearest = i
            for q in Int(leads[i].start)..<Int(leads[i].end) where slot[q].ruleAt < 0 && slot[q].setValence.isNaN {
                slot[q].consumed = true
            }
        }
        guard nearest >= 0 else { return false }
        if explaining {
            let lead = leads[nearest]
            explanation.append("  frame  '\(model.phrases[Int(lead.phrase)].text)' … '\(model.phrases[Int(r)].text)' rule \(model.phrases[Int(r)].name): \(k - Int(lead.end)) words apart (within \(within))")
        }
        return true
    }

    /// Whether an aside phrase thanks (a name may follow it): "thanks", "thank you", "cheers".
    static func thanksAside(_ phrase: String) -> Bool {
        phrase.hasPrefix("thank") || phrase.hasPrefix("cheers") || phrase == "thx" || phrase == "ty" || phrase == "ta"
            || phrase.hasPrefix("merci") || phrase.hasPrefix("gracias") || phrase.hasPrefix("danke")
    }

    /// A praising aside ("Perfect.", "Great start.") set against a bad fact is sarcasm: when
    /// the contributions outside the aside sum to `asideNegative` or less, the total is
    /// flipped like any sarcasm marker's: the praise counts negative (`finish`; rule named by
    /// the aside's phrase rule).
    mutating func applyAside(flip: inout Bool) {
        let (r, from, to) = aside
        guard r >= 0, !flip else { return }
        // The rest: every contribution outside the asides ("Rejected again. Brilliant, love that
        // for me": the second aside's praise is no part of the bad fact).
        var rest: Float = 0
        var span = 0
        for i in 0..<scored.count {
            let k = scored[i]
            while span < asideSpans.count && asideSpans[span].end <= k { span += 1 }
            if span == asideSpans.count || k < asideSpans[span].start { rest += slot[Int(k)].value }
        }
        guard rest <= Self.asideNegative else { return }
        flip = true
        // A one-word aside kept its own rule ("thanks": gratitude); the flip contradicts it,
        // unless the same rule stands elsewhere in the text.
        if to - from == 1, slot[Int(from)].ruleAt >= 0 {
            let own = model.phraseKeys[Int(slot[Int(from)].ruleAt)].nameID
            var elsewhere = false
            for i in 0..<scored.count where Int(scored[i]) != Int(from) {
                let at = slot[Int(scored[i])].ruleAt
                if at >= 0 && model.phraseKeys[Int(at)].nameID == own { elsewhere = true }
            }
            if !elsewhere { unfire(own) }
        }
        let key = model.phraseKeys[Int(r)]
        fire(key.nameID)
        tag(key.tags)
        if explaining {
            explanation.append("  flip   '\(model.phrases[Int(r)].text)' rule \(model.phrases[Int(r)].name): an aside of praise beside a bad fact (\(fmt(rest))): praise counts negative")
        }
    }

    /// Tears in a glad text are joy: when the contributions outside the `at: glad` matches sum
    /// to `gladRest` or more, or to more than 0 in a text with two or more `!`, or to 0 or more
    /// with two or more `!` before the sentence of the first tears (a `!` after a `?` not
    /// counted: "Why?!"), each glad match counts its magnitude positive and its rule
    /// fires (with its tags); else it keeps its negative valence and fires nothing. Not in a
    /// sarcastic text. Applied before the contrast weighting; the strongest values are read
    /// again after it. Returns whether a match turned.
    mutating func applyGlad(_ range: Range<Int>, of scan: inout TextScanner, flip: Bool) -> Bool {
        guard hasGlad, !flip else { return false }
        var rest: Float = 0
        var tears = Int.max
        for i in 0..<scored.count {
            let k = Int(scored[i])
            if !isGlad(k) { rest += slot[k].value } else { tears = min(tears, Int(scan.tokens[range.lowerBound + k].sentence)) }
        }
        // `!` (not after a `?`) in the whole text, and in the sentences before the first tears:
        // news cried out and then tears ("Offer letter came through!!! crying") even when the
        // news scores nothing; tears cried out ("crying!! I didn't get the job") are not joy.
        var exclamations = 0, before = 0
        let first = Int(scan.tokens[range.lowerBound].sentence), last = Int(scan.tokens[range.upperBound - 1].sentence)
        for s in first...last {
            let e = max(0, scan.sentences[s].exclamations - scan.sentences[s].questions)
            exclamations += e
            if s < tears { before += e }
        }
        guard rest >= Self.gladRest || (rest > 0 && exclamations >= 2) || (rest >= 0 && before >= 2) else { return false }
        var turned = false
        for i in 0..<scored.count {
            let k = Int(scored[i])
            guard isGlad(k), slot[k].value < 0 else { continue }
            slot[k].value = -slot[k].value
            slot[k].ownValue = -slot[k].ownValue
            turned = true
            let key = model.phraseKeys[Int(slot[k].ruleAt)]
            fire(key.nameID)
            tag(key.tags)
            if explaining {
                explanation.append("  \(fmt(slot[k].value))  '\(model.phrases[Int(slot[k].ruleAt)].text)' rule \(model.phrases[Int(slot[k].ruleAt)].name): tears in a glad text (rest \(fmt(rest)), \(exclamations)×!) count as joy")
            }
        }
        return turned
    }

    /// Whether slot `k` holds an `at: glad` match.
    @inline(__always)
    func isGlad(_ k: Int) -> Bool {
        slot[k].ruleAt >= 0 && model.phraseKeys[Int(slot[k].ruleAt)].position == .glad
    }

    /// Whether a negator stands within three tokens before `k`, in the same clause.
    func isNegated(_ k: Int, _ range: Range<Int>, of scan: borrowing TextScanner) -> Bool {
        guard model.heuristics.negation else { return false }
        let base = range.lowerBound
        var j = k - 1
        while j >= 0 && k - j <= 3 && !scan.tokens[base + j + 1].breakBefore {
            let id = scan.tokens[base + j].id
            if !slot[j].consumed, slot[j].setValence.isNaN, id >= 0, model.vocabulary.modifiers[Int(id)],
               model.vocabulary.entries[Int(id)].isNegator { return true }
            j -= 1
        }
        return false
    }

    /// "but"/"however": in each sentence, the contributions before its last contrast word
    /// are halved (back to the start of the previous sentence when the word opens its own)
    /// and those after it, to the sentence's end, count 1.5 times. One pass, so a text full
    /// of "but"s stays linear.
    ///
    /// `contrasts`: the entries of `scan.contrasts` within `range`, visited from the last;
    /// those after `limit` lie in a stretch already weighted.
    mutating func applyContrast(_ range: Range<Int>, of scan: inout TextScanner, contrasts: Range<Int>) {
        let base = range.lowerBound
        let n = range.count
        var limit = n - 1
        var lastSentence = -1
        var c = contrasts.upperBound
        while c > contrasts.lowerBound {
            c -= 1
            let k = Int(scan.contrasts[c]) - base
            if k > limit { continue }
            let t = scan.tokens[base + k]
            let s = Int(t.sentence)
            guard s != lastSentence, !slot[k].consumed else { continue }
            lastSentence = s
            var from = scan.sentences[s].tokenStart
            if base + k == from && s > 0 { from = scan.sentences[s - 1].tokenStart }
            from = max(from - base, 0)
            let to = min(scan.sentences[s].tokenEnd - base, n)
            var changed = false
            for q in from..<k where slot[q].value != 0 { slot[q].value *= 0.5; changed = true }
            if k + 1 < to { for q in (k + 1)..<to where slot[q].value != 0 { slot[q].value *= 1.5; changed = true } }
            if changed {
                fire(HeuristicName.contrast)
                if explaining { explanation.append("  contrast '\(model.vocabulary.token(t.id))': before ×0.5, after ×1.5") }
            }
            limit = from - 1
        }
    }

    /// Sums the contributions, adds ! and ? emphasis, and normalizes.
    mutating func finish(_ range: Range<Int>, of scan: inout TextScanner, result: inout SegmentScore, flip: Bool) -> SegmentScore {
        let n = range.count
        // Only the tokens in `scored` can be non-zero; adding +0 would change no sum, and
        // counting the neutral tokens gives the same value as adding 1 per token (a Float
        // stops growing at 2^24).
        var sum: Float = 0, posSum: Float = 0, negSum: Float = 0, zeros = 0, praise: Float = 0
        slot.withUnsafeBufferPointer { slot in
            scored.withUnsafeBufferPointer { scored in
                for k in scored {
                    let v = slot[Int(k)].value
                    sum += v
                    // Selects, not branches (the signs come in no predictable order); adding
                    // +0 leaves either sum as it was.
                    let positive = v > 0, negative = v < 0
                    posSum += positive ? v + 1 : 0
                    praise += positive ? v : 0
                    negSum += negative ? v - 1 : 0
                    zeros += positive || negative ? 0 : 1
                }
            }
        }
        let neu = Float(min(n - scored.count + zeros, 1 << 24))
        var exclamations = 0, questions = 0
        let first = Int(scan.tokens[range.lowerBound].sentence), last = Int(scan.tokens[range.upperBound - 1].sentence)
        for s in first...last {
            exclamations += scan.sentences[s].exclamations
            questions += scan.sentences[s].questions
        }
        if flip && praise > 0 {
            // Sarcasm: the praise is what is meant the other way, so each positive contribution
            // counts against ("Just marvellous. The train's cancelled again." is more negative
            // than the bad fact alone, not the small remainder of praise minus fact).
            sum -= 2 * praise
            negSum -= posSum
            posSum = 0
        }
        var emphasis: Float = 0
        if sum != 0 {
            if model.heuristics.exclamation && exclamations > 0 {
                emphasis += Float(min(exclamations, 4)) * Self.exclamationStep
                fire(HeuristicName.exclamation)
            }
            if model.heuristics.question && questions > 1 {
                emphasis += questions <= 3 ? Float(questions) * Self.questionStep : 0.96
                fire(HeuristicName.question)
            }
            if emphasis > 0 && explaining { explanation.append("  \(fmt(sum > 0 ? emphasis : -emphasis))  punctuation: \(exclamations)×!, \(questions)×?") }
            sum += sum > 0 ? emphasis : -emphasis
            if posSum > -negSum { posSum += emphasis } else if posSum < -negSum { negSum -= emphasis }
            // Glad words shouted ("Got the keys!!!"): excitement.
            if sum > 0 && exclamations >= 2 && !flip { tag(Self.excitementTag) }
        }
        if sum == 0 && scored.isEmpty && !flip && model.heuristics.exclamation && exclamations >= 2 && questions == 0 {
            // "Just landed in Tokyo!!": no sentiment word, but the emphasis is glad.
            sum = 2 * Self.exclamationStep
            posSum = sum + 1
            fire(HeuristicName.exclamation)
            tag(Self.excitementTag)
            if explaining { explanation.append("  \(fmt(sum))  punctuation alone: \(exclamations)×!, excitement") }
        }
        if flip {
            // A sarcastic text is not mixed: its positive words are the sarcasm.
            result.strongestNegative = min(result.strongestNegative, -result.strongestPositive)
            result.strongestPositive = 0
        }
        if flip && sum == 0 {
            sum = Self.sarcasmValence
            negSum = Self.sarcasmValence - 1
        }
        if !(sum.isFinite && posSum.isFinite && negSum.isFinite) {
            sum = 0; posSum = 0; negSum = 0
        }
        result.sum = sum
        result.compound = SegmentScore.normalize(sum)
        let total = posSum - negSum + neu
        if total > 0 {
            result.pos = Double(posSum / total)
            result.neg = Double(-negSum / total)
            result.neu = Double(neu / total)
        } else {
            result.neu = 1
        }
        return result
    }

    /// The tag of a text whose only emphasis is its exclamation marks.
    static let excitementTag = ReactionTag.mask(["excitement"])

    func describe(_ k: Int, _ t: Token, _ v: Float, _ fromLexicon: Bool) -> String {
        if slot[k].factAt >= 0 {
            let name = model.ruleNames[Int(model.facts[Int(slot[k].factAt)].nameID)]
            return "'\(model.vocabulary.token(slot[k].factFrom))' … '\(model.vocabulary.token(t.id))' fact \(name) \(fmt(v))"
        }
        if slot[k].directionFrom >= 0 {
            return "'\(model.vocabulary.token(slot[k].directionFrom))' … '\(model.vocabulary.token(t.id))' direction \(fmt(v))"
        }
        if slot[k].ruleAt >= 0 {
            let rule = model.phrases[Int(slot[k].ruleAt)]
            return "'\(rule.text)' \(rule.name == "idiom" ? "idiom" : "rule \(rule.name)") \(fmt(v))"
                + (rule.tags.isEmpty ? "" : " tags \(rule.tags.joined(separator: ","))")
        }
        let e = model.vocabulary.entries[Int(t.valenceID)]
        let stem = t.valenceID != t.id ? " (stem)" : ""
        let from = e.valence == 0 || (e.otherValence == v && e.otherSource >= 0) ? e.otherSource : e.source
        let source = fromLexicon && from >= 0 ? model.vocabulary.sources[Int(from)] : ""
        return "'\(model.vocabulary.token(t.valenceID))'\(stem) \(source) \(fmt(v))"
    }

    /// A signed number with two decimals.
    func fmt(_ x: Float) -> String {
        let c = Int((abs(x) * 100).rounded())
        let frac = c % 100
        return (x < 0 ? "-" : "+") + "\(c / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
    }
}
