import ChorusModel
@testable import ChorusSentiment
import Foundation
import Testing

/// With the shipped files: session 11 (acc11b), positive words that do not make a post positive:
/// counterfactual and unmet wishes (`at: unmet`), polite or glad words wrapped round a complaint
/// (`at: wrap`), praise in scare quotes (`scare-quotes`) and requests that complain. Each family
/// gets texts it must read as negative and glad or neutral counterparts in the same words; the
/// texts are written for these tests, not taken from the evaluation sets.
@Suite struct SessionElevenBUnmetTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test func praiseInAnUnmetWishCountsAgainst() {
        expect("Would have been nice to hear back before the weekend", .negative, rule: "unmet-wish")
        expect("Could have been a lovely evening if the band had turned up", .negative, rule: "unmet-wish")
        expect("If only the new timetable were as simple as the old one", .negative, rule: "unmet-wish")
        expect("Hoped for better from the sequel", .negative, rule: "unmet-wish")
        expect("I wish the charger reached the bed", .negative, rule: "unmet-wish")
        // The past expectation of session 8 is an unmet frame too: its praise turns.
        expect("The update was supposed to make it easier to use", .negative, rule: "expectation-unmet")
    }

    @Test func aWishForMoreOfAGoodThingStaysGlad() {
        expect("I wish we could stay another week, what a place", .positive, rule: "unmet-wish-glad")
        expect("Wish I'd found this café years ago", .positive, rule: "unmet-wish-glad")
        expect("The new album is everything I hoped for", .positive, rule: "unmet-wish-glad")
        expectNot("Would love to go back to Lisbon", rule: "unmet-wish")
        expectNot("Could have been worse, nobody was hurt", rule: "unmet-wish")
        expect("It was meant to be", .positive, rule: "meant-to-be")
    }

    @Test func theUnmetFrameTurnsOnlyItsOwnClause() {
        // The praise of the next clause is the writer's own: only the frame's clause turns.
        let s = analyzer.score("Should have been a simple fix, but the engineer was brilliant")
        #expect(s.rules.contains("unmet-wish"), "\(s.rules)")
        #expect(s.label != .negative, "\(s.label) \(s.compound)")
    }

    @Test func politeWordsRoundAPlainOrBadFactAreSarcasm() {
        expect("Love how the printer jams on every other page", .negative, rule: "sarcasm-wrapped")
        expect("Good luck getting a table there on a Saturday", .negative, rule: "sarcasm-wrapped")
        expect("Nice of the landlord to mention the rent rise by text", .negative, rule: "sarcasm-wrapped")
    }

    @Test func politeWordsBesideClearPraiseStayPraise() {
        expect("Love how kind the nurses were, best care we've had", .positive, rule: "lexicon")
        expectNot("Love how kind the nurses were, best care we've had", rule: "sarcasm-wrapped")
        expectNot("Good luck tomorrow, you've got this!", rule: "sarcasm-wrapped")
    }

    @Test func praiseInScareQuotesIsSarcasm() {
        expect("Thanks for the \"help\" with my refund", .negative, rule: "scare-quotes")
        expect("Thanks for the “speedy” repair, six weeks so far", .negative, rule: "scare-quotes")
        let plain = analyzer.score("Thanks for the help with my refund")
        #expect(plain.label == .positive && !plain.rules.contains("scare-quotes"), "\(plain)")
    }

    @Test func titlesQuotationsAndQuotedSpeechAreNoScareQuotes() {
        // A capital opens a title or a name; a report quotes; a long quote is speech.
        expectNot("Watched \"Happy Feet\" again with the kids", rule: "scare-quotes")
        expectNot("The mayor said the plan was \"promising\"", rule: "scare-quotes")
        expectNot("She texted \"that was the best night of my life\" at 2am", rule: "scare-quotes")
    }

    @Test func aRequestToFixOrStopIsAComplaint() {
        expect("Please fix the search bar, it returns nothing", .negative, rule: "request-fix")
        expect("Please stop texting me about the survey", .negative, rule: "request-fix")
        expect("Can someone suggest a better password manager", .negative, rule: "wants-better")
        expectNot("Please include your order number in the email", rule: "request-fix")
        let q = analyzer.score("Which laptop is best for music production?")
        #expect(q.label == .neutral && q.rules.contains("best-asked"), "\(q)")
    }

    @Test func frenchSpanishAndGermanUnmetWishes() {
        expect("Ça aurait pu être une belle soirée", .negative, rule: "fr-souhait-manque")
        expect("Podría haber sido un concierto genial", .negative, rule: "es-deseo-incumplido")
        expect("Wäre schön gewesen, vorher Bescheid zu bekommen", .negative, rule: "de-unerfuellt")
        let s = analyzer.score("Ich hätte gern zwei Brötchen")
        #expect(s.label == .neutral && !s.rules.contains("de-unerfuellt"), "\(s)")
    }
}

