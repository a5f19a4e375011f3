import ChorusModel
@testable import ChorusSentiment
import Foundation
import Testing

/// With the shipped files: session 10's fact patterns (`facts:` of rules-en.yaml), bad facts
/// told plainly with no sentiment word. Each pattern gets texts it must read as negative and
/// neutral counterparts that share its words and must not fire it; the texts are written for
/// these tests, not taken from the evaluation sets. `withoutFacts` scores the same texts with
/// the patterns switched off, to show that the pattern, not another rule, decides.
@Suite struct SessionTenFactTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    static let withoutFacts: SentimentAnalyzer = {
        var config = SentimentConfiguration()
        config.disabledRules = ["failed-function", "missing-need", "time-lost", "repeat-count", "barely-running", "keeps-failing"]
        do { return try SentimentAnalyzer(configuration: config) } catch { preconditionFailure("\(error)") }
    }()

    /// `text` is negative by `rule`, and neutral without the fact patterns.
    func expectFact(_ text: String, rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expect(text, .negative, rule: rule, sourceLocation: sourceLocation)
        let off = Self.withoutFacts.score(text)
        #expect(off.label == .neutral, "without the patterns: \(text): \(off.label) \(off.rules)", sourceLocation: sourceLocation)
    }

    /// `text` is neutral and fires no fact pattern.
    func expectNeutral(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let s = analyzer.score(text)
        #expect(s.label == .neutral, "\(text): \(s.label) \(s.compound) \(s.rules)", sourceLocation: sourceLocation)
        for rule in ["failed-function", "missing-need", "time-lost", "repeat-count", "barely-running", "keeps-failing"] {
            #expect(!s.rules.contains(rule), "\(text): \(s.rules)", sourceLocation: sourceLocation)
        }
    }

    @Test func aThingThatDoesNotDoWhatItIsForIsABadFact() {
        expectFact("Laptop won't even turn on", rule: "failed-function")
        expectFact("The lift doors won't close", rule: "failed-function")
    }

    @Test func theFirstWordOfAPatternNeitherNegatesNorReversesIt() {
        // "stopped" is a reverser: taken by the pattern, it does not turn "charging" glad.
        let s = analyzer.score("The right earbud stopped charging")
        #expect(s.label == .negative && s.rules.contains("failed-function") && !s.rules.contains("reversal"), "\(s)")
        // "lifts" is a reverser between the two words: the pattern has read it.
        expectFact("Only one of the three lifts running", rule: "barely-running")
        #expect(!analyzer.score("Only one of the three lifts running").rules.contains("reversal"))
    }

    @Test func aScheduleAnInstructionOrAWaitNotYetLateIsNoFailedFunction() {
        expectNeutral("The library doesn't open on Sundays")
        expectNeutral("The pool won't open until ten")
        expectNeutral("Do not open the oven door while it bakes")
        expectNot("The parcel hasn't arrived yet", rule: "failed-function")
    }

    @Test func aMissingNeedIsABadFact() {
        expectFact("No hot water in the whole building", rule: "missing-need")
        expectFact("Zero signal in the new office", rule: "missing-need")
        expectFact("The bakery was out of bread by eight", rule: "missing-need")
        expectFact("No milk left in the fridge at work", rule: "missing-need")
    }

    @Test func aPlannedClosureOrANeedThatIsNotNeededIsNoMissingNeed() {
        expectNeutral("No school on Monday for the holiday")
        expectNeutral("No trains on Sundays on this line")
        expectNeutral("No water needed for this recipe")
        expectNeutral("Still deciding between the two sofas")
    }

    @Test func timeLostWaitingIsABadFactInEitherOrder() {
        expectFact("An hour in the queue at the post office", rule: "time-lost")
        expectFact("Stood in the queue for an hour at the post office", rule: "time-lost")
    }

    @Test func aShortOrAnUsualWaitIsNoTimeLost() {
        expectNeutral("The wait is under ten minutes now")
        expectNeutral("The wait for the lift is usually two minutes")
        expectNot("Please wait five minutes before opening the lid", rule: "time-lost")
    }

    @Test func aNegatedWaitTurns() {
        // "never" before the closing word negates the pattern like a lexicon word.
        let s = analyzer.score("Never waited more than ten minutes there")
        #expect(s.rules.contains("time-lost"), "\(s.rules)")
        #expect(s.rules.contains("negation"), "\(s.rules)")
        #expect(s.label == .positive, "\(s)")
    }

    @Test func aRepeatCountedInAShortStretchIsABadFact() {
        expectFact("Third burst pipe this winter", rule: "repeat-count")
    }

    @Test func aGladRepeatOrAPlainOrdinalIsNoRepeatCount() {
        expectNot("Third win this week for the club", rule: "repeat-count")
        #expect(analyzer.score("Third win this week for the club").label == .positive)
        expectNot("Third great result this month", rule: "repeat-count")
        expectNeutral("The second week of term starts on the 8th")
    }

    @Test func somethingBarelyRunningIsABadFact() {
        expectFact("Only one till open and a queue to the back of the shop", rule: "barely-running")
        expectFact("Only two of the eight machines working", rule: "barely-running")
        expectFact("One checkout open on a Saturday morning", rule: "barely-running")
    }

    @Test func openingHoursAreNotBarelyRunning() {
        expectNeutral("The café is only open until 3")
        expectNeutral("The garden is only open to residents")
    }

    @Test func aThingThatKeepsFailingIsABadFact() {
        expectFact("The stream keeps buffering", rule: "keeps-failing")
        expectFact("The line kept dropping all evening", rule: "keeps-failing")
    }

    @Test func explainNamesThePatternAndItsTwoWords() {
        var session = SentimentSession(analyzer)
        let e = session.explain("Laptop won't even turn on")
        #expect(e.lines.contains { $0.contains("'wont' … 'turn' fact failed-function") }, "\(e.lines)")
    }

    @Test func aClauseBreakEndsTheSearch() {
        expectNot("No, the water is fine", rule: "missing-need")
        expectNot("The bus didn't. Show up early tomorrow", rule: "failed-function")
    }
}

