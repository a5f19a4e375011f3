import ChorusModel
import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusSentiment

/// Session 10b: the two rule-file positions (`at: fact`: a phrase that counts only in a clause
/// told as a fact, framed by the `fact_frame:` lists; `at: against`: the bad side of a glad text,
/// counted only beside a glad rest) on rule files of their own, and the shipped families
/// (milestones told plainly, the bad side marked by "shame about", "is another story", "apart
/// from"), each against counterparts in the same words that must not fire them (schedules,
/// rules, questions; a marker with nothing glad beside it). Texts are written for these tests,
/// not taken from the evaluation sets.
@Suite struct SessionTenBFeatureTests {
    /// An analyzer over the fixture lexicon (good 2, bad −2, love 3…) and `rules` alone.
    static func analyzer(_ rules: String) throws -> SentimentAnalyzer {
        try TestFixtures.heuristics(adding: rules, name: "tenb.yaml")
    }

    static let rules = """
        lang: en
        fact_frame:
          blockers: [are, until]
          subjects: [we]
          after: [today]
        rules:
          - name: done-fact
            match: [signed off]
            at: fact
            valence: 1.5
          - name: downside
            match: [pity about, is another story]
            at: against
            valence: -1.2
        """

    @Test func aFactCountsOnlyWhereItIsToldAsAFact() throws {
        let a = try Self.analyzer(Self.rules)
        let norm = TestFixtures.norm
        // Opening its clause, after a subject within three words, or closing its clause (perhaps
        // before an `after` word or a number).
        for text in ["Signed off.", "We finally got it signed off", "The plans, signed off today", "Plans signed off", "Quiet week. Signed off"] {
            let s = a.score(text)
            #expect(s.rules == ["done-fact"], "\(text): \(s.rules)")
            #expect(same(s.compound, norm(1.5)), "\(text): \(s.compound)")
        }
        // A blocker in its clause (a schedule or rule), a question, or in the middle of a clause
        // with no subject before it: no fact, and no match.
        for text in ["Forms are signed off here", "Signed off until the review", "Signed off?", "The boss signed off the plans",
                     "Plans signed off tomorrow"] {
            let s = a.score(text)
            #expect(s.rules.isEmpty, "\(text): \(s.rules)")
            #expect(s.compound == 0, "\(text)")
        }
        // A blocker in another clause does not matter.
        #expect(a.score("Signed off, the rest are next").rules == ["done-fact"])
    }

    @Test func theBadSideOfAGladTextCountsOnlyBesideAGladRest() throws {
        let a = try Self.analyzer(Self.rules)
        // Beside a glad clause the marker's clause is the bad side: mixed.
        for text in ["Good gig, pity about the queue", "Love the flat. The boiler is another story."] {
            let s = a.score(text)
            #expect(s.label == .mixed, "\(text): \(s.label) \(s.compound)")
            #expect(s.rules.contains("downside"), "\(text): \(s.rules)")
        }
        // Nothing glad beside it, or glad words only in its own clause: nothing happens.
        for text in ["Pity about the queue", "Open all week, pity about the queue", "Pity about the good seats"] {
            let s = a.score(text)
            #expect(!s.rules.contains("downside"), "\(text): \(s.rules)")
            #expect(s.label != .mixed, "\(text)")
        }
        #expect(a.score("Pity about the queue").compound == 0)
        // Its clause already clearly bad: the words decide, the marker adds nothing.
        let bad = a.score("Good gig, pity about the bad queue")
        #expect(!bad.rules.contains("downside") && bad.label == .mixed, "\(bad.rules)")
    }

    @Test func explainNamesTheNewPositions() throws {
        var session = SentimentSession(try Self.analyzer(Self.rules))
        let lines = session.explain("Good gig, pity about the queue").lines
        #expect(lines.contains { $0.contains("'pity about' rule downside: the bad side of a glad text (rest +2.00, its clause +0.00)") }, "\(lines)")
        let fact = session.explain("We signed off").lines
        #expect(fact.contains { $0.contains("'signed off' rule done-fact +1.50") }, "\(fact)")
    }

    @Test func aCachedModelKeepsTheFactFrames() throws {
        let dir = try TemporaryFiles.directory()
        let share = dir.appendingPathComponent("share")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        for name in ["lexicon-en.tsv", "lexicon-zh.tsv", "rules-zh.yaml"] {
            try FileManager.default.copyItem(at: RepoPaths.config.appendingPathComponent("sentiment/\(name)"),
                                             to: share.appendingPathComponent(name))
        }
        try Self.rules.write(to: share.appendingPathComponent("rules-en.yaml"), atomically: true, encoding: .utf8)
        let cache = dir.appendingPathComponent("cache")
        var config = SentimentConfiguration(shareDirectory: share)
        config.vocabularyCache = cache
        let built = try SentimentAnalyzer(configuration: config)
        let read = try SentimentAnalyzer(configuration: config)
        for text in ["Signed off.", "Forms are signed off here", "Plans signed off today", "Great gig, pity about the queue"] {
            #expect(built.score(text) == read.score(text), "\(text)")
        }
        #expect(read.score("Forms are signed off here").rules.isEmpty)
        #expect(read.score("Plans signed off today").rules == ["done-fact"])
    }

