import Foundation

/// Everything the scorer reads, built once from the lexicon and rule files and then shared,
/// read-only, by every scoring call: the vocabulary and the phrase rules indexed by their
/// first token.
struct SentimentModel: Sendable {
    internal(set) var vocabulary = Vocabulary()
    /// Every phrase rule, with the strings --explain shows.
    private(set) var phrases = PhraseRuleList()
    /// The same rules as plain values for the matcher, by the same index.
    private(set) var phraseKeys: [PhraseKey] = []
    /// The phrases' token ids, back to back (`PhraseKey.tokenStart`).
    private(set) var phraseTokens: [Int32] = []
    /// For each phrase list id (`Vocabulary.Entry.phraseList`): a range of `phraseListItems`.
    private(set) var phraseLists: [(start: Int32, count: Int32)] = []
    /// Phrase indices of every list, longest phrase first, later definitions first.
    private(set) var phraseListItems: [Int32] = []
    /// The phrases of two or more tokens, by first and second token: for each first token's
    /// list id, a range of `pairs` sorted by second token (hashed into `pairIndex`).
    /// `phraseLists` holds only the one-token phrases of each first token.
    private(set) var pairRanges: [(start: Int32, count: Int32)] = []
    /// One second token of a first token's phrases: the range of `phraseListItems` holding
    /// those phrases (longest first, later definitions first), then the one-token phrases.
    struct Pair: Sendable {
        var second: Int32
        var start: Int32
        var count: Int32
    }
    private(set) var pairs: [Pair] = []
    /// `pairs` hashed by first token's list and second token (`candidates`), built from them.
    private(set) var pairIndex = PhrasePairIndex()
    /// Names reported in `Sentiment.rules`, by id: the heuristics, then the phrase rules.
    internal(set) var ruleNames: [String] = HeuristicName.all
    /// The fact patterns (`FactPattern`, session 10), by the bit their words hold.
    internal(set) var facts: [FactPattern] = []
    /// `ScanFlag` bits of the other languages whose markers were loaded (so they can be scored).
    private(set) var otherLanguages: UInt8 = 0
    /// Names of the rules added so far (a later file's rule of the same name replaces them).
    private var ruleNamesAdded: Set<String> = []
    /// The files loaded, in order.
    private(set) var files: [String] = []
    /// Read from a compiled copy (`VocabularyCache`) rather than built from the files.
    private(set) var fromCache = false
    let configuration: SentimentConfiguration
    /// Heuristics switched on (all unless named in `disabledRules`).
    let heuristics: Heuristics

    /// Which built-in heuristics are on.
    struct Heuristics: Sendable {
        var negation = true, booster = true, caps = true, exclamation = true, question = true
        var contrast = true, elongation = true
        /// `report` and `opposed-clauses`, read once here rather than hashed per text.
        var report = true, opposedClauses = true
        /// `info-question` and `concession`.
        var infoQuestion = true, concession = true
        /// `direction` (subject and direction word a few words apart).
        var direction = true
        /// `scare-quotes` (praise in short quotes is sarcasm, session 11).
        var scareQuotes = true

        init(disabled: Set<String>) {
            negation = !disabled.contains("negation")
            booster = !disabled.contains("booster")
            caps = !disabled.contains("caps-emphasis")
            exclamation = !disabled.contains("exclamation")
            question = !disabled.contains("question")
            contrast = !disabled.contains("contrast")
            elongation = !disabled.contains("elongation")
            report = !disabled.contains("report")
            opposedClauses = !disabled.contains("opposed-clauses")
            infoQuestion = !disabled.contains("info-question")
            concession = !disabled.contains("concession")
            direction = !disabled.contains("direction")
            scareQuotes = !disabled.contains("scare-quotes")
        }
    }

