/// Scores a range of scanned tokens with the lexicon, the phrase rules and the heuristics
/// (negation, boosters and dampeners, ALL-CAPS, elongation, contrast, ! and ? emphasis).
/// Holds scratch buffers, so one scorer serves many texts on one thread.
struct ValenceScorer {
    static let capsIncrement: Float = 0.733
    static let boosterStep: Float = 0.293
    static let negationScalar: Float = -0.74
    static let exclamationStep: Float = 0.292
    static let questionStep: Float = 0.18
    /// The value of a sarcasm marker ("/s", "yeah right") with nothing else to flip.
    static let sarcasmValence: Float = -1.2

    let model: SentimentModel
    /// Tags and rule names collected so far (deduplicated, in firing order).
    var tags: [String] = []
    var rules: [String] = []
    /// Readable lines for --explain, filled only when `explaining`.
    var explanation: [String] = []
    var explaining = false

    // Per-token scratch, indexed from the start of the scored range.
    var setValence: [Float] = []
    var shift: [Float] = []
    var phraseBooster: [Float] = []
    var consumed: [Bool] = []
    var ruleAt: [Int32] = []
    var values: [Float] = []

    init(model: SentimentModel) { self.model = model }

    mutating func reset() {
        tags.removeAll(keepingCapacity: true)
        rules.removeAll(keepingCapacity: true)
        explanation.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func fire(_ name: String) { if !rules.contains(name) { rules.append(name) } }

    @inline(__always)
    mutating func tag(_ name: String) { if !tags.contains(name) { tags.append(name) } }

    /// Scores tokens `range` of `scan`, whose text is in `language` ("en" or "zh").
    mutating func score(_ range: Range<Int>, of scan: TextScanner, language: String) -> SegmentScore {
        let n = range.count
        var result = SegmentScore()
        guard n > 0 else { return result }
        result.hasTokens = true
        prepare(n)
        var flip = false
        matchPhrases(range, of: scan, language: language, flip: &flip)
        let vocab = model.vocabulary
        let mixedCase = scan.stats.isMixedCase
        let h = model.heuristics
        let tokens = scan.tokens
        let base = range.lowerBound
        for k in 0..<n {
            if consumed[k] { continue }
            let t = tokens[base + k]
            var v: Float = setValence[k].isNaN ? 0 : setValence[k]
            var fromLexicon = false
            if setValence[k].isNaN, t.valenceID >= 0 {
                let e = vocab.entries[Int(t.valenceID)]
                if e.booster == 0 && !e.isNegator { v = e.valence; fromLexicon = v != 0 }
            }
            v += shift[k]
            if v == 0 {
                if ruleAt[k] >= 0 {
                    let rule = model.phrases[Int(ruleAt[k])]
                    fire(rule.name)
                    if !isNegated(k, range, of: scan) { for tg in rule.tags { tag(tg) } }
                    if explaining { explanation.append("  +0.00  '\(rule.text)' rule \(rule.name), tags \(rule.tags)") }
                }
                continue
            }
            let sign: Float = v > 0 ? 1 : -1
            var note = explaining ? describe(k, t, v, fromLexicon) : ""
            if fromLexicon { fire("lexicon") }
            if h.caps && t.allCaps && mixedCase {
                v += sign * Self.capsIncrement; fire("caps-emphasis")
                if explaining { note += ", caps +\(fmt(sign * Self.capsIncrement))" }
            }
            if h.elongation && t.elongated {
                v += sign * Self.boosterStep; fire("elongation")
                if explaining { note += ", elongation +\(fmt(sign * Self.boosterStep))" }
            }
            var negated = false
            var j = k - 1
            var distance = 1
            while j >= 0 && distance <= 3 && !tokens[base + j + 1].breakBefore {
                let prev = tokens[base + j]
                var b = phraseBooster[j]
                var isNegator = false
                if !consumed[j], prev.id >= 0 {
                    let e = vocab.entries[Int(prev.id)]
                    if b == 0 && setValence[j].isNaN { b = e.booster }
                    isNegator = e.isNegator
                }
                if b != 0 && h.booster {
                    var s = b * (distance == 1 ? 1 : distance == 2 ? 0.95 : 0.9)
                    if prev.allCaps && mixedCase { s += (s > 0 ? 1 : -1) * Self.capsIncrement }
                    if prev.elongated && h.elongation {
                        s += (s > 0 ? 1 : -1) * Self.boosterStep
                        fire("elongation")
                    }
                    v += sign * s
                    fire(b > 0 ? "booster" : "dampener")
                    if explaining { note += ", \(b > 0 ? "booster" : "dampener") '\(vocab.token(prev.id))' \(fmt(sign * s))" }
                }
                if isNegator && h.negation { negated = true }
                j -= 1
                distance += 1
            }
            if negated {
                v *= Self.negationScalar
                fire("negation")
                if explaining { note += ", negated ×\(fmt(Self.negationScalar))" }
            }
            let r = ruleAt[k]
            if r >= 0 {
                let rule = model.phrases[Int(r)]
                fire(rule.name)
                if !negated { for tg in rule.tags { tag(tg) } }
            }
            values[k] = v
            if v > result.strongestPositive { result.strongestPositive = v }
            if v < result.strongestNegative { result.strongestNegative = v }
            if explaining { explanation.append("  \(fmt(v))  \(note)") }
        }
        if h.contrast { applyContrast(range, of: scan) }
        return finish(range, of: scan, result: &result, flip: flip)
    }

    private mutating func prepare(_ n: Int) {
        shift.removeAll(keepingCapacity: true)
        shift.append(contentsOf: repeatElement(0, count: n))
        phraseBooster.removeAll(keepingCapacity: true)
        phraseBooster.append(contentsOf: repeatElement(0, count: n))
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: repeatElement(0, count: n))
        setValence.removeAll(keepingCapacity: true)
        setValence.append(contentsOf: repeatElement(.nan, count: n))
        consumed.removeAll(keepingCapacity: true)
        consumed.append(contentsOf: repeatElement(false, count: n))
        ruleAt.removeAll(keepingCapacity: true)
        ruleAt.append(contentsOf: repeatElement(-1, count: n))
    }
}