    @Test(arguments: [
        ("rules:\n  - name: x\n    match: [a]\n    at: against\n    valence: 1\n", "at: against needs a negative valence"),
        ("rules:\n  - name: x\n    match: [a]\n    at: against\n    flip: true\n", "at: against needs a negative valence"),
        ("rules:\n  - name: x\n    match: [a]\n    at: fact\n    shift: 1\n", "at: fact needs a valence"),
        ("fact_frame:\n  blockers: [are]\n  subjects: [are]\n", "fact_frame: \"are\" is in both blockers and subjects"),
        ("fact_frame:\n  blockers: [are until]\n", "fact_frame: \"are until\" is not one word"),
        ("fact_frame:\n  before: [are]\n", "fact_frame: unknown key \"before\""),
        ("fact_frame: [are]\n", "fact_frame: expected a mapping"),
    ])
    func badFactFilesNameTheProblem(_ text: String, _ message: String) {
        #expect {
            _ = try RuleFileParser.parse(text, file: "tenb.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

/// With the shipped files: session 10b's milestones and the bad side of glad texts.
@Suite struct SessionTenBFactTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test func aMilestoneToldPlainlyIsGoodNews() {
        expect("Passed the motorbike test this morning", .positive, rule: "milestone")
        expect("Residency permit granted", .positive, rule: "milestone")
        expect("We exchanged contracts at lunchtime", .positive, rule: "milestone")
        expect("Moved in at last", .positive, rule: "milestone")
        expect("Finally signed the lease on the flat", .positive, rule: "milestone-signed")
        expect("Ran my first half marathon", .positive, rule: "milestone-first")
        expect("Final physio session done", .positive, rule: "milestone-last-done")
        expect("Baby Noah arrived at 6:40 this morning", .positive, rule: "birth-arrived")
        expect("Officially mortgage-free", .positive, rule: "free-of-bad")
    }

    @Test func doneAfterAContrastConcedesTheBadSide() {
        // A milestone beside a mild complaint would be mixed by opposed clauses; "…but done"
        // concedes the complaint (`concession`), so the contrast decides.
        let s = analyzer.score("Completed the swim! Slow but done")
        #expect(s.label == .positive, "\(s)")
        #expect(s.rules.contains("concession") && s.rules.contains("milestone"), "\(s.rules)")
        #expect(analyzer.score("Completed the swim! Cold but it was worth it").rules.contains("milestone"))
    }

    @Test func schedulesRulesAndQuestionsInTheSameWordsAreNoMilestone() {
        for text in ["Applications are accepted until the end of May", "Keys can be collected from reception",
                     "Has anyone had their visa granted recently?", "Entries close when the form is completed",
                     "The first ferry leaves at 6:15", "Forms signed by a parent are accepted"] {
            expectNot(text, rule: "milestone")
            expectNot(text, rule: "milestone-first")
            #expect(analyzer.score(text).label == .neutral, "\(text): \(analyzer.score(text).label)")
        }
    }

    @Test func aPlainFactMarkedAsTheDownsideOfAGladTextIsMixed() {
        expect("Lovely wedding, apart from the car park", .mixed, rule: "bad-side")
        expect("Great flat, the heating is another story", .mixed, rule: "bad-side")
        expect("Brilliant festival, apart from the four-hour drive home", .mixed, rule: "bad-side")
        expect("Food amazing, service not so much", .mixed, rule: "bad-side")
    }

    @Test func theMarkerWithNothingGladBesideItIsNoDownside() {
        expectNot("The museum is open daily except Mondays", rule: "bad-side")
        #expect(analyzer.score("The museum is open daily except Mondays").label == .neutral)
        // "shame" keeps its own value: a complaint.
        expectNot("Shame about the weather this weekend", rule: "bad-side")
        #expect(analyzer.score("Shame about the weather this weekend").label == .negative)
    }

    @Test func explainNamesTheNewRules() {
        var session = SentimentSession(analyzer)
        let lines = session.explain("Great flat, the heating is another story").lines
        #expect(lines.contains { $0.contains("rule bad-side: the bad side of a glad text") }, "\(lines)")
        let fact = session.explain("Residency permit granted").lines
        #expect(fact.contains { $0.contains("'granted' rule milestone +1.60") }, "\(fact)")
    }
}
