import ChorusSentiment
import ChorusTestSupport
import Foundation

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
