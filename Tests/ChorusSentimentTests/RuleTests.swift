import ChorusSentiment
import Testing

/// Phrase rules on the fixture rules: set, shift, position, tags, negation, flip.
@Suite struct RuleTests {
    let analyzer = TestFixtures.heuristics
    let norm = TestFixtures.norm

    @Test func setRuleReplacesTheWordsValences() {
        let s = analyzer.score("almost there")
        #expect(same(s.compound, norm(1.5)))
        #expect(s.tags == ["anticipation"])
        #expect(s.rules == ["almost-there"])
    }

    @Test func shiftRuleAddsToTheWords() {
        let s = analyzer.score("thanks")
        #expect(same(s.compound, norm(0.5)))
        #expect(s.tags == ["gratitude"])
        let t = analyzer.score("good, thank you")
        #expect(same(t.compound, norm(2.5)))
    }

    @Test func startRuleOnlyAtTheStartOfASentence() {
        #expect(analyzer.score("wow").tags == ["excitement"])
        #expect(analyzer.score("good. wow").tags == ["excitement"])
        #expect(analyzer.score("so wow").tags.isEmpty)
    }

    @Test func wholeRuleOnlyWhenItIsTheWholeText() {
        #expect(same(analyzer.score("just this").compound, norm(-1.0)))
        #expect(analyzer.score("not just this one").rules.isEmpty)
    }

    @Test func negatedRuleFlipsAndDropsItsTags() {
        let s = analyzer.score("not almost there")
        #expect(same(s.compound, norm(1.5 * -0.74)))
        #expect(s.tags.isEmpty)
        #expect(s.rules.contains("almost-there"))
    }

    @Test func asideFlipActsOnlyBesideABadFact() {
        // A clause of its own beside a bad fact: the praise counts against and the text is sarcasm.
        let s = analyzer.score("oh good. bad")
        #expect(same(s.compound, norm(-4.0)))
        #expect(s.tags == ["sarcasm"])
        #expect(s.rules.contains("aside"))
        #expect(s.label == .negative)
        #expect(same(analyzer.score("bad, oh good").compound, norm(-4.0)))
        // Beside good news, alone, or inside a clause with other words it is plain praise.
        let glad = analyzer.score("oh good. good")
        #expect(same(glad.compound, norm(4.0)))
        #expect(!glad.rules.contains("aside"))
        #expect(same(analyzer.score("oh good").compound, norm(2.0)))
        #expect(!analyzer.score("oh good bad").rules.contains("aside"))
    }

    @Test func flipTurnsAPositiveTotalNegative() {
        let s = analyzer.score("good /s")
        #expect(same(s.compound, norm(-2.0)))
        #expect(s.tags == ["sarcasm"])
        #expect(s.label == .negative)
        #expect(same(analyzer.score("/s").compound, norm(-1.2)))
        #expect(same(analyzer.score("bad /s").compound, norm(-2.0)))
        // Each positive word counts against, not the small remainder of praise minus fact.
        #expect(same(analyzer.score("good good bad /s").compound, norm(-6.0)))
        #expect(same(analyzer.score("good, bad /s").compound, norm(-4.0)))
    }

    @Test func disabledRulesDoNotFire() throws {
        var config = TestFixtures.heuristicsConfiguration()
        config.disabledRules = ["almost-there", "negation", "contrast"]
        let a = try SentimentAnalyzer(configuration: config)
        #expect(a.score("almost there").rules.isEmpty)
        #expect(same(a.score("not good").compound, norm(2.0)))
        #expect(same(a.score("good but bad").compound, norm(0)))
    }
}

/// How labels, thresholds, titles and long texts combine.
@Suite struct CombinationTests {
    let norm = TestFixtures.norm

    @Test func mixedWhenStrongPositiveAndStrongNegativeBothAppear() throws {
        let s = TestFixtures.heuristics.score("i love it but it is bad")
        #expect(s.label == .mixed)
        var config = TestFixtures.heuristicsConfiguration()
        config.mixedThreshold = 2
        #expect(try SentimentAnalyzer(configuration: config).score("i love it but it is bad").label == .negative)
    }

    @Test func opposedClausesAreMixedWhateverTheirBalance() throws {
        // Too unbalanced for the pos/neg rule, but one clause is clearly good, another clearly bad.
        for text in ["love love love, bad", "it is bad. love love love"] {
            let s = TestFixtures.heuristics.score(text)
            #expect(s.label == .mixed, "\(text)")
            #expect(s.rules.contains("opposed-clauses"), "\(text)")
        }
        // A negated word is no clear sign of its clause; one clause holding both is not two.
        #expect(TestFixtures.heuristics.score("love love love, not good").label == .positive)
        #expect(TestFixtures.heuristics.score("love love love bad").label == .positive)
        var config = TestFixtures.heuristicsConfiguration()
        config.disabledRules = ["opposed-clauses"]
        #expect(try SentimentAnalyzer(configuration: config).score("love love love, bad").label == .positive)
        var session = SentimentSession(TestFixtures.heuristics)
        #expect(session.explain("love love love, bad").lines.contains { $0.contains("opposed clauses") })
    }

    @Test func weakOppositesAreNotMixed() {
        #expect(TestFixtures.heuristics.score("good good good, not good").label == .positive)
    }

    @Test func thresholdsAreConfigurable() throws {
        var config = TestFixtures.heuristicsConfiguration()
        config.positiveThreshold = 0.5
        config.negativeThreshold = -0.5
        let a = try SentimentAnalyzer(configuration: config)
        #expect(a.score("good").label == .neutral)
        #expect(a.score("good!!!").label == .positive)
        #expect(a.score("bad").label == .neutral)
    }

    @Test func titleAndTextAreWeighted() {
        let s = TestFixtures.heuristics.score(title: "good", text: "bad", lang: nil)
        #expect(same(s.compound, 0.3 * norm(2.0) + 0.7 * norm(-2.0)))
        #expect(s.rules.contains("title+text"))
        let titleOnly = TestFixtures.heuristics.score(title: "good", text: nil, lang: nil)
        #expect(same(titleOnly.compound, norm(2.0)))
        #expect(!titleOnly.rules.contains("title+text"))
    }

    @Test func longTextsAverageTheirSentences() throws {
        // Longer than a post (320 bytes), so its six sentences are averaged.
        let filler = String(repeating: " and then it went on", count: 16)
        let text = "The day began\(filler). We met. It rained. We ate. bad bad bad bad bad. We left."
        #expect(text.utf8.count > 320)
        let s = TestFixtures.heuristics.score(text)
        #expect(same(s.compound, norm(-10) / 6))
        #expect(s.rules.contains("sentence-average"))
        var config = TestFixtures.heuristicsConfiguration()
        config.wholeTextMaxSentences = 10
        let whole = try SentimentAnalyzer(configuration: config).score(text)
        #expect(same(whole.compound, norm(-10)))
    }

    @Test func aPostOfManyShortSentencesIsScoredWhole() {
        // Session 8: a tweet of six short sentences is one reaction, not an article.
        let s = TestFixtures.heuristics.score("The day began. We met. It rained. We ate. bad bad bad bad bad. We left.")
        #expect(same(s.compound, norm(-10)))
        #expect(!s.rules.contains("sentence-average"))
    }
}
