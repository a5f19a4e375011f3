import ChorusModel
@testable import ChorusSentiment
import Testing

/// With the shipped files: praise as an aside beside a bad fact is sarcasm (`sarcasm-aside`),
/// a relief is glad whatever the balance of its words, and the set phrases and news events of
/// posts and headlines added in the fifth revision score their way, each against a
/// counterpart that must not; hyphenated file entries match text the way it is split.
@Suite struct AsideAndEventPhraseTests {
    let analyzer = TestFixtures.shipped

    @Test(arguments: [
        "Brilliant. The train is cancelled again.",
        "Awesome, my laptop died in the middle of the demo",
        "The parcel is lost and nobody answers the phone. Great start.",
    ])
    func praiseAsideBesideABadFactIsSarcasm(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .negative, "\(text): \(s.compound) \(s.rules)")
        #expect(s.rules.contains("sarcasm-aside"), "\(text): \(s.rules)")
        #expect(s.tags.contains("sarcasm"))
    }

    @Test(arguments: [
        "Brilliant. The parcel arrived a day early.",
        "Perfect. See you at eight!",
        "Brilliant acting, dreadful script",
    ])
    func praiseBesideGoodNewsOrInItsOwnClauseIsNoSarcasm(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label != .negative, "\(text): \(s.compound) \(s.rules)")
        #expect(!s.rules.contains("sarcasm-aside"), "\(text): \(s.rules)")
    }

    @Test func theAsideRuleCanBeSwitchedOff() throws {
        var config = SentimentConfiguration()
        config.disabledRules = ["sarcasm-aside"]
        let s = try SentimentAnalyzer(configuration: config).score("Brilliant. The train is cancelled again.")
        #expect(!s.rules.contains("sarcasm-aside"))
    }

    @Test func aReliefThatNamesTheBadThingIsGlad() {
        let s = analyzer.score("Lost my job in the layoffs, found a better one a week later. What a relief!")
        #expect(s.label == .positive, "\(s.compound) \(s.rules)")
        #expect(s.tags.contains("relief"))
    }

    @Test(arguments: [
        ("Never again", Sentiment.Label.negative),
        ("Don't waste your money on this one", .negative),
        ("Hiker found dead near the summit", .negative),
        ("Missing hiker found alive", .positive),
        ("Corner shop closing down after 40 years", .negative),
        ("Residents locked out of the building overnight", .negative),
        ("Ferry company survives, but at a heavy cost", .mixed),
        ("Shares at a record high", .positive),
        ("Pensions cut for retired miners", .negative),
        ("Council tax rises again", .negative),
        ("Pensions rise by 4%", .positive),
        ("Zero complaints after two years", .positive),
        ("This documentary is a must-see", .positive),
        ("I'm so done with this phone", .negative),
        ("Works well, but the manual is useless", .mixed),
        ("Still no word from the landlord", .negative),
        ("So much for the lovely weekend", .negative),
        ("Village school to close in July", .negative),
        ("The post office closes at 5 on Saturdays", .neutral),
        ("The sequel didn't live up to the hype", .negative),
        ("The sequel lives up to the hype", .positive),
        ("We can't afford the repairs", .negative),
    ])
    func setPhrasesAndNewsEvents(_ text: String, _ expected: Sentiment.Label) {
        let s = analyzer.score(text)
        #expect(s.label == expected, "\(text): \(s.compound) \(s.rules)")
    }

    @Test func hyphenatedEntriesSplitLikeText() {
        #expect(WordNormalizer.tokens("eye-opening") == ["eye", "opening"])
        #expect(WordNormalizer.tokens("once-in-a-lifetime deal") == ["once", "in", "a", "lifetime", "deal"])
        // Emoticons and stray hyphens stay whole.
        #expect(WordNormalizer.tokens(":-)") == [":-)"])
        #expect(WordNormalizer.tokens("-_-") == ["-_-"])
        #expect(WordNormalizer.tokens("a--b") == ["a--b"])
        // A hyphenated lexicon entry now scores in text, hyphen or not.
        #expect(analyzer.score("A record-breaking year").label == .positive)
        #expect(analyzer.score("so self-confident").rules.contains("idiom"))
    }
}
