/// A fact pattern (session 10): a word of one class and a word of another a few words apart in
/// one clause, which together tell a bad (or good) fact that no word of it says alone: a negated
/// function ("won't open", "didn't show up", "not charging"), a need gone ("no hot water",
/// "without heating", "zero replies"), time lost waiting ("two hours on hold", "45 minutes
/// late"), a repeat counted ("third time this month"), a thing barely running ("only one
/// till open"). The word classes are data (`facts:` of a rule file); the matcher
/// (`ValenceScorer.matchFacts`) reads them from each word's `Vocabulary.Entry` bits, in the
/// pass over the tokens that already start phrases, so no pattern reads the text again.
struct FactPattern: Sendable, Equatable, BitwiseCopyable {
    /// Index into `SentimentModel.ruleNames`.
    var nameID: Int32
    /// The value the `then` word counts.
    var valence: Float
    /// `ReactionTag` bits added when the pattern fires and is not negated.
    var tags: UInt16
    /// The most words between the `first` and the `then` word.
    var gap: Int8
    /// The `then` word may also stand before the `first` one ("on hold for an hour").
    var either: Bool
    /// The `then` word must be followed right away by a `next` word ("this" + "week").
    var needsNext: Bool
    /// The `then` word stands in the next clause, as its first or second word, instead of in the
    /// `first` word's clause (session 11): an expectation and its outcome told side by side,
    /// "Ordered a large, got a small", "Promised 2 hours. Took 6".
    var across: Bool = false
    /// `PhraseKey` language code (0: any).
    var language: UInt8

    /// The most patterns: each word holds one bit per pattern and role.
    static let maxCount = 16
    /// The bits of the first `count` patterns (`count` at most `maxCount`).
    static func bits(_ count: Int) -> UInt16 { count >= 16 ? .max : (UInt16(1) << UInt16(count)) - 1 }
    /// `lang: any`: the pattern applies in text of every language, whatever its file's `lang`
    /// (session 11: an amount is written the same way in English, French, Spanish and German).
    static let anyLanguage = "any"
    /// The most words allowed between the two words of a pattern.
    static let maxGap = 6
    /// How many words after the later word of a match an `unless` word cancels it ("doesn't
    /// open on Sundays", "won't run until March").
    static let unlessAfter = 2
}

extension RuleFile {
    /// One entry of `facts:`.
    struct FactDefinition: Sendable {
        var name: String
        /// The word that opens the pattern (a negator, "no", a duration, an ordinal).
        var first: [String]
        /// The word that closes it, at most `gap` words after `first` (or before, with `either`).
        var then: [String]
        /// When set, a word that must follow the `then` word right away.
        var next: [String]
        /// Words that cancel a match when they stand between its two words, just before the
        /// earlier one or up to `FactPattern.unlessAfter` words after the later one.
        var unless: [String]
        var gap: Int
        var either: Bool
        /// `FactPattern.across`.
        var across: Bool = false
        var valence: Float
        var tags: [String]
        var language: String?
        var line: Int
    }
}

