import ChorusModel

/// Scores a range of scanned tokens with the lexicon, the phrase rules and the heuristics
/// (negation, boosters and dampeners, ALL-CAPS, elongation, contrast, ! and ? emphasis).
/// Holds scratch buffers, so one scorer serves many texts on one thread.
struct ValenceScorer: ~Copyable {
    static let capsIncrement: Float = 0.733
    static let boosterStep: Float = 0.293
    static let negationScalar: Float = -0.74
    /// A negative word after a reverser ("lifts the ban") counts this times its value.
    static let reversalScalar: Float = -0.8
    static let exclamationStep: Float = 0.292
    static let questionStep: Float = 0.18
    /// The value of a sarcasm marker ("/s", "yeah right") with nothing else to flip.
    static let sarcasmValence: Float = -1.2
    /// The most the rest of a text may sum to for a praising aside to be sarcasm.
    static let asideNegative: Float = -1.0
    /// The least the rest of a text may sum to for its `at: glad` tears to count as joy.
    static let gladRest: Float = 1.0

    let model: SentimentModel
    /// Ids (`SentimentModel.ruleNames`) of the rules fired so far, in firing order. This and
    /// `tagged` are `ScratchList`s, not arrays: emptying, appending to and handing out two
    /// arrays per text (their uniqueness checks, `removeAll(keepingCapacity:)` and reference
    /// counting) was ~250 instructions a tweet (callgrind; docs/sentiment-history.md, tspeed10).
    var fired = ScratchList<Int32>(capacity: 16)
    /// Bit `id` set when rule `id` (< 64) is in `fired`: most checks then cost one test.
    var firedBits: UInt64 = 0
    /// Reaction tags added so far (`ReactionTag.order` indices), in order.
    var tagged = ScratchList<UInt8>(capacity: 16)
    /// Readable lines for --explain, filled only when `explaining`.
    var explanation: [String] = []
    var explaining = false

    /// What the phrase matcher and the heuristics know about one token of the scored range.
    struct Slot {
        /// Valence set by a phrase rule, NaN when none.
        var setValence: Float = .nan
        /// Valence added by a phrase rule.
        var shift: Float = 0
        /// Booster scalar of a multi-word booster ending here.
        var phraseBooster: Float = 0
        /// The token's final contribution.
        var value: Float = 0
        /// The contribution before the contrast heuristic reweighed its clause; 0 when negated
        /// (a negated word is no clear sign of its clause's polarity).
        var ownValue: Float = 0
        /// Index of the phrase rule matched here, or −1.
        var ruleAt: Int32 = -1
        /// Part of a phrase matched at an earlier token: neutral.
        var consumed = false
        /// For a direction word valued by `matchDirections`: its subject's vocabulary id, else −1.
        var directionFrom: Int32 = -1
        /// For the closing word of a fact pattern (`matchFacts`): the pattern's index, else −1;
        /// and the vocabulary id of the pattern's first word.
        var factAt: Int16 = -1
        var factFrom: Int32 = -1
    }

    /// Per-token scratch, indexed from the start of the scored range.
    var slot = ScratchList<Slot>()
    /// Indices into `slot` whose `value` the scoring loop set, in increasing order; every
    /// other token contributes 0 (neutral), so the sums skip them.
    var scored = ScratchList<Int32>()
    /// Indices into `slot` where a phrase rule set or shifted the valence, in increasing order.
    var ruleSlots = ScratchList<Int32>()
    /// The first `at: aside` flip rule matched (phrase index, token span), or rule −1.
    var aside: (rule: Int32, from: Int32, to: Int32) = (-1, 0, 0)
    /// Whether a phrase start of the range last matched (`matchPhrases`) is a `direction`
    /// subject; `matchDirections` has nothing to do without one.
    var namesSubject = false
    /// Whether a phrase start of the range last matched is a fact pattern's first word;
    /// `matchFacts` has nothing to do without one.
    var namesFactFirst = false
    /// Whether an `at: glad` match (tears) was marked; `isGlad` finds its slots.
    var hasGlad = false
    /// The first part of a rule with `within`, matched in the scored range (token indices from
    /// its start): what the rule's second part looks back for.
    struct Lead {
        var nameID: Int32
        var phrase: Int32
        var start: Int32
        var end: Int32
    }
    var leads = ScratchList<Lead>(capacity: 4)
    /// Every `at: aside` or `at: close` flip match, in token order (the first is `aside`): the
    /// rest of the text an aside is weighed against leaves them all out.
    var asideSpans = ScratchList<Lead>(capacity: 4)
    /// Every `at: against` match (the bad side of a glad text, session 10b), in token order;
    /// `applyAgainst` reads the first.
    var againsts = ScratchList<Lead>(capacity: 4)
    /// Every `at: unmet` match (a counterfactual or unmet wish, session 11), in token order.
    var unmets = ScratchList<Lead>(capacity: 4)
    /// Every `at: wrap` match (polite words round a complaint, session 11), in token order.
    var wraps = ScratchList<Lead>(capacity: 4)

