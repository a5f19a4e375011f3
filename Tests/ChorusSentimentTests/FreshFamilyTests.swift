import ChorusModel
@testable import ChorusSentiment
import Testing

/// With the shipped files: the English families added in session 6 (emphatic questions,
/// headline events with and without a count, a bad thing coming back, set phrases, negated
/// frames, ironic frames, happy tears) each label their texts and name their rule, and a
/// counterpart that only shares words with them does not fire it. Texts are written for
/// these tests, not taken from the evaluation sets.
@Suite struct FreshFamilyTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test(arguments: [
        "Why is it always the same bus that never shows up?",
        "Who thought it was a good idea to close the only bridge?",
        "Since when does a sandwich cost twelve pounds?",
        "How many more times do I have to reset this router?",
    ])
    func complainingQuestionsAreNegative(_ text: String) {
        expect(text, .negative, rule: "rhetorical-complaint")
    }

    @Test(arguments: ["How cool is that?!", "Could life get any better right now?", "How lucky am I to have these friends?"])
    func praisingQuestionsArePositive(_ text: String) {
        expect(text, .positive, rule: "rhetorical-praise")
    }

    @Test(arguments: ["What time is the match on Sunday?", "Why is the library shut today?"])
    func plainQuestionsFireNoQuestionRule(_ text: String) {
        let s = analyzer.score(text)
        #expect(!s.rules.contains("rhetorical-complaint") && !s.rules.contains("rhetorical-praise"), "\(text): \(s.rules)")
    }

    @Test func aBadThingComingBackIsBadNewsAndMakesThePraiseSarcastic() {
        expect("The potholes are back on our road", .negative, rule: "bad-thing-back")
        expect("Lovely, the roadworks are back", .negative, rule: "bad-thing-back")
        expect("The power is back on", .positive, rule: "relief-back")
    }

    @Test(arguments: [
        ("Toy shop chain closes 35 stores", "event-closes-count"),
        ("Carmaker to cut 2,500 jobs", "event-closes-count"),
        ("Pet food recalled over salmonella fears", "event-recall"),
        ("Gym chain goes into administration", "event-recall"),
        ("Water company hikes bills again", "event-hikes"),
        ("My phone bill has doubled since March", "bad-thing-doubled"),
    ])
    func badHeadlineEventsAreNegative(_ text: String, _ rule: String) {
        expect(text, .negative, rule: rule)
    }

    @Test(arguments: [
        ("Seaside lido reopens after repairs", "event-opens"),
        ("Rail firm launches cheaper weekend fares", "event-launches"),
        ("Local choir wins national award", "event-wins"),
        ("Battery plant to create 2,400 jobs", "event-adds"),
        ("Indie game sells 3 million copies", "event-milestone"),
    ])
    func goodHeadlineEventsArePositive(_ text: String, _ rule: String) {
        expect(text, .positive, rule: rule)
    }

    @Test func aCountMatchesOnlyWhereARuleExpectsOne() {
        // The number placeholder joins a verb and its object across the count...
        expect("Bookshop chain closes 12 shops", .negative, rule: "event-closes-count")
        // ...but a count alone carries nothing, and opening hours stay neutral.
        let hours = analyzer.score("The café opens at 7 and closes at 5")
        #expect(hours.label == .neutral, "\(hours.compound) \(hours.rules)")
        let count = analyzer.score("We counted 40 birds in the garden")
        #expect(count.label == .neutral && count.rules.isEmpty, "\(count.rules)")
    }

    @Test(arguments: [
        ("The new coach has hit the ground running", Sentiment.Label.positive, "set-phrase-good"),
        ("The tiramisu here is to die for", .positive, "set-phrase-good"),
        ("The negotiations have hit a brick wall", .negative, "set-phrase-bad"),
        ("This café has gone downhill since the new owners", .negative, "set-phrase-bad"),
        ("I'm dreading the dentist on Friday", .negative, "set-phrase-worry"),
    ])
    func setPhrasesScoreAsWholes(_ text: String, _ label: Sentiment.Label, _ rule: String) {
        expect(text, label, rule: rule)
    }

    @Test(arguments: [
        ("Couldn't have asked for a better send-off", Sentiment.Label.positive, "negated-frame-good"),
        ("No longer waiting for a reply, they sorted it", .positive, "negated-frame-good"),
        ("Nothing but kindness from the staff", .positive, "negated-frame-good"),
        ("Not the start we hoped for", .negative, "negated-frame-bad"),
        ("Not ideal, the new layout hides everything", .negative, "negated-frame-bad"),
    ])
    func negatedFramesKeepTheirOwnSense(_ text: String, _ label: Sentiment.Label, _ rule: String) {
        expect(text, label, rule: rule)
    }

    @Test(arguments: [
        "Thanks a bunch for losing my suitcase",
        "Exactly what nobody needed, a leaking roof",
        "Oh goody, the lift is broken",
        "Really loving these 5am bin lorries",
    ])
    func ironicFramesAreSarcasm(_ text: String) {
        expect(text, .negative, rule: "sarcasm-frame")
        #expect(analyzer.score(text).tags.contains("sarcasm"))
    }

    @Test func tearsBesideLoveAreJoyAndAloneAreGrief() {
        expect("We got the house 😭😭❤️", .positive, rule: "happy-tears")
        let grief = analyzer.score("Lost my wallet 😭")
        #expect(grief.label == .negative && !grief.rules.contains("happy-tears"), "\(grief.rules)")
        expect("I can't even with this week", .negative, rule: "cant-even")
    }

    @Test func theNumberPlaceholderIsAbsentWithoutRulesThatUseIt() throws {
        var config = SentimentConfiguration()
        config.disabledRules = ["event-closes-count"]
        let s = try SentimentAnalyzer(configuration: config).score("Toy shop chain closes 35 stores")
        #expect(!s.rules.contains("event-closes-count"))
    }

    @Test func contractionsInRulePhrasesMatchTextWithTheApostrophe() {
        // Rule files spell `its back`, `im thrilled to be stuck`; text keeps "it", "i".
        expect("It's back!", .positive, rule: "relief-back")
        expect("I'm thrilled to be stuck here for another hour", .negative, rule: "sarcasm-anywhere")
        #expect(ContractionVariant.variant(of: ["its", "back"]) == ["it", "back"])
        #expect(ContractionVariant.variant(of: ["so", "done"]) == nil)
    }

    @Test func thanksSoMuchIsGratitudeUnlessItIsForNothing() {
        expect("Thank you so much for the lovely flowers", .positive, rule: "gratitude-so-much")
        #expect(!analyzer.score("Thank you so much for the lovely flowers").rules.contains("so-much-for"))
        expect("Thanks so much for nothing, landlord", .negative, rule: "sarcasm-frame-2")
    }

    @Test(arguments: [
        ("Still no refund after three weeks", Sentiment.Label.negative, "still-no"),
        ("That's just great, the car won't start", .negative, "sarcasm-frame-2"),
        ("The new app drains my battery", .negative, "set-phrase-bad-2"),
        ("That concert made my whole year", .positive, "set-phrase-good-2"),
    ])
    func laterFamilies(_ text: String, _ label: Sentiment.Label, _ rule: String) {
        expect(text, label, rule: rule)
    }

    @Test func aTopicNounDoesNotOutweighTheVerdict() {
        let s = analyzer.score("Back to the drawing board on the festival plan")
        #expect(s.label == .negative, "\(s.compound) \(s.rules)")
    }

    @Test(arguments: [
        ("Why?!", Sentiment.Label.negative, "bare-question"),
        ("Museum closed until further notice", .negative, "closed-for"),
        ("Otters return to the river", .positive, "good-thing-back"),
        ("Solar power breaks a record this spring", .positive, "good-thing-record"),
        ("The debut album sold five million copies", .positive, "event-milestone-words"),
        ("Tried the new recipe and it actually worked", .positive, "it-actually-worked"),
        ("Lost 6 kilos since January!", .positive, "lost-weight"),
        ("Our little company just closed our seed round", .positive, "funding-round"),
    ])
    func headlineAndReactionFamilies(_ text: String, _ label: Sentiment.Label, _ rule: String) {
        expect(text, label, rule: rule)
    }

    @Test func aBareQuestionOnlyCountsAsTheWholePost() {
        let s = analyzer.score("Why does the 9:15 leave from platform 2 today?")
        #expect(!s.rules.contains("bare-question"), "\(s.rules)")
        let works = analyzer.score("The bridge will be closed for repairs from June")
        #expect(!works.rules.contains("closed-for"), "\(works.rules)")
    }
}
