import ChorusModel
@testable import ChorusSentiment
import Testing

/// With the shipped files: the session 7b families (complaints and good outcomes told as plain
/// facts: a bad thing counted or repeated, a wait with its length, a promise not kept, a charge
/// for nothing, money or a lost thing back, a fix done quickly) each label their texts and name
/// their rule, and a counterpart in the same vocabulary (a schedule, a policy, a plain report)
/// does not fire it. Texts are written for these tests, not taken from the evaluation sets.
@Suite struct SessionSevenBFamilyTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test func aCountedRepeatIsAComplaint() {
        expect("The lift has jammed, fifth time this month", .negative, rule: "complaint-count")
        expect("No hot water for the second week running", .negative, rule: "complaint-count")
        expectNot("The second week of the course starts on Monday", rule: "complaint-count")
        expect("Rang them four times about the gate and nothing", .negative, rule: "complaint-count-2")
        expectNot("The bell rang four times at noon", rule: "complaint-count-2")
        expect("The lights flicker every single evening", .negative, rule: "complaint-count-3")
    }

    @Test func aBadEventAgainMidSentenceIsAComplaint() {
        expect("The site crashed again during checkout", .negative, rule: "bad-again")
        expectNot("The café is open again from today", rule: "bad-again")
    }

    @Test func aWaitWithItsLengthIsAComplaint() {
        expect("Waiting 14 months for a hearing test", .negative, rule: "complaint-wait-2")
        expect("Queued 30 minutes for a coffee", .negative, rule: "complaint-wait-2")
        expectNot("The hearing test takes 14 minutes", rule: "complaint-wait-2")
        #expect(analyzer.score("The hearing test takes 14 minutes").label == .neutral)
    }

    @Test func aPromiseNotKeptIsAComplaint() {
        expect("They moved my slot without telling me", .negative, rule: "complaint-not-done")
        expect("Ordered express, it came three days later", .negative, rule: "complaint-not-done")
        expectNot("The parcel was delivered on Tuesday", rule: "complaint-not-done")
        expectNot("Orders placed today are delivered within two days", rule: "complaint-not-done")
    }

    @Test func aChargeForNothingIsAComplaint() {
        expect("The garage charged me twice for one tyre", .negative, rule: "complaint-charged")
        expectNot("The garage charges by the hour", rule: "complaint-charged")
    }

    @Test func moneyOrALostThingBackIsRelief() {
        expect("My refund came through this morning", .positive, rule: "good-outcome-back")
        #expect(analyzer.score("My refund came through this morning").tags.contains("relief"))
        expect("Lost luggage turned up at the hotel", .positive, rule: "good-outcome-back")
        expectNot("Refunds are handled by the shop", rule: "good-outcome-back")
        #expect(analyzer.score("Refunds are handled by the shop").label == .neutral)
        expect("Got a full refund from the airline", .positive, rule: "good-outcome-back-2")
    }

    @Test func aQuickFixIsPraiseAndABadThingGoneIsRelief() {
        expect("Plumber came out and fixed it in an hour", .positive, rule: "sorted-quickly")
        expectNot("The fixed price is in the brochure", rule: "sorted-quickly")
        expect("New extractor fan and the smell is gone", .positive, rule: "bad-thing-gone")
        expectNot("The smell of bread in the morning", rule: "bad-thing-gone")
    }

    @Test func aThingInABadStateIsAComplaint() {
        expect("The sofa arrived damaged", .negative, rule: "arrived-damaged")
        expectNot("The sofa arrived on Friday", rule: "arrived-damaged")
        expect("Repainted the ceiling and the damp is still there", .negative, rule: "bad-thing-stays")
        expectNot("The damp course was checked in the survey", rule: "bad-thing-stays")
    }

    @Test func serviceSlotsAreNotVerdicts() {
        for text in ["Pick a safe place for the parcel", "Tickets can be bought in advance",
                     "Exchanges are free within 14 days"] {
            #expect(analyzer.score(text).label == .neutral, "\(text)")
        }
    }

    @Test func aPriceRiseANeglectAndAGoodFactAreToldAsFacts() {
        expect("Gym membership went up again this spring", .negative, rule: "price-rise-fact")
        expectNot("Sales went up in the spring", rule: "price-rise-fact")
        expect("The letting agent never came to look at the boiler", .negative, rule: "never-done")
        expect("Bus was packed but I got a seat", .positive, rule: "good-fact")
        expectNot("Please take a seat in the waiting room", rule: "good-fact")
    }
}