    init(model: SentimentModel) { self.model = model }

    mutating func reset() {
        fired.clear()
        firedBits = 0
        tagged.clear()
        explanation.clearKeepingCapacity()
    }

    @inline(__always)
    mutating func fire(_ id: Int32) {
        if id >= 0 && id < 64 {
            let bit = UInt64(1) << UInt64(id)
            if firedBits & bit == 0 { firedBits |= bit; fired.append(id) }
        } else if !fired.contains(id) {
            fired.append(id)
        }
    }

    /// Takes back a fired rule.
    mutating func unfire(_ id: Int32) {
        fired.removeAll { $0 == id }
        if id >= 0 && id < 64 { firedBits &= ~(UInt64(1) << UInt64(id)) }
    }

    mutating func tag(_ mask: UInt16) {
        guard mask != 0 else { return }
        for i in 0..<ReactionTag.order.count where mask & (1 << UInt16(i)) != 0 {
            if !tagged.contains(UInt8(i)) { tagged.append(UInt8(i)) }
        }
    }

    /// Drops the tags that contradict the label: glad tags (relief, excitement, anticipation,
    /// hope, gratitude: ids 0–4) from a negative text, sore ones (anger, worry, disappointment,
    /// sarcasm) from a positive one. A sarcastic "thanks a lot" is not gratitude.
    mutating func keepTags(consistentWith label: Sentiment.Label) {
        guard !tagged.isEmpty, label == .positive || label == .negative else { return }
        let glad = label == .positive
        tagged.removeAll { ($0 <= 4) != glad }
    }

    /// The fired rules' names and the tags, for the result.
    var ruleNames: [String] { fired.withUnsafeBufferPointer { $0.map { model.ruleNames[Int($0)] } } }
    var tagNames: [String] { tagged.withUnsafeBufferPointer { $0.map { ReactionTag.order[Int($0)] } } }

