import ChorusModel
import ChorusSentiment
import ChorusTestSupport
import Foundation
import Testing

/// Fixture files and analyzers shared by the sentiment suites.
enum TestFixtures {
    static let directory = RepoPaths.root.appendingPathComponent("Tests/ChorusSentimentTests/Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Only the fixture lexicon and rules, so expected scores can be worked out by hand.
    static func heuristicsConfiguration() -> SentimentConfiguration {
        SentimentConfiguration(
            lexiconFiles: [url("heuristics-lexicon.tsv")],
            ruleFiles: [url("heuristics-rules.yaml")],
            replaceDefaultLexicons: true,
            replaceDefaultRules: true)
    }

    /// An analyzer over the fixture lexicon and rules plus `rules`, written to a rule file of
    /// its own (`name`), for suites that test a rule-file feature on rules written for it.
    static func heuristics(adding rules: String, name: String) throws -> SentimentAnalyzer {
        let url = try TemporaryFiles.directory().appendingPathComponent(name)
        try rules.write(to: url, atomically: true, encoding: .utf8)
        var config = heuristicsConfiguration()
        config.ruleFiles.append(url)
        return try SentimentAnalyzer(configuration: config)
    }

    static let heuristics: SentimentAnalyzer = {
        do { return try SentimentAnalyzer(configuration: heuristicsConfiguration()) } catch { preconditionFailure("\(error)") }
    }()

    static let shipped: SentimentAnalyzer = {
        do { return try SentimentAnalyzer() } catch { preconditionFailure("\(error)") }
    }()

    /// VADER's normalization, to state expected compounds from valences.
    static func norm(_ x: Double) -> Double { x / (x * x + 15).squareRoot() }
}

/// Compares two compounds at the 4 decimals Chorus writes.
func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 0.00005 }

/// A suite of rule families scored with the shipped files: each family's texts get their label
/// and name the family's rule, and a counterpart that shares its words does not fire it.
protocol RuleFamilySuite {
    var analyzer: SentimentAnalyzer { get }
}

extension RuleFamilySuite {
    /// `text` is labeled `label` and names `rule`.
    func expect(_ text: String, _ label: Sentiment.Label, rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let s = analyzer.score(text)
        #expect(s.label == label, "\(text): \(s.label) \(s.compound) \(s.rules)", sourceLocation: sourceLocation)
        #expect(s.rules.contains(rule), "\(text): \(s.rules)", sourceLocation: sourceLocation)
    }

    /// `text` does not fire `rule`.
    func expectNot(_ text: String, rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let s = analyzer.score(text)
        #expect(!s.rules.contains(rule), "\(text): \(s.rules)", sourceLocation: sourceLocation)
    }

    /// `text` is labeled `label` and names `rule`, and is neutral when scored by `without` (the
    /// shipped files with the family switched off): the family decides it.
    func expect(_ text: String, _ label: Sentiment.Label, rule: String, neutralWithout without: SentimentAnalyzer,
                sourceLocation: SourceLocation = #_sourceLocation) {
        expect(text, label, rule: rule, sourceLocation: sourceLocation)
        let off = without.score(text)
        #expect(off.label == .neutral, "without the family: \(text): \(off.label) \(off.rules)", sourceLocation: sourceLocation)
    }

    /// `text` is neutral and fires none of `rules`.
    func expectNeutral(_ text: String, firingNoneOf rules: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let s = analyzer.score(text)
        #expect(s.label == .neutral, "\(text): \(s.label) \(s.compound) \(s.rules)", sourceLocation: sourceLocation)
        for rule in rules { #expect(!s.rules.contains(rule), "\(text): \(s.rules)", sourceLocation: sourceLocation) }
    }
}

extension TestFixtures {
    /// The shipped files with `rules` switched off (`disabled_rules`).
    static func shipped(disabling rules: [String]) -> SentimentAnalyzer {
        var config = SentimentConfiguration()
        config.disabledRules = Set(rules)
        do { return try SentimentAnalyzer(configuration: config) } catch { preconditionFailure("\(error)") }
    }
}
