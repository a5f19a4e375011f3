import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusSentiment

/// Every shipped rule, idiom, booster and negator, checked on its own phrase with the shipped
/// files: the rule fires, adds its tags, and a rule that sets a valence gives exactly it.
@Suite struct ShippedRuleTests {
    struct Phrase: Sendable, CustomTestStringConvertible {
        var file: String
        var name: String
        var phrase: String
        var effect: PhraseRule.Effect
        var tags: [String]
        var position: PhraseRule.Position
        var testDescription: String { "\(file): \(name): \(phrase)" }
    }

    static func ruleFile(_ name: String) -> RuleFile {
        do {
            return try RuleFileParser.parse(contentsOf: RepoPaths.config.appendingPathComponent("sentiment/\(name)"))
        } catch {
            preconditionFailure("\(error)")
        }
    }

    static let phrases: [Phrase] = ["rules-en.yaml", "rules-zh.yaml", "rules-fr.yaml", "rules-es.yaml", "rules-de.yaml"].flatMap { file in
        let f = ruleFile(file)
        let rules = f.rules.flatMap { r in
            r.allPhrases.map { Phrase(file: file, name: r.name, phrase: $0, effect: r.effect, tags: r.tags, position: r.position) }
        }
        let idioms = f.idioms.map { Phrase(file: file, name: "idiom", phrase: $0.phrase, effect: .set($0.value), tags: [], position: .any) }
        return rules + idioms
    }

    static let boosters: [RuleFile.Weighted] = ruleFile("rules-en.yaml").boosters
    static let negators: [String] = ruleFile("rules-en.yaml").negators

    let analyzer = TestFixtures.shipped
    let norm = TestFixtures.norm

    @Test(arguments: phrases)
    func ruleFiresOnItsPhrase(_ p: Phrase) {
        // An aside needs a clause beside it (a closing one, a sentence before it); a flip there
        // needs a bad fact. Glad tears need a
        // glad text ("So happy!! crying"), where they count positive.
        let text = p.position == .aside ? "\(p.phrase). The app crashed again."
            : p.position == .close ? "The app crashed again. \(p.phrase)"
            : p.position == .glad ? "So happy!! \(p.phrase)"
            // The bad side of a glad text needs the glad side (session 10b).
            : p.position == .against ? "Lovely day, \(p.phrase)" : p.phrase
        let s = analyzer.score(text)
        #expect(s.rules.contains(p.name), "\(text): rules \(s.rules)")
        for t in p.tags { #expect(s.tags.contains(t), "\(p.phrase): tags \(s.tags)") }
        switch p.effect {
        case .set where p.position == .against:
            #expect(s.label == .mixed, "\(text): \(s.label)")
        case .set where p.position == .glad:
            #expect(s.label == .positive, "\(text): \(s.compound)")
        case .set(let v):
            #expect(same(s.compound, norm(Double(v))), "\(p.phrase): \(s.compound) != norm(\(v))")
        case .flip:
            #expect(s.compound < 0 && s.label == .negative, "\(p.phrase): \(s.compound)")
        case .shift, .booster:
            break
        }
    }

    @Test(arguments: boosters)
    func boosterScalesTheNextWord(_ b: RuleFile.Weighted) throws {
        let lovely = try #require(valence("lovely"))
        let s = analyzer.score("\(b.phrase) lovely")
        #expect(same(s.compound, norm(Double(lovely + b.value))), "\(b.phrase): \(s.compound)")
        #expect(s.rules.contains(b.value > 0 ? "booster" : "dampener"))
    }

    @Test(arguments: negators)
    func negatorFlipsTheNextWord(_ word: String) throws {
        let lovely = try #require(valence("lovely"))
        let s = analyzer.score("\(word) lovely")
        #expect(same(s.compound, norm(Double(lovely * -0.74))), "\(word): \(s.compound)")
        #expect(s.rules.contains("negation"))
    }

    private func valence(_ word: String) -> Float? {
        let id = analyzer.model.vocabulary.lookup(word)
        return id >= 0 ? analyzer.model.vocabulary.entries[Int(id)].valence : nil
    }
}

/// Chinese segmentation and heuristics on the shipped files.
@Suite struct ChineseTests {
    let analyzer = TestFixtures.shipped
    let norm = TestFixtures.norm

    @Test func forwardMaximumMatchingPrefersTheLongestWord() {
        // 太好了 is one rule word, not 太 (booster) + 好 + 了.
        #expect(analyzer.score("太好了").rules.contains("great-zh"))
        // 举行 is a neutral word, so 行 (fine) does not score inside it.
        #expect(analyzer.score("会议在北京举行").label == .neutral)
    }

    @Test func negationFlipsTheNextWord() throws {
        let good = try #require(valence("好"))
        #expect(same(analyzer.score("不好").compound, norm(Double(good * -0.74))))
        #expect(analyzer.score("不太好").label == .negative)
        #expect(analyzer.score("不错").label == .positive)
    }

    @Test func boostersAndFullWidthExclamation() throws {
        let good = try #require(valence("好"))
        #expect(same(analyzer.score("很好").compound, norm(Double(good + 0.293))))
        #expect(same(analyzer.score("很好！").compound, norm(Double(good + 0.293 + 0.292))))
    }

    @Test func contrastShiftsWeightToTheLaterClause() {
        let s = analyzer.score("手机很好，但是服务太差了")
        #expect(s.rules.contains("contrast"))
        #expect(s.compound < 0)
        #expect(s.label == .mixed)
    }

    @Test func latinWordsInChineseTextStillScore() {
        let s = analyzer.score("ZTE加油 👍")
        #expect(s.rules.first == "lang-zh")
        #expect(s.label == .positive)
    }

    private func valence(_ word: String) -> Float? {
        let id = analyzer.model.vocabulary.lookup(word)
        return id >= 0 ? analyzer.model.vocabulary.entries[Int(id)].valence : nil
    }
}
