import ChorusModel
@testable import ChorusSentiment
import Testing

/// With the shipped files: the session 8 reaction families (an expectation and its letdown,
/// a wait still unmet, nobody answering, time gone by, "made it worse", sarcastic thanks after
/// a bad fact, tears in a glad text, outrage) each label their texts and name their rule, and a
/// counterpart in the same vocabulary (a schedule, a question, good news) does not fire it.
/// Texts are written for these tests, not taken from the evaluation sets.
@Suite struct SessionEightReactionTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test func aPastExpectationIsALetdown() {
        expect("We were promised a new kitchen by spring", .negative, rule: "expectation-unmet")
        expect("The plumber was supposed to come at nine", .negative, rule: "expectation-unmet")
        expectNot("Buses are supposed to run every ten minutes", rule: "expectation-unmet")
        #expect(analyzer.score("Buses are supposed to run every ten minutes").label == .neutral)
    }

    @Test func aWaitStillUnmetIsAComplaint() {
        expect("Booked the repair in May and the screen still says error", .negative, rule: "still-unmet")
        expect("Still waiting on the new passport", .negative, rule: "still-unmet")
        expectNot("My nan is still the best cook in Yorkshire", rule: "still-unmet")
        expectNot("Is the pool still open on Sundays?", rule: "still-unmet")
    }

    @Test func nobodyAnsweringIsAComplaint() {
        expect("Emailed the school office about the trip, not one response", .negative, rule: "no-reply")
        expect("The plumber hasn't turned up", .negative, rule: "not-arrived")
        expectNot("Replies usually take two working days", rule: "no-reply")
    }

    @Test func timeGoneByAfterAPromiseIsAComplaint() {
        expect("They said the part would be in stock soon. That was in March.", .negative, rule: "time-elapsed")
        expectNot("That was Monday's meeting, this is Tuesday's", rule: "time-elapsed")
    }

    @Test func madeItWorseIsBad() {
        expect("The new filter made it worse", .negative, rule: "made-it-worse")
        expectNot("We made it to the coast by noon", rule: "made-it-worse")
        #expect(analyzer.score("We made it to the coast by noon").label != .negative)
    }

    @Test func thanksAfterABadFactIsSarcasm() {
        expect("Lost my luggage and nobody answers the phone. Thanks Ryanair", .negative, rule: "sarcasm-thanks-aside")
        let glad = analyzer.score("The nurse found my notes in five minutes. Thank you")
        #expect(glad.label == .positive && !glad.rules.contains("sarcasm-thanks-aside"), "\(glad.rules)")
    }

    @Test func tearsInAGladTextAreJoy() {
        expect("She said yes!!! crying", .positive, rule: "glad-tears")
        expect("Our little girl was born this morning, so happy, in tears", .positive, rule: "glad-tears")
        let sad = analyzer.score("Crying, the cat died last night")
        #expect(sad.label == .negative && !sad.rules.contains("glad-tears"), "\(sad.rules)")
    }

    @Test func outrageIsAnger() {
        expect("The council towed my car with no warning", .negative, rule: "anger-4")
        #expect(analyzer.score("The council towed my car with no warning").tags.contains("anger"))
        expectNot("Warning: roadworks on the ring road this weekend", rule: "anger-4")
    }
}
