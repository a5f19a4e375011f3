import ChorusModel
@testable import ChorusSentiment
import Foundation
import Testing

/// Session 11 (acc11): amounts of money as tokens of their own (`Vocabulary.amountWord`,
/// `TextScanner.readCurrency`), the fact patterns that read them, and `across` patterns (an
/// expectation and its outcome in two clauses). The texts are written for these tests, not taken
/// from the evaluation sets.
@Suite struct Acc11AmountScannerTests {
    static let vocabulary = TestFixtures.shipped.model.vocabulary

    /// The token ids of `text` scanned with `vocabulary`, and whether each follows a clause break.
    static func tokens(_ text: String, _ vocabulary: Vocabulary = vocabulary) -> [(id: Int32, breakBefore: Bool)] {
        var scanner = TextScanner(vocabulary: vocabulary)
        var t = text
        t.withUTF8 { scanner.scan($0) }
        return (0..<scanner.tokens.count).map { (scanner.tokens[$0].id, scanner.tokens[$0].breakBefore) }
    }

    @Test("A currency sign and its digits are one amount token, before or after the number",
          arguments: ["£14", "$9", "€120", "¥500", "£3.50", "$1,200", "£40k", "£1.2bn", "14 €", "14€"])
    func anAmountIsOneToken(_ written: String) {
        let amount = Self.vocabulary.amountID
        #expect(amount >= 0)
        let t = Self.tokens("paid \(written) today")
        #expect(t.map(\.id) == [Self.vocabulary.lookup("paid"), amount, Self.vocabulary.lookup("today")], "\(written)")
        // No clause break between the verb and the amount (a `£` used to be punctuation).
        #expect(t.count == 3 && !t[1].breakBefore)
    }

    @Test func aSignAfterADecimalCommaTakesTheLastNumber() {
        // "3,50 €": the comma splits the digits (as in any count), the cents become the amount.
        let t = Self.tokens("3,50 €")
        #expect(t.count == 2 && t[1].id == Self.vocabulary.amountID)
    }

    @Test func aSignWithoutADigitBesideItIsNoAmount() {
        let amount = Self.vocabulary.amountID
        #expect(!Self.tokens("prices in £ and $ only").contains { $0.id == amount })
        #expect(!Self.tokens("the £ sign").contains { $0.id == amount })
        // A scale is taken only when a word does not go on: "£5mins" is an amount and a word.
        #expect(Self.tokens("£5mins").map(\.id).first == amount && Self.tokens("£5mins").count == 2)
    }

    @Test func withoutARuleUsingAnAmountTheSignIsReadAsBefore() throws {
        // The fixture files use neither `£` nor `0`: the sign stays punctuation and the digits a word.
        let v = TestFixtures.heuristics.model.vocabulary
        #expect(v.amountID < 0)
        let t = Self.tokens("paid £14 today", v)
        #expect(t.count == 3 && t[1].id == -1 && t[1].breakBefore)
    }

    @Test func aPhraseWithAnyNumberAlsoMatchesAnAmount() {
        // `charged me 0` and `go up 0`-style phrases keep matching after a currency sign.
        let s = TestFixtures.shipped.score("Quoted £180. Invoice came to £460.")
        #expect(s.label == .negative && s.rules.contains("claimed-then-got"), "\(s)")
    }
}