/// The two rule-file positions of session 11 (acc11b), `at: unmet` and `at: wrap`, and the
/// scare quotes, on a rule file of their own over the fixture lexicon (good 2.0, love 3.0,
/// bad −2.0), so each value can be worked out by hand.
@Suite struct SessionElevenBFeatureTests {
    static let rules = """
        lang: en
        rules:
          - name: unmet-frame
            match: [would have been]
            at: unmet
            valence: -1.0
          - name: wrapped
            match: [love how]
            at: wrap
            flip: true
            tags: [sarcasm]
        """

    static func analyzer() throws -> SentimentAnalyzer {
        try TestFixtures.heuristics(adding: rules, name: "elevenb.yaml")
    }

    /// A rule file that gives `at: unmet` no negative valence, or `at: wrap` no flip, is refused
    /// with the file, the line and the rule named.
    @Test func anUnmetWithoutANegativeValenceOrAWrapWithoutFlipIsRefused() {
        let cases = [
            ("lang: en\nrules:\n  - name: soft-frame\n    match: [would have been]\n    at: unmet\n    valence: 1.0\n",
             "rule \"soft-frame\": at: unmet needs a negative valence"),
            ("lang: en\nrules:\n  - name: plain-wrap\n    match: [love how]\n    at: wrap\n    valence: 1.0\n",
             "rule \"plain-wrap\": at: wrap needs flip: true"),
        ]
        for (text, message) in cases {
            do {
                _ = try RuleFileParser.parse(text, file: "bad-eleven.yaml")
                Issue.record("accepted: \(text)")
            } catch let error as SentimentError {
                #expect(error.file == "bad-eleven.yaml")
                #expect(error.line != nil)
                #expect(error.description.contains(message), "\(error)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func anUnmetFrameTurnsThePraiseAfterItInItsClause() throws {
        let a = try Self.analyzer()
        // −1.0 for the frame, good 2.0 turned: −3.0.
        let s = a.score("would have been good")
        #expect(same(s.compound, TestFixtures.norm(-3.0)), "\(s.compound)")
        #expect(s.rules.contains("unmet-frame"))
        // The next clause keeps its praise: −1.0 − 2.0 + 2.0.
        let t = a.score("would have been good, the food was good")
        #expect(same(t.compound, TestFixtures.norm(-1.0)), "\(t.compound)")
        // Without the frame the praise counts as praise.
        #expect(same(TestFixtures.heuristics.score("it was good").compound, TestFixtures.norm(2.0)))
    }

    @Test func aWrapFlipsOnlyBesideAPlainOrBadFact() throws {
        let a = try Self.analyzer()
        // love 3.0 with a plain rest: flipped, −3.0, sarcasm.
        let s = a.score("love how it works")
        #expect(same(s.compound, TestFixtures.norm(-3.0)), "\(s.compound)")
        #expect(s.rules.contains("wrapped") && s.tags.contains("sarcasm"), "\(s.rules) \(s.tags)")
        // Beside clear praise (good 2.0, at least `wrapGladRest`) it is praise: 3.0 + 2.0.
        let t = a.score("love how good it is")
        #expect(same(t.compound, TestFixtures.norm(5.0)), "\(t.compound)")
        #expect(!t.rules.contains("wrapped"))
    }

    @Test func theNewPositionsNeedTheirEffect() {
        for (text, message) in [("at: unmet\n    valence: 1.0", "at: unmet needs a negative valence"),
                                ("at: unmet\n    flip: true", "at: unmet needs a negative valence"),
                                ("at: wrap\n    valence: -1.0", "at: wrap needs flip: true")] {
            let yaml = "lang: en\nrules:\n  - name: r\n    match: [x y]\n    \(text)\n"
            #expect(throws: (any Error).self) { try TestFixtures.heuristics(adding: yaml, name: "elevenb-bad.yaml") }
            do { _ = try TestFixtures.heuristics(adding: yaml, name: "elevenb-bad.yaml") } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test func praiseInShortLowerCaseQuotesFlipsTheText() {
        let a = TestFixtures.heuristics
        // good 2.0 in quotes: the text is sarcastic, −2.0.
        let s = a.score("what a \"good\" day")
        #expect(same(s.compound, TestFixtures.norm(-2.0)), "\(s.compound)")
        #expect(s.rules.contains("scare-quotes") && s.tags.contains("sarcasm"), "\(s.rules)")
        // Opened before a capital (a title) or four words long (speech): praise.
        #expect(same(a.score("what a \"Good\" day").compound, TestFixtures.norm(2.0)))
        #expect(same(a.score("she said \"it was so good\" today").compound, TestFixtures.norm(2.0)))
        // An unclosed quote marks nothing.
        #expect(same(a.score("what a \"good day").compound, TestFixtures.norm(2.0)))
    }
}