    /// Scores tokens `range` of `scan`, whose text is in `language` (`PhraseKey` code 1 or 2);
    /// `phraseStarts`, `valenced` and `contrasts` are the entries of those lists of `scan`
    /// within `range`. `scan` is `inout` only so that it is passed by address: borrowed from the
    /// session's stored scanner, it was copied to the stack (376 bytes) at every call.
    mutating func score(_ range: Range<Int>, of scan: inout TextScanner, language: UInt8,
                        phraseStarts: Range<Int>, valenced: Range<Int>, contrasts: Range<Int>) -> SegmentScore {
        let n = range.count
        var result = SegmentScore()
        guard n > 0 else { return result }
        result.hasTokens = true
        prepare(n)
        var flip = false
        matchPhrases(range, of: &scan, language: language, starts: phraseStarts, flip: &flip)
        if language == 1 && model.heuristics.direction { matchDirections(range, of: &scan, starts: phraseStarts) }
        if !model.facts.isEmpty { matchFacts(range, of: &scan, language: language, starts: phraseStarts) }
        let mixedCase = scan.stats.isMixedCase
        let h = model.heuristics
        // Every other token has no valence, no rule and so contributes 0: visit only the
        // tokens with a lexicon valence and the phrase matches, merged in order.
        var vi = valenced.lowerBound, ri = 0
        let base = range.lowerBound
        // Unchecked token reads: `range` lies within `scan.tokens` (the callers pass spans of it).
        scan.tokens.withUnsafeBufferPointer { all in
        let tokens = UnsafeBufferPointer(rebasing: all[range])
        while true {
            let a = vi < valenced.upperBound ? Int(scan.valenced[vi]) - base : Int.max
            let b = ri < ruleSlots.count ? Int(ruleSlots[ri]) : Int.max
            if a == Int.max && b == Int.max { break }
            let k = min(a, b)
            if a == k { vi += 1 }
            if b == k { ri += 1 }
            if slot[k].consumed { continue }
            let t = tokens[k]
            var v: Float = slot[k].setValence.isNaN ? 0 : slot[k].setValence
            var fromLexicon = false
            if slot[k].setValence.isNaN, t.valenceID >= 0 {
                let e = model.vocabulary.entries[Int(t.valenceID)]
                if e.booster == 0 && !e.isNegator { v = e.valence(in: language); fromLexicon = v != 0 }
            }
            v += slot[k].shift
            if v == 0 {
                if slot[k].ruleAt >= 0 { fireRule(k, negated: isNegated(k, range, of: scan), value: 0) }
                continue
            }
            let sign: Float = v > 0 ? 1 : -1
            var note = explaining ? describe(k, t, v, fromLexicon) : ""
            if fromLexicon { fire(HeuristicName.lexicon) }
            if slot[k].directionFrom >= 0 { fire(HeuristicName.direction) }
            if h.caps && t.allCaps && mixedCase {
                v += sign * Self.capsIncrement
                fire(HeuristicName.caps)
                if explaining { note += ", caps \(fmt(sign * Self.capsIncrement))" }
            }
            if h.elongation && t.elongated {
                v += sign * Self.boosterStep
                fire(HeuristicName.elongation)
                if explaining { note += ", elongation \(fmt(sign * Self.boosterStep))" }
            }
            var negated = false, reversed = false
            var j = k - 1
            var distance = 1
            while j >= 0 && distance <= 3 && !tokens[j + 1].breakBefore {
                let prev = tokens[j]
                var b = slot[j].phraseBooster
                var isNegator = false, isReverser = false
                if !slot[j].consumed, prev.id >= 0, model.vocabulary.modifiers[Int(prev.id)] {
                    let e = model.vocabulary.entries[Int(prev.id)]
                    if b == 0 && slot[j].setValence.isNaN { b = e.booster }
                    // A negator that starts a phrase rule ("not bad", "nothing but") is part of it.
                    isNegator = e.isNegator && slot[j].setValence.isNaN
                    isReverser = e.isReverser
                }
                if b != 0 && h.booster {
                    var s = b * (distance == 1 ? 1 : distance == 2 ? 0.95 : 0.9)
                    if prev.allCaps && mixedCase { s += (s > 0 ? 1 : -1) * Self.capsIncrement }
                    if prev.elongated && h.elongation {
                        s += (s > 0 ? 1 : -1) * Self.boosterStep
                        fire(HeuristicName.elongation)
                    }
                    v += sign * s
                    fire(b > 0 ? HeuristicName.booster : HeuristicName.dampener)
                    if explaining { note += ", \(b > 0 ? "booster" : "dampener") '\(model.vocabulary.token(prev.id))' \(fmt(sign * s))" }
                }
                if isNegator && h.negation { negated = true }
                // A fact pattern read the words between its two words ("only one of the lifts running").
                if isReverser && h.negation && v < 0 && slot[k].factAt < 0 { reversed = true }
                j -= 1
                distance += 1
            }
            if !negated && !reversed && v < 0 && h.negation && slot[k].factAt < 0 { reversed = reversedAfter(k, in: tokens) }
            if negated {
                v *= Self.negationScalar
                fire(HeuristicName.negation)
                if explaining { note += ", negated ×\(fmt(Self.negationScalar))" }
            } else if reversed {
                v *= Self.reversalScalar
                fire(HeuristicName.reversal)
                if explaining { note += ", reversed ×\(fmt(Self.reversalScalar))" }
            }
            if slot[k].factAt >= 0 {
                let p = model.facts[Int(slot[k].factAt)]
                fire(p.nameID)
                if !negated { tag(p.tags) }
            }
            // A glad match fires only when the text is glad (`applyGlad`).
            if slot[k].ruleAt >= 0 && model.phraseKeys[Int(slot[k].ruleAt)].position != .glad { fireRule(k, negated: negated, value: v) }
            slot[k].value = v
            slot[k].ownValue = negated ? 0 : v
            scored.append(Int32(k))
            result.strongestPositive = v > result.strongestPositive ? v : result.strongestPositive
            result.strongestNegative = v < result.strongestNegative ? v : result.strongestNegative
            if explaining { explanation.append("  \(fmt(v))  \(note)") }
        }
        }
        // `inout`, not `borrowing`: the scanner (396 bytes) was copied for each of these two calls.
        if applyGlad(range, of: &scan, flip: flip) {
            // Turned tears are no longer the strongest negative.
            strongestOfScored(into: &result)
        }
        if !againsts.isEmpty, let v = applyAgainst(range, of: &scan, flip: flip) {
            result.strongestNegative = min(result.strongestNegative, v)
        }
        if scan.quotedSpans.count > 0 && h.scareQuotes { applyScareQuotes(range, of: scan, language: language, flip: &flip) }
        if !unmets.isEmpty && applyUnmet(range, of: scan, flip: flip) {
            // Turned praise is no longer the strongest positive.
            strongestOfScored(into: &result)
        }
        if h.contrast && !contrasts.isEmpty { applyContrast(range, of: &scan, contrasts: contrasts) }
        if !wraps.isEmpty { applyWrap(flip: &flip) }
        applyAside(flip: &flip)
        return finish(range, of: &scan, result: &result, flip: flip)
    }

