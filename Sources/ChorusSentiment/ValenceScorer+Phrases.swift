extension ValenceScorer {
    /// Marks phrase-rule matches (longest first, left to right, not overlapping).
    mutating func matchPhrases(_ range: Range<Int>, of scan: TextScanner, language: String, flip: inout Bool) {
        let n = range.count
        let base = range.lowerBound
        let tokens = scan.tokens
        var k = 0
        while k < n {
            let t = tokens[base + k]
            guard t.id >= 0 else { k += 1; continue }
            let list = model.vocabulary.entries[Int(t.id)].phraseList
            guard list >= 0 else { k += 1; continue }
            var matched = 0
            candidates: for r in model.phrasesByFirstToken[Int(list)] {
                let rule = model.phrases[Int(r)]
                let m = rule.tokens.count
                if k + m > n { continue }
                if let l = rule.language, l != language { continue }
                if tokens[base + k + m - 1].sentence != t.sentence { continue }
                for q in 1..<m where tokens[base + k + q].id != rule.tokens[q] { continue candidates }
                let span = scan.sentences[Int(t.sentence)]
                switch rule.position {
                case .any: break
                case .start: if base + k != span.tokenStart { continue }
                case .end: if base + k + m != span.tokenEnd { continue }
                case .whole: if k != 0 || m != n { continue }
                }
                switch rule.effect {
                case .set(let v):
                    setValence[k] = v
                    ruleAt[k] = r
                    for q in 1..<m { consumed[k + q] = true }
                case .shift(let v):
                    shift[k] += v
                    ruleAt[k] = r
                case .booster(let b):
                    phraseBooster[k + m - 1] = b
                    for q in 0..<(m - 1) { consumed[k + q] = true }
                case .flip:
                    flip = true
                    fire(rule.name)
                    for tg in rule.tags { tag(tg) }
                    if explaining { explanation.append("  flip   '\(rule.text)' rule \(rule.name): a positive total turns negative") }
                }
                matched = m
                break
            }
            k += max(matched, 1)
        }
    }

    /// Whether a negator stands within three tokens before `k`, in the same clause.
    func isNegated(_ k: Int, _ range: Range<Int>, of scan: TextScanner) -> Bool {
        guard model.heuristics.negation else { return false }
        let base = range.lowerBound
        var j = k - 1
        while j >= 0 && k - j <= 3 && !scan.tokens[base + j + 1].breakBefore {
            let id = scan.tokens[base + j].id
            if !consumed[j], id >= 0, model.vocabulary.entries[Int(id)].isNegator { return true }
            j -= 1
        }
        return false
    }

    /// "but"/"however": halves the weight before it in its sentence (or the previous one when
    /// it opens a sentence) and raises the weight after it by half, to the sentence's end.
    mutating func applyContrast(_ range: Range<Int>, of scan: TextScanner) {
        let base = range.lowerBound
        let n = range.count
        for k in 0..<n {
            let t = scan.tokens[base + k]
            guard t.id >= 0, !consumed[k], model.vocabulary.entries[Int(t.id)].isContrast else { continue }
            let s = Int(t.sentence)
            var from = scan.sentences[s].tokenStart
            if base + k == from && s > 0 { from = scan.sentences[s - 1].tokenStart }
            from = max(from - base, 0)
            let to = min(scan.sentences[s].tokenEnd - base, n)
            var changed = false
            for q in from..<k where values[q] != 0 { values[q] *= 0.5; changed = true }
            if k + 1 < to { for q in (k + 1)..<to where values[q] != 0 { values[q] *= 1.5; changed = true } }
            if changed {
                fire("contrast")
                if explaining { explanation.append("  contrast '\(model.vocabulary.token(t.id))': before ×0.5, after ×1.5") }
            }
        }
    }

    /// Sums the contributions, adds ! and ? emphasis, and normalizes.
    mutating func finish(_ range: Range<Int>, of scan: TextScanner, result: inout SegmentScore, flip: Bool) -> SegmentScore {
        let n = range.count
        var sum: Float = 0, posSum: Float = 0, negSum: Float = 0, neu: Float = 0
        for k in 0..<n {
            let v = values[k]
            sum += v
            if v > 0 {
                posSum += v + 1
            } else if v < 0 {
                negSum += v - 1
            } else {
                neu += 1
            }
        }
        var exclamations = 0, questions = 0
        let first = Int(scan.tokens[range.lowerBound].sentence), last = Int(scan.tokens[range.upperBound - 1].sentence)
        for s in first...last {
            exclamations += scan.sentences[s].exclamations
            questions += scan.sentences[s].questions
        }
        var emphasis: Float = 0
        if sum != 0 {
            if model.heuristics.exclamation && exclamations > 0 {
                emphasis += Float(min(exclamations, 4)) * Self.exclamationStep
                fire("exclamation")
            }
            if model.heuristics.question && questions > 1 {
                emphasis += questions <= 3 ? Float(questions) * Self.questionStep : 0.96
                fire("question")
            }
            if emphasis > 0 && explaining { explanation.append("  \(fmt(sum > 0 ? emphasis : -emphasis))  punctuation: \(exclamations)×!, \(questions)×?") }
            sum += sum > 0 ? emphasis : -emphasis
            if posSum > -negSum { posSum += emphasis } else if posSum < -negSum { negSum -= emphasis }
        }
        if flip && sum == 0 {
            sum = Self.sarcasmValence
            negSum = Self.sarcasmValence - 1
        } else if flip && sum > 0 {
            sum = -sum
            swap(&posSum, &negSum)
            posSum = -posSum
            negSum = -negSum
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

    func describe(_ k: Int, _ t: Token, _ v: Float, _ fromLexicon: Bool) -> String {
        if ruleAt[k] >= 0 {
            let rule = model.phrases[Int(ruleAt[k])]
            return "'\(rule.text)' \(rule.name == "idiom" ? "idiom" : "rule \(rule.name)") \(fmt(v))"
                + (rule.tags.isEmpty ? "" : " tags \(rule.tags.joined(separator: ","))")
        }
        let e = model.vocabulary.entries[Int(t.valenceID)]
        let stem = t.valenceID != t.id ? " (stem)" : ""
        return "'\(model.vocabulary.token(t.valenceID))'\(stem) \(fromLexicon ? e.source : "") \(fmt(v))"
    }

    /// A signed number with two decimals.
    func fmt(_ x: Float) -> String {
        let c = Int((abs(x) * 100).rounded())
        let frac = c % 100
        return (x < 0 ? "-" : "+") + "\(c / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
    }
}