    /// Loads the shipped files (unless replaced) and the configured ones; when only the shipped
    /// files are used and `configuration.vocabularyCache` is set, from a compiled copy of them
    /// if one was cached for these exact files and this binary (see `VocabularyCache`).
    init(configuration: SentimentConfiguration) throws {
        var lexicons: [(URL, String)] = []
        var rules: [URL] = []
        var optional: Set<URL> = []
        if !configuration.replaceDefaultLexicons || !configuration.replaceDefaultRules {
            let share = try configuration.shareDirectory ?? SentimentResources.locate()
            if !configuration.replaceDefaultLexicons {
                lexicons.append((share.appendingPathComponent(SentimentResources.englishBaseLexicon), "en"))
                optional.insert(share.appendingPathComponent(SentimentResources.englishBaseLexicon))
                lexicons.append((share.appendingPathComponent(SentimentResources.englishLexicon), "en"))
                if configuration.chineseEnabled {
                    lexicons.append((share.appendingPathComponent(SentimentResources.chineseLexicon), "zh"))
                }
                for lang in SentimentResources.otherLanguages {
                    lexicons.append((share.appendingPathComponent(SentimentResources.lexicon(lang)), lang))
                    optional.insert(share.appendingPathComponent(SentimentResources.lexicon(lang)))
                }
            }
            if !configuration.replaceDefaultRules {
                rules.append(share.appendingPathComponent(SentimentResources.englishRules))
                if configuration.chineseEnabled { rules.append(share.appendingPathComponent(SentimentResources.chineseRules)) }
                for lang in SentimentResources.otherLanguages {
                    rules.append(share.appendingPathComponent(SentimentResources.rules(lang)))
                    optional.insert(share.appendingPathComponent(SentimentResources.rules(lang)))
                }
            }
        }
        // The base and other-language files are optional in a share directory of one's own.
        lexicons.removeAll { optional.contains($0.0) && !FileManager.default.fileExists(atPath: $0.0.path) }
        rules.removeAll { optional.contains($0) && !FileManager.default.fileExists(atPath: $0.path) }
        // Only the shipped set is cached: one compiled file per installation, not one per
        // configuration (tests build hundreds of vocabularies from files of their own).
        let cache = configuration.lexiconFiles.isEmpty && configuration.chineseLexiconFiles.isEmpty && configuration.ruleFiles.isEmpty
            ? configuration.vocabularyCache.map { VocabularyCache(directory: $0) } : nil
        let key = cache?.key(lexicons: lexicons, rules: rules, configuration: configuration)
        if let cache, let key, let bytes = cache.load(key: key) {
            var r = SnapshotReader(bytes)
            if let model = try? SentimentModel(configuration: configuration, reading: &r), r.isAtEnd {
                self = model
                return
            }
        }
        lexicons += configuration.lexiconFiles.map { ($0, "en") }
        lexicons += configuration.chineseLexiconFiles.map { ($0, "zh") }
        rules += configuration.ruleFiles
        self = try SentimentModel(building: configuration, lexicons: lexicons, rules: rules)
        if let cache, let key { cache.store(snapshot(), key: key) }
    }

    /// Builds the vocabulary from `lexicons` (file, language) and `rules`, in order.
    private init(building configuration: SentimentConfiguration, lexicons: [(URL, String)], rules: [URL]) throws {
        self.configuration = configuration
        heuristics = Heuristics(disabled: configuration.disabledRules)
        var parsed: [(entries: [LexiconFileParser.Entry], url: URL, language: String)] = []
        for (url, lang) in lexicons { parsed.append((try LexiconFileParser.parse(contentsOf: url), url, lang)) }
        // Tables sized once for the lexicons and about as many rule words, not grown by doubling.
        vocabulary.reserve(keys: parsed.reduce(0) { $0 + $1.entries.count } + 4096)
        for p in parsed { try addLexicon(p.entries, file: p.url.path, language: p.language) }
        for url in rules { try addRules(RuleFileParser.parse(contentsOf: url)) }
        indexPhrases()
        vocabulary.indexScanFlags()
        otherLanguages = vocabulary.entries.reduce(0) { $0 | $1.languageMarkers }
    }

