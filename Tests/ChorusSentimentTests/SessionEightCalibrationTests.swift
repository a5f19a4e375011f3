import ChorusModel
import ChorusTestSupport
@testable import ChorusSentiment
import Foundation
import Testing

/// Session 8 (acc8): the compound's calibration against intensity. Words keep vaderSentiment's
/// human-rated means unless `lexicon-en.tsv` gives them a sense of their own, and "can't stop"
/// before a word intensifies it instead of negating it. Texts are written for these tests.
@Suite struct SessionEightCalibrationTests {
    let analyzer = TestFixtures.shipped

    @Test func aRatedWordKeepsItsHumanMean() {
        // vaderSentiment rates "frustrated" -2.4 and "delicious" 2.7; Chorus had rounded them
        // to -1.2 and 1.6.
        #expect(same(analyzer.score("frustrated").compound, TestFixtures.norm(-2.4)))
        #expect(same(analyzer.score("delicious").compound, TestFixtures.norm(2.7)))
        // A sense guard still wins: "like" as a preposition counts nothing.
        #expect(analyzer.score("like").label == .neutral)
    }

    @Test func theOverridesOfTheFirstSectionAreSensesOnly() throws {
        // In lexicon-en.tsv's first sections (words, slang, emoticons), an entry that the
        // vader file rates with the same sign must equal it, bar the few a rule bound needs.
        let dir = RepoPaths.root.appendingPathComponent("Config/sentiment")
        func read(_ name: String) throws -> [(String, Double)] {
            try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init)
                .prefix { !$0.hasPrefix("# --- emoji ---") }
                .compactMap { line in
                    let f = line.split(separator: "\t")
                    guard !line.hasPrefix("#"), f.count >= 2, let v = Double(f[1]) else { return nil }
                    return (f[0].lowercased(), v)
                }
        }
        var vader: [String: Double] = [:]
        for (k, v) in try read("lexicon-en-vader.tsv") { vader[k] = v }
        let kept: Set = ["agreement", "friendship", "hard", "worth", "broken"]
        let differing = try read("lexicon-en.tsv").filter { k, v in
            guard let r = vader[k], r * v > 0, !kept.contains(k) else { return false }
            return r != v
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test func cantStopIntensifiesInsteadOfNegating() {
        let crying = analyzer.score("I am crying")
        let cantStop = analyzer.score("I can't stop crying")
        #expect(cantStop.label == .negative, "\(cantStop.compound) \(cantStop.rules)")
        #expect(cantStop.compound < crying.compound)
        #expect(cantStop.rules.contains("booster"))
        #expect(!cantStop.rules.contains("negation"))
        #expect(analyzer.score("couldn't stop laughing").label == .positive)
        // A plain negation still negates, and "stop" with no sentiment word after it scores nothing.
        #expect(analyzer.score("I am not crying").compound > crying.compound)
        #expect(analyzer.score("I can't stop the rain").label == .neutral)
    }

    @Test func supportNamingTheServiceCountsNothing() {
        #expect(analyzer.score("support is a bot").label == .neutral)
        #expect(analyzer.score("contacted support").label == .neutral)
        #expect(analyzer.score("thanks for your support").label == .positive)
    }
}
