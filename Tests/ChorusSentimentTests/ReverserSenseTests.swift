import ChorusModel
@testable import ChorusSentiment
import Testing

/// A reverser turns the negative word it ends positive ("lifts the ban"); the bare forms
/// "lift" and "fix" are no reversers, because as nouns they stand before their own complaint.
@Suite struct ReverserSenseTests {
    let analyzer = TestFixtures.shipped

    @Test(arguments: ["The lift is broken again", "Broken lift again", "Please fix this broken app"])
    func aNounLiftOrFixReversesNothing(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .negative, "\(text): \(s.label) \(s.compound) \(s.rules)")
        #expect(!s.rules.contains("reversal"), "\(text): \(s.rules)")
    }

    @Test(arguments: ["US to lift the ban on ZTE", "Regulators lift sanctions on the carrier",
                      "Commerce Department lifts ZTE ban", "Crash bug fixed in the latest update"])
    func theVerbStillEndsTheBadThing(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .positive, "\(text): \(s.label) \(s.compound) \(s.rules)")
    }
}