    /// The same tables, value for value, as `o` (a test compares a cached model with a fresh one).
    func hasSameTables(as o: SentimentModel) -> Bool {
        vocabulary.hasSameTables(as: o.vocabulary)
            && phrases.count == o.phrases.count
            && zip(phrases, o.phrases).allSatisfy { a, b in
                a.name == b.name && a.tokens == b.tokens && a.effect == b.effect && a.tags == b.tags && a.language == b.language
                    && a.position == b.position && a.textParts.0 == b.textParts.0 && a.textParts.1 == b.textParts.1
                    && a.within == b.within
            }
            && phraseKeys.elementsEqual(o.phraseKeys) { a, b in
                a.tokenStart == b.tokenStart && a.tokenCount == b.tokenCount && a.language == b.language && a.position == b.position
                    && a.effect == b.effect && a.nameID == b.nameID && a.tags == b.tags && a.within == b.within
            }
            && phraseTokens == o.phraseTokens && phraseLists.elementsEqual(o.phraseLists, by: ==)
            && phraseListItems == o.phraseListItems && pairRanges.elementsEqual(o.pairRanges, by: ==)
            && pairs.elementsEqual(o.pairs) { $0.second == $1.second && $0.start == $1.start && $0.count == $1.count }
            && ruleNames == o.ruleNames && files == o.files && otherLanguages == o.otherLanguages && facts == o.facts
    }

    /// Every built table as bytes (`VocabularyCache`). The strings of the phrase rules go in one
    /// table of UTF-8 bytes, each written once, and the rules refer to them by index; a rule's
    /// name, tokens, effect, position and gap are those of its `PhraseKey` (`PhraseRuleList`).
    func snapshot() -> [UInt8] {
        var w = SnapshotWriter()
        vocabulary.write(to: &w)
        var bytes: [UInt8] = [], ends: [Int32] = [], index: [String: Int32] = [:]
        func ref(_ s: String) -> Int32 {
            if let i = index[s] { return i }
            let i = Int32(ends.count)
            index[s] = i
            bytes += s.utf8
            ends.append(Int32(bytes.count))
            return i
        }
        var records: [PhraseRuleList.Record] = [], tagRefs: [Int32] = []
        records.reserveCapacity(phrases.count)
        for p in phrases {
            records.append(PhraseRuleList.Record(
                text: ref(p.textParts.0), then: p.textParts.1.map { ref($0) } ?? -1, language: p.language.map { ref($0) } ?? -1,
                tagStart: Int32(tagRefs.count), tagCount: Int32(p.tags.count)))
            tagRefs += p.tags.map { ref($0) }
        }
        w.plain(bytes)
        w.plain(ends)
        w.plain(records)
        w.plain(tagRefs)
        w.plain(phraseKeys)
        w.plain(phraseTokens)
        w.plain(phraseLists)
        w.plain(phraseListItems)
        w.plain(pairRanges)
        w.plain(pairs)
        w.strings(ruleNames)
        w.strings(files)
        w.int(Int(otherLanguages))
        w.plain(facts)
        return w.bytes
    }

