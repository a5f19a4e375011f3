import ChorusSentiment
import Testing

/// Each heuristic on the fixture lexicon (good 2, bad −2, love 3), with the exact compound.
@Suite struct HeuristicTests {
    let analyzer = TestFixtures.heuristics
    let norm = TestFixtures.norm

    @Test func aSentimentWordScoresItsValence() {
        let s = analyzer.score("good")
        #expect(same(s.compound, norm(2.0)))
        #expect(s.label == .positive)
        #expect(s.rules == ["lexicon"])
    }

    @Test(arguments: ["not good", "isn't good", "isnt good", "it is never good", "without good", "no good", "dont good", "don’t good"])
    func negationFlipsAndDampens(_ text: String) {
        let s = analyzer.score(text)
        #expect(same(s.compound, norm(2.0 * -0.74)), "\(text): \(s.compound)")
        #expect(s.rules.contains("negation"))
        #expect(s.label == .negative)
    }

    @Test func negationReachesThreeWordsBackButNotFour() {
        #expect(same(analyzer.score("not at all good").compound, norm(2.0 * -0.74)))
        #expect(same(analyzer.score("not one two three good").compound, norm(2.0)))
    }

    @Test func negationStopsAtAClauseBreak() {
        let s = analyzer.score("not, good")
        #expect(same(s.compound, norm(2.0)))
        #expect(!s.rules.contains("negation"))
    }

    @Test func boostersAddToTheMagnitudeByDistance() {
        #expect(same(analyzer.score("very good").compound, norm(2.0 + 0.293)))
        #expect(same(analyzer.score("extremely bad").compound, norm(-2.0 - 0.293)))
        #expect(same(analyzer.score("very much good").compound, norm(2.0 + 0.293 * 0.95)))
        #expect(analyzer.score("very good").rules.contains("booster"))
    }

    @Test(arguments: ["kind of good", "barely good"])
    func dampenersReduceTheMagnitude(_ text: String) {
        let s = analyzer.score(text)
        #expect(same(s.compound, norm(2.0 - 0.293)), "\(text): \(s.compound)")
        #expect(s.rules.contains("dampener"))
    }

    @Test func negatedBoostedWord() {
        #expect(same(analyzer.score("not very good").compound, norm((2.0 + 0.293) * -0.74)))
    }

    @Test func capsEmphasisOnlyInMixedCaseText() {
        let mixed = analyzer.score("it is GOOD")
        #expect(same(mixed.compound, norm(2.0 + 0.733)))
        #expect(mixed.rules.contains("caps-emphasis"))
        let shouting = analyzer.score("IT IS GOOD")
        #expect(same(shouting.compound, norm(2.0)))
        #expect(!shouting.rules.contains("caps-emphasis"))
    }

    @Test func exclamationMarksAddUpToFour() {
        #expect(same(analyzer.score("good!").compound, norm(2.0 + 0.292)))
        #expect(same(analyzer.score("good!!!").compound, norm(2.0 + 3 * 0.292)))
        #expect(same(analyzer.score("good!!!!!!!").compound, norm(2.0 + 4 * 0.292)))
        #expect(same(analyzer.score("bad!").compound, norm(-2.0 - 0.292)))
        #expect(analyzer.score("good!").rules.contains("exclamation"))
    }

    @Test func questionMarksEmphasizeFromTwoOn() {
        #expect(same(analyzer.score("good?").compound, norm(2.0)))
        #expect(same(analyzer.score("good??").compound, norm(2.0 + 2 * 0.18)))
        #expect(same(analyzer.score("good????").compound, norm(2.0 + 0.96)))
    }

    @Test func oneMarkOrQuestionsAloneAreNeutral() {
        for text in ["what!", "what???", "what?!?!"] {
            let s = analyzer.score(text)
            #expect(s.compound == 0, "\(text)")
            #expect(s.label == .neutral, "\(text)")
        }
    }

    @Test func exclamationsAloneReadAsExcitement() {
        let s = analyzer.score("what!!!")
        #expect(same(s.compound, norm(2 * 0.292)))
        #expect(s.label == .positive)
        #expect(s.tags == ["excitement"])
    }

    @Test func contrastShiftsWeightToTheLaterClause() {
        let s = analyzer.score("good but bad")
        #expect(same(s.compound, norm(2.0 * 0.5 - 2.0 * 1.5)))
        #expect(s.rules.contains("contrast"))
        #expect(same(analyzer.score("bad. However, good").compound, norm(-2.0 * 0.5 + 2.0 * 1.5)))
    }

    @Test func theLastContrastWordOfASentenceDecides() {
        // good ×0.5, bad ×0.5, good ×1.5.
        #expect(same(analyzer.score("good but bad but good").compound, norm(2.0 * 0.5 - 2.0 * 0.5 + 2.0 * 1.5)))
    }

    @Test func manyContrastWordsKeepEveryNumberFinite() {
        let s = analyzer.score(String(repeating: "good but bad but ", count: 5000))
        #expect(s.compound.isFinite && s.pos.isFinite && s.neu.isFinite && s.neg.isFinite)
        #expect(abs(s.pos + s.neu + s.neg - 1) < 1e-6)
    }

    @Test(arguments: ["goooood", "GOOOOOD day, it is"])
    func elongationEmphasizes(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.rules.contains("elongation"))
        #expect(s.compound > norm(2.0))
    }

    @Test func elongationAloneAddsOneBoosterStep() {
        #expect(same(analyzer.score("goooood").compound, norm(2.0 + 0.293)))
    }

    @Test func idiomsCountAsOneWord() {
        let s = analyzer.score("the bomb")
        #expect(same(s.compound, norm(3.0)))
        #expect(s.rules == ["idiom"])
    }

    @Test func unknownInflectionsUseTheirStem() {
        #expect(same(analyzer.score("loved").compound, norm(3.0)))
        #expect(same(analyzer.score("loving").compound, norm(3.0)))
        #expect(same(analyzer.score("loves").compound, norm(3.0)))
    }

    @Test func emoticonsAreMatchedAsWritten() {
        #expect(same(analyzer.score("ok :)").compound, norm(2.0)))
    }

    @Test func proportionsCountNeutralWords() {
        let s = analyzer.score("good day")
        #expect(abs(s.pos - 0.75) < 1e-9)
        #expect(abs(s.neu - 0.25) < 1e-9)
        #expect(s.neg == 0)
    }

    @Test func emptyAndWordlessTextIsNeutral() {
        for text in ["", "   ", "the day", "12345"] {
            let s = analyzer.score(text)
            #expect(s.label == .neutral && s.compound == 0 && s.neu == 1, "\(text)")
        }
    }
}
