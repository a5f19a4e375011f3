import ChorusModel
import ChorusSentiment
import Testing

/// The reporting-sentence rule (`report`) and the weaker side of `opposed-clauses`, with the
/// shipped files: a plain report of a scheduled or attributed fact leans neutral, a judged or
/// personal one keeps its polarity; a clearly good clause against a mildly bad one is mixed
/// unless the text is a relief.
@Suite struct ReportAndClauseTests {
    let analyzer = TestFixtures.shipped

    @Test(arguments: [
        // Session 10b: `leaves` counts 0 now (a schedule's verb), so the mild word is `delay`.
        "The ferry leaves at 9am on Sunday after a delay, the operator said",
        "The recall notice takes effect in October",
        "The strike is set for Thursday",
        "Residents reported a strange smell near the river", // a reporting verb as the cue
    ])
    func plainReportsLeanNeutral(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .neutral, "\(text): \(s.compound) \(s.rules)")
        #expect(s.rules.contains("report"), "\(text): \(s.rules)")
    }

    @Test(arguments: [
        "The outage ruined my Tuesday",   // personal voice
        "Terrible outage on Tuesday!",    // a strong word and !
        "The strike is set for Thursday and it is a disaster", // two sentiment words, one strong
    ])
    func judgedOrPersonalTextsAreNoReport(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .negative, "\(text): \(s.compound) \(s.rules)")
        #expect(!s.rules.contains("report"), "\(text): \(s.rules)")
    }

    @Test func withoutACueATextIsNoReport() {
        // The same mild word, no day, date, time or attribution.
        #expect(analyzer.score("The strike is set").label == .negative)
    }

    @Test func theReportRuleCanBeSwitchedOff() throws {
        var config = SentimentConfiguration()
        config.disabledRules = ["report"]
        let s = try SentimentAnalyzer(configuration: config).score("The strike is set for Thursday")
        #expect(s.label == .negative)
        #expect(!s.rules.contains("report"))
    }

    @Test func aClearClauseAgainstAMildOppositeIsMixed() {
        // "stiff" -0.8 is mild ("messy" was, until session 8 gave it vaderSentiment's -1.5).
        let s = analyzer.score("Superb singing, stiff staging")
        #expect(s.label == .mixed, "\(s.compound) \(s.rules)")
        #expect(s.rules.contains("opposed-clauses"))
        // One clause holding both is not two.
        #expect(analyzer.score("Superb singing and stiff staging").label == .positive)
    }

    @Test func aReliefIsNotMixed() {
        let s = analyzer.score("Messy start, phew, we made it")
        #expect(s.label == .positive, "\(s.compound) \(s.rules)")
        #expect(s.tags.contains("relief"))
    }
}