/// The `facts:` key of a rule file: each pattern needs its parts, one word each, and the patterns'
/// words are loaded into a model that matches them.
@Suite struct FactPatternFileTests {
    func parse(_ yaml: String) throws -> RuleFile { try RuleFileParser.parse(yaml, file: "facts.yaml") }

    @Test func aPatternIsReadWithItsParts() throws {
        let f = try parse("""
            lang: en
            facts:
              - name: gone-dark
                first: [no]
                then: [lights]
                next: [anywhere]
                unless: [needed]
                gap: 1
                either: true
                valence: -1.2
                tags: [disappointment]
            """)
        #expect(f.facts.count == 1)
        let d = try #require(f.facts.first)
        #expect(d.name == "gone-dark" && d.first == ["no"] && d.then == ["lights"] && d.next == ["anywhere"] && d.unless == ["needed"])
        #expect(d.gap == 1 && d.either && d.valence == -1.2 && d.tags == ["disappointment"] && d.language == "en")
    }

    @Test func aPatternMissingAPartOrWithAPhraseIsRefused() {
        #expect(throws: SentimentError.self) { try parse("facts:\n  - name: x\n    first: [no]\n    gap: 1\n    valence: -1\n") }
        #expect(throws: SentimentError.self) { try parse("facts:\n  - name: x\n    first: [no]\n    then: [hot water]\n    gap: 1\n    valence: -1\n") }
        #expect(throws: SentimentError.self) { try parse("facts:\n  - name: x\n    first: [no]\n    then: [water]\n    valence: -1\n") }
        #expect(throws: SentimentError.self) { try parse("facts:\n  - name: x\n    first: [no]\n    then: [water]\n    gap: 9\n    valence: -1\n") }
        #expect(throws: SentimentError.self) { try parse("facts:\n  - name: x\n    first: [no]\n    then: [water]\n    gap: 1\n    valence: -1\n    size: 2\n") }
    }

    @Test func aPatternOfAnExtraFileIsMatchedAndExplained() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("facts-\(UUID().uuidString).yaml")
        try """
            lang: en
            facts:
              - name: gone-dark
                first: [no]
                then: [lanterns]
                gap: 1
                valence: -2.0
                tags: [worry]
            """.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let a = try SentimentAnalyzer(configuration: SentimentConfiguration(ruleFiles: [url]))
        let s = a.score("No paper lanterns at the fair")
        #expect(s.label == .negative && s.rules.contains("gone-dark") && s.tags == ["worry"], "\(s)")
        // Too far apart for a gap of 1.
        #expect(!a.score("No red paper lanterns at the fair").rules.contains("gone-dark"))
    }
}

/// A later rule file's phrase rule or fact pattern replaces an earlier one of the same name,
/// whichever kind each is (as a later phrase rule replaces an earlier phrase rule).
@Suite struct FactPatternRedefinitionTests {
    static func analyzer(_ extra: String) throws -> SentimentAnalyzer {
        let url = try TemporaryFiles.directory().appendingPathComponent("later.yaml")
        try extra.write(to: url, atomically: true, encoding: .utf8)
        return try SentimentAnalyzer(configuration: SentimentConfiguration(ruleFiles: [url]))
    }

    @Test func aPhraseRuleOfAPatternsNameReplacesThePattern() throws {
        let shipped = try SentimentAnalyzer()
        #expect(shipped.score("Laptop won't even turn on").rules.contains("failed-function"))
        let a = try Self.analyzer("""
            lang: en
            rules:
              - name: failed-function
                match: [never turned up]
                valence: -1.5
            """)
        #expect(!a.score("Laptop won't even turn on").rules.contains("failed-function"))
        #expect(a.score("The plumber never turned up").rules.contains("failed-function"))
    }

    @Test func aPatternOfAPhraseRulesNameReplacesTheRule() throws {
        let shipped = try SentimentAnalyzer()
        let before = shipped.score("Fingers crossed for Friday")
        let rule = try #require(before.rules.first { !HeuristicName.all.contains($0) })
        let a = try Self.analyzer("""
            lang: en
            facts:
              - name: \(rule)
                first: [no]
                then: [lanterns]
                gap: 1
                valence: -2.0
            """)
        #expect(!a.score("Fingers crossed for Friday").rules.contains(rule))
        #expect(a.score("No paper lanterns at the fair").rules.contains(rule))
    }
}