    /// Sets `result`'s strongest positive and negative values again from the scored tokens'
    /// values, after a step turned some of them (`applyGlad`, `applyUnmet`). `mutating` only so
    /// that the scorer is passed by address (see `reversedAfter`).
    private mutating func strongestOfScored(into result: inout SegmentScore) {
        result.strongestPositive = 0
        result.strongestNegative = 0
        for i in 0..<scored.count {
            let v = slot[Int(scored[i])].value
            result.strongestPositive = max(result.strongestPositive, v)
            result.strongestNegative = min(result.strongestNegative, v)
        }
    }

    /// Whether a reverser follows token `k` within three tokens of its clause ("ban lifted",
    /// "stolen dog returned"); read only for negative words. `mutating` only so that the scorer
    /// is passed by address: a non-mutating call from `score` copied all of it (476 bytes) first.
    private mutating func reversedAfter(_ k: Int, in tokens: UnsafeBufferPointer<Token>) -> Bool {
        var j = k + 1
        while j < tokens.count && j <= k + 3 && !tokens[j].breakBefore {
            let id = tokens[j].id
            if !slot[j].consumed, id >= 0, model.vocabulary.modifiers[Int(id)], model.vocabulary.entries[Int(id)].isReverser { return true }
            j += 1
        }
        return false
    }

    /// Reports the phrase rule matched at `k`; a negated rule adds no tags.
    private mutating func fireRule(_ k: Int, negated: Bool, value: Float) {
        let key = model.phraseKeys[Int(slot[k].ruleAt)]
        fire(key.nameID)
        if !negated { tag(key.tags) }
        if explaining && value == 0 {
            let rule = model.phrases[Int(slot[k].ruleAt)]
            explanation.append("  +0.00  '\(rule.text)' rule \(rule.name)" + (rule.tags.isEmpty ? "" : " tags \(rule.tags.joined(separator: ","))"))
        }
    }

    /// Whether one clause of tokens `range` of `scan` (a stretch between clause breaks, commas
    /// or contrast words) sums to at least `strong` and another to at most −`weak`, or the
    /// other way round (at least `weak` against at most −`strong`), by
    /// the contributions before contrast weighting, negated words left out: "The plot is weak
    /// but the acting is superb", "Great camera, terrible battery". Reads the
    /// slots of the last `score` of the same range.
    func opposedClauses(_ range: Range<Int>, of scan: inout TextScanner, strong: Float, weak: Float) -> Bool {
        var sum: Float = 0, high: Float = 0, low: Float = 0
        for k in 0..<range.count {
            let t = scan.tokens[range.lowerBound + k]
            let contrast = t.id >= 0 && model.vocabulary.entries[Int(t.id)].isContrast
            if k > 0 && (t.breakBefore || contrast) {
                high = max(high, sum); low = min(low, sum)
                sum = 0
            }
            sum += slot[k].ownValue
        }
        high = max(high, sum); low = min(low, sum)
        return (high >= strong && low <= -weak) || (high >= weak && low <= -strong)
    }

    private mutating func prepare(_ n: Int) {
        slot.reset(count: n, to: Slot())
        scored.clear()
        ruleSlots.clear()
        aside = (-1, 0, 0)
        hasGlad = false
        leads.clear()
        asideSpans.clear()
        againsts.clear()
        unmets.clear()
        wraps.clear()
    }
}
