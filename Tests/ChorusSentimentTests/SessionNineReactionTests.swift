import ChorusModel
import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusSentiment

/// Session 9: the two rule-file features (`within`: a two-part frame with a gap, across
/// sentences; `at: close`: an aside in the text's last sentence) on rule files of their own, and
/// the shipped session-9 families (an expectation against its outcome, sarcastic praise and
/// thanks closing a bad fact, tears by context, outrage and blame), each against a counterpart
/// in the same vocabulary that must not fire it. Texts are written for these tests, not taken
/// from the evaluation sets.
@Suite struct SessionNineFeatureTests {
    /// An analyzer over the fixture lexicon (good 2, bad −2…) and `rules` alone.
    static func analyzer(_ rules: String) throws -> SentimentAnalyzer {
        try TestFixtures.heuristics(adding: rules, name: "nine.yaml")
    }

    static let gapRules = """
        lang: en
        rules:
          - name: waited-then
            match: [booked for 0, due at 0]
            then: [seated at 0, turned up at 0]
            within: 3
            valence: -1.5
            tags: [disappointment]
          - name: ended-late
            match: [said friday]
            then: [its monday]
            within: 4
            at: end
            valence: -2
        """

    @Test func withinMatchesTheSecondPartAfterAGapAndAcrossSentences() throws {
        let a = try Self.analyzer(Self.gapRules)
        let norm = TestFixtures.norm
        // Adjacent, with a gap of two words, and in the next sentence.
        for text in ["booked for 7 seated at 9", "Booked for 7 with my mum. Seated at 9", "Due at 8. Turned up at 11."] {
            let s = a.score(text)
            #expect(s.rules == ["waited-then"], "\(text): \(s.rules)")
            #expect(same(s.compound, norm(-1.5)), "\(text): \(s.compound)")
            #expect(s.tags == ["disappointment"], "\(text)")
        }
        // Too far apart (four words between), the wrong order, or either part alone: nothing.
        for text in ["Booked for 7 with my mum and dad. Seated at 9", "Seated at 9. Booked for 7", "Seated at 9", "Booked for 7"] {
            #expect(a.score(text).rules.isEmpty, "\(text): \(a.score(text).rules)")
            #expect(a.score(text).compound == 0, "\(text)")
        }
        // `at: end` applies to the second part.
        #expect(a.score("Said Friday. It's Monday.").rules == ["ended-late"])
        #expect(a.score("Said Friday. It's Monday again tomorrow").rules.isEmpty)
    }

    @Test func theFirstPartScoresNothingWhenTheFrameFires() throws {
        let a = try Self.analyzer("""
            lang: en
            rules:
              - name: good-then-bad
                match: [good in 0 days]
                then: [day 0]
                within: 2
                at: end
                valence: -1.5
            """)
        // Alone, "good" keeps its value; read with its outcome it is the promise, not praise.
        #expect(same(a.score("good in 7 days").compound, TestFixtures.norm(2)))
        #expect(same(a.score("Good in 7 days. Day 12.").compound, TestFixtures.norm(-1.5)))
    }

    @Test func explainNamesBothPartsOfTheFrame() throws {
        var session = SentimentSession(try Self.analyzer(Self.gapRules))
        let lines = session.explain("Booked for 7. Seated at 9").lines
        #expect(lines.contains { $0.contains("frame  'booked for 0' … 'seated at 0' rule waited-then: 0 words apart (within 3)") }, "\(lines)")
        #expect(lines.contains { $0.contains("'seated at 0' rule waited-then -1.50") }, "\(lines)")
    }

    @Test func aCachedModelKeepsTheFrames() throws {
        let dir = try TemporaryFiles.directory()
        let share = dir.appendingPathComponent("share")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        for name in ["lexicon-en.tsv", "lexicon-zh.tsv", "rules-zh.yaml"] {
            try FileManager.default.copyItem(at: RepoPaths.config.appendingPathComponent("sentiment/\(name)"),
                                             to: share.appendingPathComponent(name))
        }
        try (Self.gapRules).write(to: share.appendingPathComponent("rules-en.yaml"), atomically: true, encoding: .utf8)
        let cache = dir.appendingPathComponent("cache")
        var config = SentimentConfiguration(shareDirectory: share)
        config.vocabularyCache = cache
        let built = try SentimentAnalyzer(configuration: config)
        let read = try SentimentAnalyzer(configuration: config)
        for text in ["Booked for 7. Seated at 9", "Seated at 9. Booked for 7"] {
            #expect(built.score(text) == read.score(text), "\(text)")
        }
        #expect(read.score("Booked for 7. Seated at 9").rules == ["waited-then"])
    }

