import Foundation
import Yams

/// Parses rule files (YAML). Top-level keys: `lang`, `boosters`, `negators`, `reversers`, `contrast`,
/// `markers`, `idioms`, `rules`; see docs/sentiment.md. Errors name the file and line.
enum RuleFileParser {
    static func parse(contentsOf url: URL) throws -> RuleFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SentimentError(file: url.path, reason: "cannot read rules: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SentimentError(file: url.path, reason: "rules file is not valid UTF-8")
        }
        return try parse(text, file: url.path)
    }

    static func parse(_ text: String, file: String) throws -> RuleFile {
        try parse(root: try tree(text, file: file), file: file)
    }

    /// The file's YAML tree: read by `RuleYAMLReader` when the file keeps to the subset the
    /// shipped files use (no Yams on the start-up path), else by Yams.
    static func tree(_ text: String, file: String) throws -> RuleNode? {
        do {
            return try RuleYAMLReader.read(text)
        } catch {
            return try yamsTree(text, file: file)
        }
    }

    /// The file's YAML tree as Yams reads it.
    static func yamsTree(_ text: String, file: String) throws -> RuleNode? {
        do {
            // The basic resolver: every scalar is read here as a string (numbers by `Float`,
            // `flip` by `RuleNode.bool`), so Yams's default resolver would only compile its
            // regular expressions (about 1 ms) for nothing.
            return try Yams.compose(yaml: text, .basic).map(ruleNode)
        } catch let error as YamlError {
            let mark = Self.mark(of: error)
            throw SentimentError(file: file, line: mark?.line, column: mark?.column, reason: "invalid YAML: \(Self.problem(of: error))")
        } catch {
            throw SentimentError(file: file, reason: "invalid YAML: \(error)")
        }
    }

    private static func ruleNode(_ node: Node) -> RuleNode {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let s): return .scalar(s.string, plain: s.style == .plain, line: line)
        case .mapping(let m): return .mapping(m.map { RuleNode.Pair(key: ruleNode($0.key), value: ruleNode($0.value)) }, line: line)
        case .sequence(let seq): return .sequence(seq.map(ruleNode), line: line)
        case .alias: return .scalar("", plain: true, line: line)
        }
    }

    private static func parse(root: RuleNode?, file: String) throws -> RuleFile {
        var out = RuleFile(file: file)
        guard let root else { return out }
        guard let top = root.mapping else { throw fail(file, root, "expected a mapping at the top level") }
        for pair in top {
            let keyNode = pair.key, value = pair.value
            let key = keyNode.string ?? ""
            switch key {
            case "lang":
                out.language = try string(file, value)
            case "boosters":
                out.boosters = try weighted(file, value, range: -2...2)
            case "idioms":
                out.idioms = try weighted(file, value, range: -4...4)
            case "negators":
                out.negators = try strings(file, value)
            case "reversers":
                out.reversers = try strings(file, value)
            case "contrast":
                out.contrast = try strings(file, value)
            case "markers":
                guard let m = value.mapping else { throw fail(file, value, "markers: expected a mapping with english and foreign") }
                for pair in m {
                    let k = pair.key, v = pair.value
                    switch k.string ?? "" {
                    case "english": out.englishMarkers = try strings(file, v)
                    case "foreign": out.foreignMarkers = try strings(file, v)
                    case "french": out.languageMarkers.append((Vocabulary.ScanFlag.french, try strings(file, v)))
                    case "spanish": out.languageMarkers.append((Vocabulary.ScanFlag.spanish, try strings(file, v)))
                    case "german": out.languageMarkers.append((Vocabulary.ScanFlag.german, try strings(file, v)))
                    default:
                        throw fail(file, k, "markers: unknown key \(q(k.string ?? "")) (expected english, foreign, french, spanish or german)")
                    }
                }
            case "report":
                guard let m = value.mapping else { throw fail(file, value, "report: expected a mapping with cues and personal") }
                for pair in m {
                    let k = pair.key, v = pair.value
                    switch k.string ?? "" {
                    case "cues": out.reportCues = try strings(file, v)
                    case "personal": out.personalWords = try strings(file, v)
                    case "questions": out.questionOpeners = try strings(file, v)
                    default: throw fail(file, k, "report: unknown key \(q(k.string ?? "")) (expected cues, personal or questions)")
                    }
                }
            case "concession":
                out.concessionCues = try strings(file, value)
            case "direction":
                guard let m = value.mapping else { throw fail(file, value, "direction: expected a mapping with up, down, bad, good and stop") }
                var listed: [String: String] = [:]  // word -> its list, to refuse one word in two lists
                var keys: Set<String> = []
                for pair in m {
                    let k = pair.key, v = pair.value
                    let words = try strings(file, v)
                    if !keys.insert(k.string ?? "").inserted { throw fail(file, k, "direction: \(q(k.string ?? "")) is given twice") }
                    // One list per word: the scorer would otherwise pick one by its own order,
                    // not the file's, and a subject that is also a direction word ends the search.
                    for w in words {
                        let list = k.string ?? ""
                        let key = WordNormalizer.tokens(w).joined(separator: " ")
                        if let other = listed[key], other != list {
                            throw fail(file, v, "direction: \(q(w)) is in both \(other) and \(list)")
                        }
                        listed[key] = list
                    }
                    // One word each: the subject and the direction are found a few words apart.
                    for w in words where WordNormalizer.tokens(w).count != 1 {
                        throw fail(file, v, "direction: \(q(w)) is not one word")
                    }
                    switch k.string ?? "" {
                    case "up": out.directionUp = words
                    case "down": out.directionDown = words
                    case "bad": out.directionBad = words
                    case "good": out.directionGood = words
                    case "stop": out.directionStop = words
                    default: throw fail(file, k, "direction: unknown key \(q(k.string ?? "")) (expected up, down, bad, good or stop)")
                    }
                }
            case "fact_frame":
                guard let m = value.mapping else { throw fail(file, value, "fact_frame: expected a mapping with blockers, subjects and after") }
                var listed: [String: String] = [:]  // word -> its list, to refuse one word in two lists
                for pair in m {
                    let k = pair.key, v = pair.value
                    let list = k.string ?? ""
                    let words = try strings(file, v)
                    for w in words {
                        let tokens = WordNormalizer.tokens(w)
                        guard tokens.count == 1 else { throw fail(file, v, "fact_frame: \(q(w)) is not one word") }
                        if let other = listed[tokens[0]] { throw fail(file, v, "fact_frame: \(q(w)) is in both \(other) and \(list)") }
                        listed[tokens[0]] = list
                    }
                    switch list {
                    case "blockers": out.factBlockers = words
                    case "subjects": out.factSubjects = words
                    case "after": out.factAfter = words
                    case "joins": out.factJoins = words
                    default: throw fail(file, k, "fact_frame: unknown key \(q(list)) (expected blockers, subjects, after or joins)")
                    }
                }
            case "facts":
                out.facts = try factDefinitions(file, value, fileLanguage: out.language)
            case "rules":
                guard let seq = value.sequence else { throw fail(file, value, "rules: expected a list of rules") }
                for node in seq { out.rules.append(try definition(file, node, fileLanguage: out.language)) }
            default:
                throw fail(file, keyNode, "unknown key \(q(key)) (expected lang, boosters, negators, reversers, contrast, concession, direction, fact_frame, markers, report, idioms, facts or rules)")
            }
        }
        // `lang` may come after `rules`; apply the file's scope to rules without their own.
        for i in out.rules.indices where out.rules[i].language == nil { out.rules[i].language = out.language }
        for i in out.facts.indices where out.facts[i].language == nil { out.facts[i].language = out.language }
        return out
    }

    private static func definition(_ file: String, _ node: RuleNode, fileLanguage: String?) throws -> RuleFile.Definition {
        guard let m = node.mapping else { throw fail(file, node, "a rule must be a mapping with name and match") }
        var name: String?
        var phrases: [String] = []
        var then: [String]?
        var within: Int?
        var effects: [PhraseRule.Effect] = []
        var tags: [String] = []
        var language: String?
        var position = PhraseRule.Position.any
        for pair in m {
            let k = pair.key, v = pair.value
            let key = k.string ?? ""
            switch key {
            case "name": name = try string(file, v)
            case "match": phrases = v.sequence != nil ? try strings(file, v) : [try string(file, v)]
            case "then": then = v.sequence != nil ? try strings(file, v) : [try string(file, v)]
            case "within":
                // A word count: the gap allowed between the `match` and the `then` phrase.
                guard let n = v.string.flatMap({ Int($0) }), (0...Self.maxWithin).contains(n) else {
                    throw fail(file, v, "within: expected a whole number of words in 0...\(Self.maxWithin)")
                }
                within = n
            case "valence": effects.append(.set(try number(file, v, range: -4...4)))
            case "shift": effects.append(.shift(try number(file, v, range: -4...4)))
            case "booster": effects.append(.booster(try number(file, v, range: -2...2)))
            case "flip":
                guard v.bool == true else { throw fail(file, v, "flip: expected true") }
                effects.append(.flip)
            case "tags":
                tags = try strings(file, v)
                for t in tags where !ReactionTag.all.contains(t) {
                    throw fail(file, v, "unknown tag \(q(t)) (known: \(ReactionTag.all.sorted().joined(separator: ", ")))")
                }
            case "lang": language = try string(file, v)
            case "at":
                let s = try string(file, v)
                guard let p = PhraseRule.Position(rawValue: s), p != .lead else {
                    throw fail(file, v, "at: \(q(s)) is not one of any, start, end, whole, aside, close, glad, fact, against, unmet, wrap")
                }
                position = p
            default:
                throw fail(file, k, "unknown rule key \(q(key)) (expected name, match, then, within, valence, shift, booster, flip, tags, lang, at)")
            }
        }
        guard let name, !name.isEmpty else { throw fail(file, node, "rule without a name") }
        // `then`: every phrase of `match` followed by every phrase of `then` ("prices" + "soar").
        if let then {
            guard !then.isEmpty, then.allSatisfy(Self.hasToken) else {
                throw fail(file, node, "rule \(q(name)): then: is empty")
            }
        }
        guard !phrases.isEmpty, phrases.allSatisfy(Self.hasToken) else {
            throw fail(file, node, "rule \(q(name)) has no match phrase")
        }
        guard effects.count <= 1 else { throw fail(file, node, "rule \(q(name)) has more than one of valence, shift, booster, flip") }
        // `within`: the `then` phrase, found after a `match` phrase, counts the rule's valence;
        // it needs both parts and a valence, and a place its second part can take on its own.
        if within != nil {
            guard then != nil else { throw fail(file, node, "rule \(q(name)): within: needs then:") }
            guard case .set? = effects.first else { throw fail(file, node, "rule \(q(name)): within: needs a valence") }
            guard position == .any || position == .start || position == .end else {
                throw fail(file, node, "rule \(q(name)): within: works with at: any, start or end")
            }
        }
        // `at: glad` turns a negative valence positive; any other effect would do nothing or harm.
        if position == .glad {
            guard case .set(let v)? = effects.first, v < 0 else { throw fail(file, node, "rule \(q(name)): at: glad needs a negative valence") }
        }
        // `at: against` marks the bad side of a glad text: it needs a negative valence.
        if position == .against {
            guard case .set(let v)? = effects.first, v < 0 else { throw fail(file, node, "rule \(q(name)): at: against needs a negative valence") }
        }
        if position == .fact {
            guard case .set? = effects.first else { throw fail(file, node, "rule \(q(name)): at: fact needs a valence") }
        }
        // `at: unmet` counts a letdown and turns the praise after it: it needs a negative valence;
        // `at: wrap` is a conditional sarcasm marker: it needs flip.
        if position == .unmet {
            guard case .set(let v)? = effects.first, v < 0 else { throw fail(file, node, "rule \(q(name)): at: unmet needs a negative valence") }
        }
        if position == .wrap {
            guard case .flip? = effects.first else { throw fail(file, node, "rule \(q(name)): at: wrap needs flip: true") }
        }
        return RuleFile.Definition(
            name: name, phrases: phrases, then: then, within: within, effect: effects.first ?? .shift(0), tags: tags,
            language: language, position: position, line: node.line)
    }

    /// The most words `within:` may allow between the two parts of a rule.
    static let maxWithin = 20

    /// Whether `phrase` has a token: `WordNormalizer.tokens` is empty only for a phrase of
    /// blanks, so this is checked without normalizing every phrase twice (a tenth of start-up
    /// went to it; `SentimentModel` normalizes them when it adds them).
    private static func hasToken(_ phrase: String) -> Bool {
        phrase.utf8.contains { $0 != 0x20 && $0 != 0x09 }
    }

    private static func weighted(_ file: String, _ node: RuleNode, range: ClosedRange<Float>) throws -> [RuleFile.Weighted] {
        guard let m = node.mapping else { throw fail(file, node, "expected a mapping of phrase: number") }
        return try m.map { RuleFile.Weighted(phrase: try string(file, $0.key), value: try number(file, $0.value, range: range)) }
    }

    static func strings(_ file: String, _ node: RuleNode) throws -> [String] {
        guard let seq = node.sequence else { throw fail(file, node, "expected a list") }
        return try seq.map { try string(file, $0) }
    }

    static func string(_ file: String, _ node: RuleNode) throws -> String {
        guard let s = node.string, !s.isEmpty else { throw fail(file, node, "expected a non-empty string") }
        return s
    }

    static func number(_ file: String, _ node: RuleNode, range: ClosedRange<Float>) throws -> Float {
        guard let s = node.string, let v = Float(s), v.isFinite, range.contains(v) else {
            throw fail(file, node, "expected a number in \(range.lowerBound)...\(range.upperBound), got \(node.string.map { SentimentError.numberShown($0) } ?? "a collection")")
        }
        return v
    }

    static func fail(_ file: String, _ node: RuleNode, _ reason: String) -> SentimentError {
        SentimentError(file: file, line: node.line, reason: reason)
    }

    /// Text from the file, quoted safely for a message (``SentimentError/quote(_:)``).
    static func q(_ text: String) -> String { SentimentError.quote(text) }

    private static func mark(of error: YamlError) -> (line: Int, column: Int)? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return (mark.line, mark.column)
        case .reader(_, let offset?, _, let yaml):
            // A reader error (a control character, bad UTF-8) has a character offset: the line
            // and column are counted here, since Yams's own description quotes the whole line.
            let lines = yaml.prefix(offset).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            return (lines.count, (lines.last?.count ?? 0) + 1)
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        case .reader(let problem, _, let value, _):
            return value < 0 ? problem : problem + " (U+" + String(UInt32(value), radix: 16, uppercase: true) + ")"
        default: return "\(error)"
        }
    }
}