/// The session-11 patterns of rules-en.yaml with the shipped files: each reads negative (or
/// positive) by its rule, and a counterpart in the same words does not fire it.
@Suite struct Acc11AmountFactTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped
    static let patterns = ["price-paid", "price-for-little", "price-low", "amount-went-from", "only-few-came", "asked-got-other",
                           "repeat-running", "feared-not-so"]

    static let withoutPatterns = TestFixtures.shipped(disabling: patterns)

    /// `text` is `label` by `rule`, and neutral with the session-11 patterns switched off.
    func expectPattern(_ text: String, _ label: Sentiment.Label, rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expect(text, label, rule: rule, neutralWithout: Self.withoutPatterns, sourceLocation: sourceLocation)
    }

    /// `text` is neutral and fires none of the session-11 patterns.
    func expectNeutral(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNeutral(text, firingNoneOf: Self.patterns, sourceLocation: sourceLocation)
    }

    @Test func aPriceOpeningWhatItBoughtIsAComplaint() {
        expectPattern("£12 to park by the station for an hour", .negative, rule: "price-for-little")
        expectPattern("$7 for a small bottle of water", .negative, rule: "price-for-little")
        expectPattern("€45 for a haircut", .negative, rule: "price-for-little")
        expectPattern("30 quid for a phone case", .negative, rule: "price-for-little")
    }

    @Test func aPriceListOrScheduleIsNoComplaint() {
        expectNeutral("Entry is £8 for adults and £4 for children")
        expectNeutral("Classes cost £6 for members")
        expectNeutral("Lockers are £1 for the first hour")
        expectNeutral("Fares from £3 to £9 depending on the zone")
        expectNeutral("Parking costs £5 for the whole day")
    }

    @Test func aPricePaidToldAsAFactIsAComplaint() {
        expectPattern("Paid £85 for a pair of trainers", .negative, rule: "price-paid")
        expectPattern("Forked out £40 on a kettle", .negative, rule: "price-paid")
        expectPattern("Spent 50 quid on petrol this morning", .negative, rule: "price-paid")
        expectNot("The insurer gave me £200 towards the repair", rule: "price-paid")
        expectNot("Switching saved us £120 this year", rule: "price-paid")
    }

    @Test func aLowPriceIsGood() {
        expectPattern("Only £4 for the whole afternoon at the pool", .positive, rule: "price-low")
        expectPattern("Just 3 quid for a hot chocolate", .positive, rule: "price-low")
        expectNot("Only £2 left in my account till payday", rule: "price-low")
        expectNot("Just paid £90 for a haircut", rule: "price-low")
    }

    @Test func theSamePatternsReadAmountsInFrenchSpanishAndGerman() {
        expect("Payé 40 € pour une pizza froide", .negative, rule: "price-paid")
        expect("12 € por una cerveza pequeña", .negative, rule: "price-for-little")
        expect("Nur 3 € für das Schwimmbad, prima", .positive, rule: "price-low")
        expectNot("Der Eintritt kostet 9 € für Erwachsene", rule: "price-for-little")
    }

    @Test func anOutcomeOtherThanWhatWasAskedForIsADisappointment() {
        expectPattern("Ordered the chicken, got the fish", .negative, rule: "asked-got-other")
        expectPattern("Booked a double room. They gave us two singles", .negative, rule: "asked-got-other")
        expectPattern("Promised 3 days, took 3 weeks", .negative, rule: "asked-got-other")
    }

    @Test func theSameThingBackOrOneClauseIsNoMismatch() {
        expectNot("Ordered on Friday, got it on Saturday", rule: "asked-got-other")
        expectNot("Asked for a window seat, got one", rule: "asked-got-other")
        expectNot("Booked a standard room, got upgraded to a suite", rule: "asked-got-other")
        // In one clause the outcome is no outcome: `across` needs the break.
        expectNot("I ordered what my sister got", rule: "asked-got-other")
        // Two clauses on, or deep in the next clause, it is not the outcome either.
        expectNot("Ordered a pizza, waited an hour, then we got a taxi home", rule: "asked-got-other")
    }

    @Test func anAmountToldGoingFromOneToAnotherIsARise() {
        expectPattern("Water bill went from £30 to £55", .negative, rule: "amount-went-from")
        expectNot("Water bill went down from £55 to £30", rule: "amount-went-from")
    }

    @Test func fewOfWhatWasMeantToComeIsABadFact() {
        expectPattern("Only 4 people turned up to the meeting", .negative, rule: "only-few-came")
        expectNot("The kit only arrived on Monday", rule: "only-few-came")
    }

    @Test func aFearedThingToldAsFearedIsWhatDidNotHappen() {
        expect("Expected the worst at the dentist, it was fine", .positive, rule: "feared-not-so")
        expectNot("Expected the worst and got it", rule: "feared-not-so")
        expectNot("Storm expected to cause chaos tonight", rule: "feared-not-so")
    }

    @Test func aRunOfBadThingsIsCounted() {
        expectPattern("Boiler out for the 3rd day running", .negative, rule: "repeat-running")
        expectPattern("Fifth morning in a row the train is late", .negative, rule: "repeat-running")
        expectNot("Third win in a row for the under-12s", rule: "repeat-running")
        expect("6th time this month the app logged me out", .negative, rule: "repeat-count")
    }
}

/// `across:` on a pattern of a rule file written for the test.
@Suite struct Acc11AcrossFileTests {
    static let rules = """
        lang: en
        facts:
          - name: swapped-out
            first: [wanted]
            then: [received]
            gap: 5
            across: true
            valence: -2.0
          - name: swapped-in-one
            first: [hoped]
            then: [received]
            gap: 5
            valence: -2.0
        """

    @Test func anAcrossPatternIsRead() throws {
        let f = try RuleFileParser.parse(Self.rules, file: "across.yaml")
        #expect(f.facts.map(\.across) == [true, false])
        #expect(throws: SentimentError.self) {
            try RuleFileParser.parse("facts:\n  - name: x\n    first: [a]\n    then: [b]\n    gap: 1\n    across: maybe\n    valence: -1\n", file: "x.yaml")
        }
    }

    @Test func itMatchesOnlyAtTheStartOfTheNextClause() throws {
        let a = try TestFixtures.heuristics(adding: Self.rules, name: "acc11-across.yaml")
        #expect(a.score("wanted tea, received coffee").rules.contains("swapped-out"))
        #expect(a.score("wanted tea. We received coffee").rules.contains("swapped-out"))
        // In the same clause, three words into the next clause, or two clauses on: no match.
        #expect(!a.score("wanted what we received").rules.contains("swapped-out"))
        #expect(!a.score("wanted tea, and then we received coffee").rules.contains("swapped-out"))
        #expect(!a.score("wanted tea, waited, received coffee").rules.contains("swapped-out"))
        // Without `across` a break ends the search, as before.
        #expect(!a.score("hoped for tea, received coffee").rules.contains("swapped-in-one"))
        #expect(a.score("hoped for received tea").rules.contains("swapped-in-one"))
    }
}
