extension Vocabulary {
    /// Values of `Entry.factFrame`: the words that frame a rule `at: fact` (`fact_frame:` of the rule files).
    enum FactRole {
        /// A word of a schedule, a rule or a question ("are", "until", "every", "can"): a clause
        /// holding one tells no fact ("Offers are accepted until noon").
        static let blocker: Int8 = 1
        /// Who a fact is about ("I", "we", "she", "baby"): within three words before the phrase,
        /// it frames it ("We finally signed").
        static let subject: Int8 = 2
        /// A word that may close a clause after a clause-final fact ("Visa granted today").
        static let after: Int8 = 3
        /// A word that joins a second statement ("and", "then"): after the phrase it ends the
        /// clause the frame reads (session 11, good12).
        static let join: Int8 = 4
    }
}

extension ValenceScorer {
    /// The least the clauses outside an `at: against` phrase's own must sum to for it to count.
    static let againstRest: Float = 1.0

    /// How a phrase of a rule `at: fact` stands in its clause (`factFrame`).
    enum FactFrame {
        /// Told as a fact: the rule counts.
        case fact
        /// In a schedule, rule or question (a blocker in its clause, a `?` in its sentence): the
        /// phrase counts nothing, whatever its words' own values ("Applications are accepted
        /// until Friday": `accepted` is no praise there).
        case schedule
        /// Neither: no match, the words keep their own values.
        case unframed
    }

    /// Whether the phrase of `m` tokens at `k` of `tokens` (the scored range) is told as a fact,
    /// for a rule `at: fact`: its sentence asks nothing (`question`: a `?` in it), its clause
    /// (the words between clause breaks: sentence ends, commas, dashes) holds no blocker
    /// ("Applications accepted until Friday", "Offers are sent out within two weeks", "Can you
    /// appeal…"), and the phrase opens its clause ("Passed my theory", "Signed with a new
    /// club today") or begins with a subject word ("our first"), follows a subject within three words ("We finally exchanged", "Baby Ava
    /// arrived") or ends its clause, perhaps before `after` words and numbers ("Offer accepted",
    /// "Visa granted today"). Read only when such a phrase matches, so the common path pays
    /// nothing; the clause is at most the sentence.
    func factFrame(_ k: Int, _ m: Int, tokens: UnsafeBufferPointer<Token>, question: Bool, anyNumber: Int32) -> FactFrame {
        guard !question else { return .schedule }
        let entries = model.vocabulary.entries
        var from = k
        while from > 0 && !tokens[from].breakBefore { from -= 1 }
        var to = k + m
        while to < tokens.count && !tokens[to].breakBefore
            && (tokens[to].id < 0 || entries[Int(tokens[to].id)].factFrame != Vocabulary.FactRole.join) { to += 1 }
        for q in from..<to {
            let id = tokens[q].id
            if id >= 0 && entries[Int(id)].factFrame == Vocabulary.FactRole.blocker { return .schedule }
        }
        // Opening its clause, or opening with its own subject ("our first", "my first").
        if k == from { return .fact }
        if tokens[k].id >= 0 && entries[Int(tokens[k].id)].factFrame == Vocabulary.FactRole.subject { return .fact }
        var j = k - 1
        while j >= from && k - j <= 3 {
            let id = tokens[j].id
            if id >= 0 && entries[Int(id)].factFrame == Vocabulary.FactRole.subject { return .fact }
            j -= 1
        }
        var e = k + m
        while e < to {
            let id = tokens[e].id
            guard id >= 0, id == anyNumber || entries[Int(id)].factFrame == Vocabulary.FactRole.after else { return .unframed }
            e += 1
        }
        return .fact
    }

    /// The bad side of a glad text, marked by a rule `at: against` ("Great show, shame about the
    /// queue for the cloakroom", "Love the new place, the shower is another story"): the first
    /// such phrase noted by the matcher counts its (negative) valence at its first word when the
    /// contributions outside its clause sum to `againstRest` or more and those inside it to more
    /// than −`againstRest` (the plain fact it marks scored nothing, or little); else nothing
    /// happens and its words keep their own values ("Open every day except Sunday" stays a
    /// schedule, "Shame about the weather" a complaint). Not in a sarcastic text. Applied before
    /// the contrast weighting. Returns the marked word's new value, or nil.
    mutating func applyAgainst(_ range: Range<Int>, of scan: inout TextScanner, flip: Bool) -> Float? {
        guard againsts.count > 0, !flip else { return nil }
        let a = againsts[0]
        let base = range.lowerBound, n = range.count
        var from = Int(a.start)
        while from > 0 && !scan.tokens[base + from].breakBefore { from -= 1 }
        var to = Int(a.end)
        while to < n && !scan.tokens[base + to].breakBefore { to += 1 }
        var rest: Float = 0, own: Float = 0
        var listed = false
        let k = Int(a.start)
        for i in 0..<scored.count {
            let q = Int(scored[i])
            if q >= from && q < to { own += slot[q].value } else { rest += slot[q].value }
            if q == k { listed = true }
        }
        guard rest >= Self.againstRest, own > -Self.againstRest,
              case .set(let v) = model.phraseKeys[Int(a.phrase)].effect else { return nil }
        if !listed {
            // `scored` stays in increasing order (`applyAside` walks it beside its spans).
            scored.append(Int32(k))
            var i = scored.count - 1
            while i > 0 && scored[i - 1] > Int32(k) {
                scored[i] = scored[i - 1]
                i -= 1
            }
            scored[i] = Int32(k)
        }
        slot[k].value += v
        slot[k].ownValue += v
        let key = model.phraseKeys[Int(a.phrase)]
        fire(key.nameID)
        tag(key.tags)
        if explaining {
            let rule = model.phrases[Int(a.phrase)]
            explanation.append("  \(fmt(v))  '\(rule.text)' rule \(rule.name): the bad side of a glad text (rest \(fmt(rest)), its clause \(fmt(own)))")
        }
        return slot[k].value
    }
}