    /// The model `snapshot()` wrote, every index checked against the table it points into.
    private init(configuration: SentimentConfiguration, reading r: inout SnapshotReader) throws(SnapshotReader.Corrupt) {
        self.configuration = configuration
        heuristics = Heuristics(disabled: configuration.disabledRules)
        fromCache = true
        vocabulary = try Vocabulary(reading: &r)
        let bytes: [UInt8] = try r.plain(), ends: [Int32] = try r.plain()
        let records: [PhraseRuleList.Record] = try r.plain(), tagRefs: [Int32] = try r.plain()
        phraseKeys = try r.plain()
        let strings = Int32(ends.count)
        var last: Int32 = 0
        for e in ends {
            guard e >= last else { throw SnapshotReader.Corrupt() }
            last = e
        }
        guard Int(last) <= bytes.count, records.count == phraseKeys.count,
              tagRefs.allSatisfy({ $0 >= 0 && $0 < strings }),
              records.allSatisfy({ $0.text >= 0 && $0.text < strings && $0.then >= -1 && $0.then < strings
                  && $0.language >= -1 && $0.language < strings && $0.tagStart >= 0 && $0.tagCount >= 0
                  && Int($0.tagStart) + Int($0.tagCount) <= tagRefs.count })
        else { throw SnapshotReader.Corrupt() }
        phraseTokens = try r.plain()
        phraseLists = try r.plain()
        phraseListItems = try r.plain()
        pairRanges = try r.plain()
        pairs = try r.plain()
        ruleNames = try r.strings()
        files = try r.strings()
        otherLanguages = UInt8(truncatingIfNeeded: try r.int())
        facts = try r.plain()
        // The matcher reads these without further checks: every index must be in range.
        let words = Int32(vocabulary.count), items = Int32(phraseListItems.count), rules = Int32(phraseKeys.count)
        guard phraseTokens.allSatisfy({ $0 >= 0 && $0 < words }),
              phraseKeys.allSatisfy({ $0.tokenStart >= 0 && $0.tokenCount > 0 && Int($0.tokenStart) + Int($0.tokenCount) <= phraseTokens.count
                  && $0.nameID >= 0 && Int($0.nameID) < ruleNames.count && $0.within >= -1 }),
              phraseListItems.allSatisfy({ $0 >= 0 && $0 < rules }),
              phraseLists.allSatisfy({ $0.start >= 0 && $0.count >= 0 && $0.start + $0.count <= items }),
              pairs.allSatisfy({ $0.start >= 0 && $0.count >= 0 && $0.start + $0.count <= items }),
              pairRanges.count == phraseLists.count,
              pairRanges.allSatisfy({ $0.start >= 0 && $0.count >= 0 && Int($0.start) + Int($0.count) <= pairs.count }),
              vocabulary.entries.allSatisfy({ $0.phraseList < Int32(phraseLists.count) }),
              facts.count <= FactPattern.maxCount, facts.allSatisfy({ $0.nameID >= 0 && Int($0.nameID) < ruleNames.count }),
              // `matchFacts` reads `facts[bit]` for every bit a word holds.
              vocabulary.entries.allSatisfy({ ($0.factFirst | $0.factThen | $0.factNext | $0.factUnless) & ~FactPattern.bits(facts.count) == 0 })
        else { throw SnapshotReader.Corrupt() }
        phrases = PhraseRuleList(packed: PhraseRuleList.Packed(
            records: records, tagRefs: tagRefs, stringBytes: bytes, stringEnds: ends, keys: phraseKeys, tokens: phraseTokens,
            names: ruleNames))
        pairIndex = PhrasePairIndex(pairs: pairs, ranges: pairRanges)
    }

    /// Adds lexicon entries (later entries override earlier ones for the same token). Entries
    /// of French, Spanish or German lexicons set the tokens' `otherValence`.
    mutating func addLexicon(_ entries: [LexiconFileParser.Entry], file: String, language: String = "en") throws {
        let other = PhraseKey.languageCode(language) >= PhraseKey.french
        files.append(file)
        let source = Int16(vocabulary.sources.count)
        vocabulary.sources.append(URL(fileURLWithPath: file).lastPathComponent)
        for e in entries {
            // Most entries are one plain word: no token array to build and free (9,000 of them
            // were a tenth of adding a lexicon).
            if WordNormalizer.isPlainWord(e.token) {
                let id = Int(vocabulary.intern(e.token))
                if other {
                    vocabulary.entries[id].otherValence = e.valence; vocabulary.entries[id].otherSource = source
                    vocabulary.entries[id].isInflectedForm = false
                } else {
                    vocabulary.entries[id].valence = e.valence; vocabulary.entries[id].source = source
                    vocabulary.entries[id].inMainLexicon = true
                }
                continue
            }
            let tokens = WordNormalizer.tokens(e.token)
            if tokens.count > 1 {
                addPhrase(name: "idiom", text: e.token, tokens: tokens, effect: .set(e.valence), tags: [], language: nil, position: .any)
            } else if let t = tokens.first, other {
                vocabulary.update(t) { $0.otherValence = e.valence; $0.otherSource = source; $0.isInflectedForm = false }
            } else if let t = tokens.first {
                vocabulary.update(t) { $0.valence = e.valence; $0.source = source; $0.inMainLexicon = true }
            }
        }
        if other { addInflectedForms(entries, language: language, source: source) }
    }

