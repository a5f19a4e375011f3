import Foundation

/// Everything the scorer reads, built once from the lexicon and rule files and then shared,
/// read-only, by every scoring call: the vocabulary and the phrase rules indexed by their
/// first token.
struct SentimentModel: Sendable {
    private(set) var vocabulary = Vocabulary()
    private(set) var phrases: [PhraseRule] = []
    /// For each phrase list id (`Vocabulary.Entry.phraseList`): phrase indices, longest first.
    private(set) var phrasesByFirstToken: [[Int32]] = []
    /// The files loaded, in order.
    private(set) var files: [String] = []
    let configuration: SentimentConfiguration
    /// Heuristics switched on (all unless named in `disabledRules`).
    let heuristics: Heuristics

    /// Which built-in heuristics are on.
    struct Heuristics: Sendable {
        var negation = true, booster = true, caps = true, exclamation = true, question = true
        var contrast = true, elongation = true

        init(disabled: Set<String>) {
            negation = !disabled.contains("negation")
            booster = !disabled.contains("booster")
            caps = !disabled.contains("caps-emphasis")
            exclamation = !disabled.contains("exclamation")
            question = !disabled.contains("question")
            contrast = !disabled.contains("contrast")
            elongation = !disabled.contains("elongation")
        }
    }

    /// Loads the shipped files (unless replaced) and the configured ones.
    init(configuration: SentimentConfiguration) throws {
        self.configuration = configuration
        heuristics = Heuristics(disabled: configuration.disabledRules)
        var lexicons: [(URL, String)] = []
        var rules: [URL] = []
        if !configuration.replaceDefaultLexicons || !configuration.replaceDefaultRules {
            let share = try configuration.shareDirectory ?? SentimentResources.locate()
            if !configuration.replaceDefaultLexicons {
                lexicons.append((share.appendingPathComponent(SentimentResources.englishLexicon), "en"))
                if configuration.chineseEnabled {
                    lexicons.append((share.appendingPathComponent(SentimentResources.chineseLexicon), "zh"))
                }
            }
            if !configuration.replaceDefaultRules {
                rules.append(share.appendingPathComponent(SentimentResources.englishRules))
                if configuration.chineseEnabled { rules.append(share.appendingPathComponent(SentimentResources.chineseRules)) }
            }
        }
        lexicons += configuration.lexiconFiles.map { ($0, "en") }
        lexicons += configuration.chineseLexiconFiles.map { ($0, "zh") }
        rules += configuration.ruleFiles
        for (url, _) in lexicons { try addLexicon(LexiconFileParser.parse(contentsOf: url), file: url.path) }
        for url in rules { try addRules(RuleFileParser.parse(contentsOf: url)) }
        indexPhrases()
    }

    /// Adds lexicon entries (later entries override earlier ones for the same token).
    mutating func addLexicon(_ entries: [LexiconFileParser.Entry], file: String) throws {
        files.append(file)
        let name = URL(fileURLWithPath: file).lastPathComponent
        for e in entries {
            let tokens = WordNormalizer.tokens(e.token)
            if tokens.count > 1 {
                addPhrase(name: "idiom", text: e.token, tokens: tokens, effect: .set(e.valence), tags: [], language: nil, position: .any)
            } else if let t = tokens.first {
                vocabulary.update(t) { $0.valence = e.valence; $0.source = name }
            }
        }
    }

    /// Adds a rule file; a rule named like an earlier file's rule replaces it.
    mutating func addRules(_ file: RuleFile) throws {
        files.append(file.file)
        let redefined = Set(file.rules.map(\.name))
        phrases.removeAll { redefined.contains($0.name) }
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
        for w in file.contrast { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isContrast = true } } }
        for w in file.englishMarkers { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isEnglishMarker = true } } }
        for w in file.foreignMarkers { for t in WordNormalizer.tokens(w) { vocabulary.update(t) { $0.isForeignMarker = true } } }
        for i in file.idioms {
            addPhrase(name: "idiom", text: i.phrase, tokens: WordNormalizer.tokens(i.phrase), effect: .set(i.value),
                      tags: [], language: file.language, position: .any)
        }
        for r in file.rules {
            for p in r.phrases {
                addPhrase(name: r.name, text: p, tokens: WordNormalizer.tokens(p), effect: r.effect, tags: r.tags,
                          language: r.language, position: r.position)
            }
        }
    }

    private mutating func addPhrase(name: String, text: String, tokens: [String], effect: PhraseRule.Effect,
                                    tags: [String], language: String?, position: PhraseRule.Position) {
        guard !tokens.isEmpty, !configuration.disabledRules.contains(name) else { return }
        let ids = tokens.map { vocabulary.intern($0) }
        phrases.append(PhraseRule(name: name, tokens: ids, effect: effect, tags: tags, language: language,
                                  position: position, text: text))
    }

    /// Builds the first-token index: longest phrases first, later definitions before earlier.
    private mutating func indexPhrases() {
        var lists: [Int32: [Int32]] = [:]
        for (i, p) in phrases.enumerated() { lists[p.tokens[0], default: []].append(Int32(i)) }
        phrasesByFirstToken = []
        for (first, var list) in lists.sorted(by: { $0.key < $1.key }) {
            list.sort { a, b in
                let la = phrases[Int(a)].tokens.count, lb = phrases[Int(b)].tokens.count
                return la != lb ? la > lb : a > b
            }
            let listID = Int32(phrasesByFirstToken.count)
            phrasesByFirstToken.append(list)
            vocabulary.update(vocabulary.token(first)) { $0.phraseList = listID }
        }
    }
}