    @Test(arguments: [
        ("rules:\n  - name: x\n    match: [a]\n    within: 3\n    valence: -1\n", "within: needs then:"),
        ("rules:\n  - name: x\n    match: [a]\n    then: [b]\n    within: 3\n    flip: true\n", "within: needs a valence"),
        ("rules:\n  - name: x\n    match: [a]\n    then: [b]\n    within: 21\n    valence: -1\n", "within: expected a whole number of words in 0...20"),
        ("rules:\n  - name: x\n    match: [a]\n    then: [b]\n    within: many\n    valence: -1\n", "within: expected a whole number of words in 0...20"),
        ("rules:\n  - name: x\n    match: [a]\n    then: [b]\n    within: 2\n    at: aside\n    valence: -1\n", "within: works with at: any, start or end"),
        ("rules:\n  - name: x\n    match: [a]\n    at: lead\n    valence: -1\n", "is not one of any, start, end, whole, aside, close, glad"),
    ])
    func badFramesNameTheRule(_ text: String, _ message: String) {
        #expect {
            _ = try RuleFileParser.parse(text, file: "nine.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func aClosingAsideIsSarcasmOnlyInTheLastSentenceAfterABadFact() throws {
        let a = try Self.analyzer("""
            rules:
              - name: closing-praise
                match: [good job]
                at: close
                flip: true
                tags: [sarcasm]
            """)
        let s = a.score("The bus was bad. Good job Metrobus")
        #expect(s.label == .negative && s.rules.contains("closing-praise") && s.tags == ["sarcasm"], "\(s.rules) \(s.compound)")
        // In the first sentence it weighs two sides ("good job, bad pay"), and after good news
        // it is praise.
        #expect(!a.score("Good job, bad pay").rules.contains("closing-praise"))
        #expect(!a.score("Good job. The bus was bad.").rules.contains("closing-praise"))
        let glad = a.score("The bus was good. Good job Metrobus")
        #expect(glad.label == .positive && !glad.rules.contains("closing-praise"))
    }
}

@Suite struct SessionNineReactionTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test func anExpectationAgainstItsOutcomeIsALetdown() {
        expect("Told us it takes 5 working days. We're on day 19.", .negative, rule: "promised-then-day-count")
        expect("Parcel was meant to come by Thursday. It's Monday.", .negative, rule: "expected-then-now")
        expect("They said 20 minutes. That was an hour ago", .negative, rule: "promise-then-elapsed")
        expect("Quoted £90 for the repair. Invoice came to £240.", .negative, rule: "claimed-then-got")
        // The outcome words alone, or a plan with no outcome, are no complaint.
        expectNot("Day 3 of the road trip, Utah is stunning", rule: "promised-then-day-count")
        expectNot("It's Monday, coffee first", rule: "expected-then-now")
        expectNot("Booked for Friday, can't wait!", rule: "expected-then-now")
        #expect(analyzer.score("Booked for Friday, can't wait!").label == .positive)
    }

    @Test func praiseClosingABadFactIsSarcasm() {
        expect("The app crashed twice during checkout. Great job Argos", .negative, rule: "sarcasm-verdict-aside")
        expect("Delayed again. Well done everyone", .negative, rule: "sarcasm-closing-aside")
        let mixed = analyzer.score("Great idea, terrible execution")
        #expect(!mixed.rules.contains("sarcasm-verdict-aside"), "\(mixed.rules)")
        let glad = analyzer.score("Refund in two days. Great job Monzo")
        #expect(glad.label == .positive && !glad.rules.contains("sarcasm-verdict-aside"), "\(glad.rules)")
    }

    @Test func aLongWaitSpentOnSomethingIsAComplaint() {
        expect("Fifty minutes for a sandwich", .negative, rule: "wait-spent")
        expect("Twelve days to get a reply. Cheers", .negative, rule: "wait-spent")
        #expect(analyzer.score("Twelve days to get a reply. Cheers").tags.contains("sarcasm"))
        expectNot("Two days to go until the holidays", rule: "wait-spent")
    }

    @Test func tearsAfterSellingOutAreGrief() {
        expect("Sold out in 3 minutes!! 😭", .negative, rule: "sold-out-fast")
        #expect(analyzer.score("Sold out in 3 minutes!! 😭").tags.contains("disappointment"))
        expect("Our gig sold out in 3 minutes!! 😭", .positive, rule: "sold-out-ours")
    }

    @Test func outrageAndBlameAreAnger() {
        for text in ["Who signed off on this?", "Shame on you, council", "That refereeing was an absolute joke"] {
            expect(text, .negative, rule: "outrage-blame")
            #expect(analyzer.score(text).tags.contains("anger"), "\(text)")
        }
        expectNot("Who is playing on Saturday?", rule: "outrage-blame")
    }

    @Test func workingAgainAndThanksForHelpAreGlad() {
        expect("Boiler fixed, we have heating again", .positive, rule: "good-again-2")
        expect("Couldn't have done it without you all", .positive, rule: "couldnt-without")
        expect("Zero lag all weekend", .positive, rule: "zero-complaint")
        expect("Out of order again, third time this week", .negative, rule: "still-unmet-2")
        expectNot("Back up your files before the update", rule: "relief-back")
    }

    @Test func otherLanguagesHaveTheSameFrames() {
        expect("On m'avait promis une réponse sous 48 heures. Ça fait dix jours.", .negative, rule: "fr-promis-et-depuis")
        expect("Commande passée il y a un mois. Toujours rien.", .negative, rule: "fr-rien-recu")
        expect("Le train est encore en retard. Merci la SNCF", .negative, rule: "fr-merci-ironique")
        expect("Me dijeron una hora. Ya van tres horas.", .negative, rule: "es-dijeron-y-ya")
        expect("Dos horas esperando al fontanero. Gracias, Iberdrola", .negative, rule: "es-gracias-ironico")
        expect("Der Techniker sollte um neun kommen. Jetzt ist es zwei.", .negative, rule: "de-sollte-und-jetzt")
        expect("Der Zug fällt schon wieder aus. Danke, Bahn", .negative, rule: "de-danke-ironisch")
        let thanks = analyzer.score("Livré en avance, parfait. Merci la Poste")
        #expect(thanks.label == .positive && !thanks.rules.contains("fr-merci-ironique"), "\(thanks.rules)")
    }

    @Test func explainNamesTheNewRules() {
        var session = SentimentSession(analyzer)
        let lines = session.explain("Ordered it for Friday. It's Tuesday.").lines
        #expect(lines.contains { $0.contains("frame  'for friday' … 'its tuesday' rule expected-then-now") }, "\(lines)")
        #expect(lines.contains { $0.contains("rule expected-then-now -1.60 tags disappointment") }, "\(lines)")
    }
}