    /// Adds the forms `InflectedForms` derives from a French, Spanish or German lexicon's plain
    /// words, where no lexicon has given the form a value of its own in those languages.
    private mutating func addInflectedForms(_ entries: [LexiconFileParser.Entry], language: String, source: Int16) {
        for e in entries where e.valence != 0 {
            let base = WordNormalizer.tokens(e.token)
            guard base.count == 1 else { continue }
            for form in InflectedForms.of(base[0], language: language) {
                let normal = WordNormalizer.tokens(form)
                guard normal.count == 1 else { continue }
                let id = Int(vocabulary.intern(normal[0]))
                guard vocabulary.entries[id].otherValence.isNaN else { continue }
                vocabulary.entries[id].otherValence = e.valence
                vocabulary.entries[id].otherSource = source
                vocabulary.entries[id].isInflectedForm = true
            }
        }
    }

    /// Adds a rule file; a rule or fact pattern named like an earlier file's rule or pattern
    /// replaces it, whichever kind each is.
    mutating func addRules(_ file: RuleFile) throws {
        files.append(file.file)
        let redefinedRules = Set(file.rules.map(\.name))
        let redefined = redefinedRules.union(file.facts.map(\.name))
        if !redefined.isDisjoint(with: ruleNamesAdded) {
            phrases.removeAll { redefined.contains($0.name) }
            retireFacts(named: redefinedRules)
        }
        ruleNamesAdded.formUnion(redefined)
        for b in file.boosters {
            let tokens = WordNormalizer.tokens(b.phrase)
            if tokens.count == 1 {
                vocabulary.update(tokens[0]) { $0.booster = b.value }
            } else {
                addPhrase(name: b.value > 0 ? "booster" : "dampener", text: b.phrase, tokens: tokens,
                          effect: .booster(b.value), tags: [], language: nil, position: .any)
            }
        }
        for w in file.negators { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isNegator = true } } }
        for w in file.reversers { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isReverser = true } } }
        for w in file.contrast { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isContrast = true } } }
        for w in file.reportCues { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isReportCue = true } } }
        for w in file.personalWords { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isPersonal = true } } }
        for w in file.questionOpeners { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isQuestionOpener = true } } }
        for w in file.concessionCues { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isConcession = true } } }
        for w in file.directionUp { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.direction = 1 } } }
        for w in file.directionDown { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.direction = -1 } } }
        for w in file.directionStop { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.direction = 2 } } }
        for w in file.directionBad { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.riseSign = -1 } } }
        for w in file.directionGood { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.riseSign = 1 } } }
        for w in file.factBlockers { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factFrame = Vocabulary.FactRole.blocker } } }
        for w in file.factSubjects { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factFrame = Vocabulary.FactRole.subject } } }
        for w in file.factAfter { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factFrame = Vocabulary.FactRole.after } } }
        for w in file.factJoins { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.factFrame = Vocabulary.FactRole.join } } }
        for w in file.englishMarkers { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isEnglishMarker = true } } }
        for w in file.foreignMarkers { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isForeignMarker = true } } }
        for (bit, words) in file.languageMarkers {
            for w in words {
                for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isForeignMarker = true; $0.languageMarkers |= bit } }
            }
        }
        for i in file.idioms {
            addPhrase(name: "idiom", text: i.phrase, tokens: WordNormalizer.tokens(i.phrase), effect: .set(i.value),
                      tags: [], language: file.language, position: .any)
        }
        try addFacts(file.facts, file: file.file)
        for r in file.rules {
            if let within = r.within, let then = r.then {
                // Two parts with a gap: each `match` phrase is a lead that scores nothing, each
                // `then` phrase counts the rule's valence when a lead stands at most `within`
                // words before it (`ValenceScorer.matchPhrases`).
                for p in r.phrases {
                    addPhrase(name: r.name, text: p, tokens: WordNormalizer.tokens(p), effect: .set(0), tags: [],
                              language: r.language, position: .lead)
                }
                for p in then {
                    addPhrase(name: r.name, text: p, tokens: WordNormalizer.tokens(p), effect: r.effect, tags: r.tags,
                              language: r.language, position: r.position, within: Int8(within))
                }
                continue
            }
            guard let then = r.then else {
                for p in r.phrases {
                    addPhrase(name: r.name, text: p, tokens: WordNormalizer.tokens(p), effect: r.effect, tags: r.tags,
                              language: r.language, position: r.position)
                }
                continue
            }
            // `match` x `then`: each part normalized once (thousands of pairs load in a
            // millisecond, where normalizing every pair's text took tens).
            // Each part is also interned once, and the pair's text is joined only when
            // --explain shows it.
            guard !configuration.disabledRules.contains(r.name) else { continue }
            let firsts = r.phrases.map { ($0, WordNormalizer.tokens($0).map { vocabulary.intern($0) }) }
            let seconds = then.map { ($0, WordNormalizer.tokens($0).map { vocabulary.intern($0) }) }
            // Grown geometrically: an exact reserve per rule copied every phrase so far at
            // each of the `then` rules (2.6% of start-up in perf).
            let needed = phrases.count + firsts.count * seconds.count
            if phrases.capacity < needed { phrases.reserveCapacity(max(needed, 2 * phrases.capacity)) }
            let zero = vocabulary.anyNumberID
            for (a, at) in firsts where !at.isEmpty {
                for (b, bt) in seconds where !bt.isEmpty {
                    phrases.append(PhraseRule(name: r.name, tokens: ArraySlice(at + bt), effect: r.effect, tags: r.tags, language: r.language,
                                              position: r.position, textParts: (a, b)))
                    // `0` matches an amount too ("go up £10"): the twin with `£` in its place.
                    if zero >= 0, let twin = amountTwin(at + bt, zero: zero) {
                        phrases.append(PhraseRule(name: r.name, tokens: ArraySlice(twin), effect: r.effect, tags: r.tags,
                                                  language: r.language, position: r.position, textParts: (a, b)))
                    }
                }
            }
        }
    }

    private mutating func addPhrase(name: String, text: String, tokens: [String], effect: PhraseRule.Effect,
                                    tags: [String], language: String?, position: PhraseRule.Position, within: Int8 = -1) {
        guard !tokens.isEmpty, !configuration.disabledRules.contains(name) else { return }
        for form in [tokens, ContractionVariant.variant(of: tokens)] {
            guard let form else { continue }
            let ids = form.map { vocabulary.intern($0) }
            phrases.append(PhraseRule(name: name, tokens: ArraySlice(ids), effect: effect, tags: tags, language: language,
                                      position: position, textParts: (text, nil), within: within))
            // `0` matches an amount too ("charged me £60", "quoted £180"): the twin with `£` in its place.
            if let twin = amountTwin(ids, zero: vocabulary.anyNumberID) {
                phrases.append(PhraseRule(name: name, tokens: ArraySlice(twin), effect: effect, tags: tags, language: language,
                                          position: position, textParts: (text, nil), within: within))
            }
        }
    }

    /// A phrase's tokens with its first `0` (any number) replaced by `£` (an amount, session 11),
    /// or nil when it holds no `0`: the scanner reads "£60" as one amount token, so a phrase
    /// written with a count ("charged me 0", "go up 0") keeps matching an amount after a
    /// currency sign, as it did when the sign was punctuation.
    private mutating func amountTwin(_ ids: [Int32], zero: Int32) -> [Int32]? {
        guard zero >= 0, let i = ids.firstIndex(of: zero) else { return nil }
        var twin = ids
        twin[i] = Vocabulary.amountWord.withUTF8Buffer { vocabulary.intern(String(decoding: $0, as: UTF8.self)) }
        return twin
    }

    /// The range of `phraseListItems` to try at a token starting phrase list `list` followed by
    /// token `next` (−2: none): the phrases going on with `next`, then the one-token ones.
    @inline(__always)
    func candidates(list: Int32, next: Int32) -> (start: Int32, count: Int32) {
        pairIndex.find(list: list, second: next) ?? phraseLists[Int(list)]
    }

    /// Builds the matcher's plain tables and the first-token index.
    private mutating func indexPhrases() {
        var nameIDs: [String: Int32] = [:]
        for (i, n) in ruleNames.enumerated() { nameIDs[n] = Int32(i) }
        phraseKeys.reserveCapacity(phrases.count)
        // Phrases come in runs of one rule: look the name up once per run.
        var lastName = "", lastID: Int32 = -1
        for p in phrases {
            let nameID: Int32
            if lastID >= 0 && p.name == lastName {
                nameID = lastID
            } else if let known = nameIDs[p.name] {
                nameID = known
            } else {
                nameID = Int32(ruleNames.count)
                ruleNames.append(p.name)
                nameIDs[p.name] = nameID
            }
            lastName = p.name
            lastID = nameID
            phraseKeys.append(PhraseKey(
                tokenStart: Int32(phraseTokens.count), tokenCount: Int32(p.tokens.count),
                language: PhraseKey.languageCode(p.language), position: p.position, effect: p.effect,
                nameID: nameID, tags: ReactionTag.mask(p.tags), within: p.within))
            phraseTokens.append(contentsOf: p.tokens)
        }
        // One sort of plain keys: by first token; then the phrases of two or more tokens by
        // second token (so that the matcher reads only the candidates that fit the next word:
        // a common first word such as "not" or "the" starts a hundred phrases), the one-token
        // phrases last; within each, longest first, later definitions first.
        var order: [SortKey] = []
        order.reserveCapacity(phraseKeys.count)
        for (i, k) in phraseKeys.enumerated() {
            let first = phraseTokens[Int(k.tokenStart)]
            let second = k.tokenCount > 1 ? phraseTokens[Int(k.tokenStart) + 1] : Int32.max
            order.append(SortKey(first: first, second: second, length: k.tokenCount, index: Int32(i)))
        }
        order.sort()
        var g = 0
        while g < order.count {
            let first = order[g].first
            var end = g
            while end < order.count && order[end].first == first { end += 1 }
            var singlesStart = end
            while singlesStart > g && order[singlesStart - 1].second == Int32.max { singlesStart -= 1 }
            let singles = order[singlesStart..<end].map(\.index)
            let pairStart = pairs.count
            var p = g
            while p < singlesStart {
                let second = order[p].second
                var q = p
                while q < singlesStart && order[q].second == second { q += 1 }
                // The pair's phrases, then (copied) the one-token ones: one range to read.
                pairs.append(Pair(second: second, start: Int32(phraseListItems.count), count: Int32(q - p + singles.count)))
                for r in p..<q { phraseListItems.append(order[r].index) }
                phraseListItems.append(contentsOf: singles)
                p = q
            }
            pairRanges.append((Int32(pairStart), Int32(pairs.count - pairStart)))
            let listID = Int32(phraseLists.count)
            phraseLists.append((Int32(phraseListItems.count), Int32(singles.count)))
            phraseListItems.append(contentsOf: singles)
            vocabulary.entries[Int(first)].phraseList = listID
            g = end
        }
        pairIndex = PhrasePairIndex(pairs: pairs, ranges: pairRanges)
    }

    /// A phrase's place in the index: by first token, second token (`Int32.max` for one-token
    /// phrases), longer first, later first.
    private struct SortKey: Comparable {
        var first: Int32, second: Int32, length: Int32, index: Int32

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.first != b.first { return a.first < b.first }
            if a.second != b.second { return a.second < b.second }
            if a.length != b.length { return a.length > b.length }
            return a.index > b.index
        }
    }
}
