@testable import ChorusSentiment
import Foundation
import Testing

/// Loading user lexicons and rules, and the errors for bad files.
@Suite struct FileLoadingTests {
    @Test func loadsAVaderFormatLexiconOnTopOfTheDefaults() throws {
        let a = try SentimentAnalyzer(configuration: SentimentConfiguration(lexiconFiles: [TestFixtures.url("vader-format.tsv")]))
        #expect(same(a.score("zte").compound, TestFixtures.norm(2.5)))
        #expect(same(a.score("sanction").compound, TestFixtures.norm(-3.1)))
        #expect(a.score("great").label == .positive)
        #expect(a.loadedFiles.contains { $0.hasSuffix("vader-format.tsv") })
    }

    @Test func replacingTheDefaultsLeavesOnlyTheUserLexicon() throws {
        let a = try SentimentAnalyzer(configuration: SentimentConfiguration(
            lexiconFiles: [TestFixtures.url("vader-format.tsv")], replaceDefaultLexicons: true))
        #expect(a.score("great").compound == 0)
        #expect(a.score("zte").label == .positive)
    }

    @Test(arguments: [
        ("bad-missing-tab.tsv", 2, "expected token<TAB>valence"),
        ("bad-valence.tsv", 3, "valence text of 8 characters is not a number in -4...4"),
        ("bad-range.tsv", 2, "valence \"7\" is not a number in -4...4"),
    ])
    func badLexiconLinesNameFileAndLine(_ name: String, _ line: Int, _ reason: String) {
        let url = TestFixtures.url(name)
        #expect {
            _ = try SentimentAnalyzer(configuration: SentimentConfiguration(lexiconFiles: [url]))
        } throws: { error in
            let e = error as? SentimentError
            let text = "\(error)"
            return e?.line == line && text.hasPrefix("sentiment: \(url.path):\(line):") && text.contains(reason)
        }
    }

    @Test(arguments: [
        ("bad-syntax.yaml", "invalid YAML"),
        ("bad-key.yaml", "unknown key \"rulez\""),
        ("bad-tag.yaml", "unknown tag \"joyfulness\""),
        ("bad-noname.yaml", "rule without a name"),
        ("bad-rule-valence.yaml", "expected a number in -4.0...4.0"),
    ])
    func badRuleFilesNameFileAndLine(_ name: String, _ reason: String) {
        let url = TestFixtures.url(name)
        #expect {
            _ = try SentimentAnalyzer(configuration: SentimentConfiguration(ruleFiles: [url]))
        } throws: { error in
            let e = error as? SentimentError
            return e?.file == url.path && e?.line != nil && "\(error)".contains(reason)
                && "\(error)".hasPrefix("sentiment: \(url.path):")
        }
    }

    @Test func missingFileIsAClearError() {
        let url = TestFixtures.url("no-such-lexicon.tsv")
        #expect {
            _ = try SentimentAnalyzer(configuration: SentimentConfiguration(lexiconFiles: [url]))
        } throws: { error in
            "\(error)".hasPrefix("sentiment: \(url.path): cannot read lexicon")
        }
    }

    @Test func aUserRuleReplacesAShippedRuleOfTheSameName() throws {
        let dir = try TemporaryFiles.directory()
        let rules = dir.appendingPathComponent("mine.yaml")
        try "rules:\n  - name: almost-there\n    match: nearly done\n    valence: 3\n    tags: [excitement]\n"
            .write(to: rules, atomically: true, encoding: .utf8)
        let a = try SentimentAnalyzer(configuration: SentimentConfiguration(ruleFiles: [rules]))
        #expect(a.score("nearly done").tags == ["excitement"])
        #expect(!a.score("almost there").rules.contains("almost-there"))
    }

    @Test func thenRulesMatchEveryFirstPhraseFollowedByEverySecond() throws {
        let dir = try TemporaryFiles.directory()
        let rules = dir.appendingPathComponent("then.yaml")
        try "rules:\n  - name: gadgets-rise\n    match: [gadget sales, widgets]\n    then: [rise, hit record]\n    valence: 2\n"
            .write(to: rules, atomically: true, encoding: .utf8)
        let file = try RuleFileParser.parse(contentsOf: rules)
        #expect(file.rules.first?.allPhrases == ["gadget sales rise", "gadget sales hit record", "widgets rise", "widgets hit record"])
        let a = try SentimentAnalyzer(configuration: SentimentConfiguration(ruleFiles: [rules], replaceDefaultRules: true))
        for text in ["gadget sales rise", "widgets hit record"] { #expect(a.score(text).rules == ["gadgets-rise"], "\(text)") }
        #expect(!a.score("widgets").rules.contains("gadgets-rise"))
        #expect(!a.score("rise").rules.contains("gadgets-rise"))
        // --explain shows the pair as one phrase, joined from its two parts.
        var session = SentimentSession(a)
        #expect(session.explain("widgets hit record").lines.contains { $0.contains("'widgets hit record' rule gadgets-rise") })
        let off = try SentimentAnalyzer(configuration: SentimentConfiguration(
            ruleFiles: [rules], replaceDefaultRules: true, disabledRules: ["gadgets-rise"]))
        #expect(!off.score("widgets hit record").rules.contains("gadgets-rise"))
    }

    @Test func anEmptyThenNamesFileAndRule() throws {
        let dir = try TemporaryFiles.directory()
        let rules = dir.appendingPathComponent("then.yaml")
        try "rules:\n  - name: nothing-after\n    match: [prices]\n    then: []\n    valence: 2\n".write(to: rules, atomically: true, encoding: .utf8)
        #expect {
            _ = try SentimentAnalyzer(configuration: SentimentConfiguration(ruleFiles: [rules]))
        } throws: { error in
            "\(error)".hasPrefix("sentiment: \(rules.path):") && "\(error)".contains("nothing-after")
        }
    }

    @Test func reversersTurnTheNextOrPreviousNegativeWordPositive() throws {
        let dir = try TemporaryFiles.directory()
        let rules = dir.appendingPathComponent("rev.yaml")
        try "reversers: [lifts, lifted]\n".write(to: rules, atomically: true, encoding: .utf8)
        let lexicon = dir.appendingPathComponent("lex.tsv")
        try "ban\t-2.0\ngood\t2.0\n".write(to: lexicon, atomically: true, encoding: .utf8)
        let a = try SentimentAnalyzer(configuration: SentimentConfiguration(
            lexiconFiles: [lexicon], ruleFiles: [rules], replaceDefaultLexicons: true, replaceDefaultRules: true))
        let norm = TestFixtures.norm
        #expect(same(a.score("lifts the ban").compound, norm(1.6)))
        #expect(same(a.score("ban lifted").compound, norm(1.6)))
        #expect(a.score("ban lifted").rules.contains("reversal"))
        // Only negative words are reversed.
        #expect(same(a.score("lifts the good").compound, norm(2.0)))
        #expect(same(a.score("the ban").compound, norm(-2.0)))
    }

    /// `flip:` takes YAML's true spellings, unquoted; anything else names the file and line.
    @Test(arguments: [("true", true), ("True", true), ("yes", true), ("ON", true),
                      ("\"true\"", false), ("false", false), ("1", false), ("[true]", false)])
    func flipAcceptsOnlyYAMLTrue(_ value: String, _ accepted: Bool) throws {
        let dir = try TemporaryFiles.directory()
        let rules = dir.appendingPathComponent("flip.yaml")
        try "rules:\n  - name: as-if\n    match: as if\n    flip: \(value)\n".write(to: rules, atomically: true, encoding: .utf8)
        let configuration = SentimentConfiguration(ruleFiles: [rules])
        if accepted {
            let s = try SentimentAnalyzer(configuration: configuration).score("as if that was great")
            #expect(s.label == .negative)
            #expect(s.rules.contains("as-if"))
        } else {
            #expect {
                _ = try SentimentAnalyzer(configuration: configuration)
            } throws: { error in
                "\(error)".hasPrefix("sentiment: \(rules.path):4:") && "\(error)".contains("flip: expected true")
            }
        }
    }
}

/// Temporary directories for tests that write files.
enum TemporaryFiles {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-sentiment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