extension RuleFileParser {
    /// `facts:` a list of patterns, each with name, first, then, gap, valence and optionally
    /// next, unless, either, tags and lang.
    static func factDefinitions(_ file: String, _ node: RuleNode, fileLanguage: String?) throws -> [RuleFile.FactDefinition] {
        guard let seq = node.sequence else { throw fail(file, node, "facts: expected a list of patterns") }
        var out: [RuleFile.FactDefinition] = []
        for item in seq {
            guard let m = item.mapping else { throw fail(file, item, "facts: a pattern must be a mapping with name, first and then") }
            var d = RuleFile.FactDefinition(name: "", first: [], then: [], next: [], unless: [], gap: -1, either: false, valence: .nan,
                                            tags: [], language: fileLanguage, line: item.line)
            for pair in m {
                let k = pair.key, v = pair.value
                switch k.string ?? "" {
                case "name": d.name = try string(file, v)
                case "first": d.first = try oneWordEach(file, v, "first")
                case "then": d.then = try oneWordEach(file, v, "then")
                case "next": d.next = try oneWordEach(file, v, "next")
                case "unless": d.unless = try oneWordEach(file, v, "unless")
                case "gap":
                    guard let n = v.string.flatMap({ Int($0) }), (0...FactPattern.maxGap).contains(n) else {
                        throw fail(file, v, "facts: gap: expected a whole number of words in 0...\(FactPattern.maxGap)")
                    }
                    d.gap = n
                case "either":
                    guard let b = v.bool else { throw fail(file, v, "facts: either: expected true or false") }
                    d.either = b
                case "across":
                    guard let b = v.bool else { throw fail(file, v, "facts: across: expected true or false") }
                    d.across = b
                case "valence": d.valence = try number(file, v, range: -4...4)
                case "tags":
                    d.tags = try strings(file, v)
                    for t in d.tags where !ReactionTag.all.contains(t) {
                        throw fail(file, v, "unknown tag \(q(t)) (known: \(ReactionTag.all.sorted().joined(separator: ", ")))")
                    }
                case "lang": d.language = try string(file, v)
                default:
                    throw fail(file, k, "facts: unknown key \(q(k.string ?? "")) (expected name, first, then, next, unless, gap, either, across, valence, tags, lang)")
                }
            }
            guard !d.name.isEmpty else { throw fail(file, item, "facts: a pattern without a name") }
            guard !d.first.isEmpty, !d.then.isEmpty else { throw fail(file, item, "facts: pattern \(q(d.name)) needs first and then") }
            guard d.gap >= 0 else { throw fail(file, item, "facts: pattern \(q(d.name)) needs gap") }
            guard !d.valence.isNaN else { throw fail(file, item, "facts: pattern \(q(d.name)) needs valence") }
            out.append(d)
        }
        return out
    }

    /// A list of single words (the classes are matched word by word).
    private static func oneWordEach(_ file: String, _ node: RuleNode, _ key: String) throws -> [String] {
        let words = try strings(file, node)
        for w in words where WordNormalizer.tokens(w).count != 1 {
            throw fail(file, node, "facts: \(key): \(q(w)) is not one word")
        }
        return words
    }
}

extension SentimentModel {
    /// Clears the words of the patterns of these names, which a later file's phrase rules of the
    /// same names replace (the pattern's slot stays, matching nothing, for a later pattern of
    /// the name to take).
    mutating func retireFacts(named names: Set<String>) {
        for (index, p) in facts.enumerated() where names.contains(ruleNames[Int(p.nameID)]) { clearWords(ofFact: index) }
    }

    /// Takes pattern `index`'s bit off every word.
    private mutating func clearWords(ofFact index: Int) {
        let clear = ~(UInt16(1) << UInt16(index))
        for i in vocabulary.entries.indices {
            vocabulary.entries[i].factFirst &= clear
            vocabulary.entries[i].factThen &= clear
            vocabulary.entries[i].factNext &= clear
            vocabulary.entries[i].factUnless &= clear
        }
    }

    /// Adds a rule file's fact patterns: a pattern named like an earlier one replaces it (its
    /// words' bits are cleared first); a disabled name is left out.
    mutating func addFacts(_ defs: [RuleFile.FactDefinition], file: String) throws {
        for d in defs where !configuration.disabledRules.contains(d.name) {
            let index: Int
            if let old = facts.firstIndex(where: { ruleNames[Int($0.nameID)] == d.name }) {
                index = old
                clearWords(ofFact: index)
            } else {
                guard facts.count < FactPattern.maxCount else {
                    throw SentimentError(file: file, line: d.line, reason: "facts: more than \(FactPattern.maxCount) patterns")
                }
                index = facts.count
                facts.append(FactPattern(nameID: 0, valence: 0, tags: 0, gap: 0, either: false, needsNext: false, language: 0))
            }
            let nameID: Int32
            if let known = ruleNames.firstIndex(of: d.name) {
                nameID = Int32(known)
            } else {
                nameID = Int32(ruleNames.count)
                ruleNames.append(d.name)
            }
            facts[index] = FactPattern(nameID: nameID, valence: d.valence, tags: ReactionTag.mask(d.tags), gap: Int8(d.gap),
                                       either: d.either, needsNext: !d.next.isEmpty, across: d.across,
                                       language: d.language == FactPattern.anyLanguage ? 0 : PhraseKey.languageCode(d.language))
            let bit = UInt16(1) << UInt16(index)
            for w in d.first { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factFirst |= bit } } }
            for w in d.then { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factThen |= bit } } }
            for w in d.next { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factNext |= bit } } }
            for w in d.unless { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factUnless |= bit } } }
        }
    }
}
