import ChorusModel
@testable import ChorusSentiment
import Foundation
import Testing

/// With the shipped files: session 11's (good12) rules for posts whose side is clear but held in
/// no lexicon word: bare cheers and groans, "for once", outcomes told in open words, things that
/// came early, a service told as out, a time promised against the time it happened (which needs a
/// clock time such as "6:15" to stay one clause). Each rule gets texts it must read and neutral
/// counterparts in the same words; the texts are written for these tests, not taken from the
/// evaluation sets. `withoutRules` scores with the rules switched off, to show that the rule decides.
@Suite struct Good12OpenWordsTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    static let names = ["good12-bare-cheer", "good12-bare-groan", "good12-for-once", "good12-outcome-won", "good12-outcome-last",
                        "early-arrival", "good12-out-of-service", "good12-time-slipped"]

    static let withoutRules = TestFixtures.shipped(disabling: names)

    /// `text` is `label` by `rule`, and neutral without this session's rules.
    func expectRule(_ text: String, _ label: Sentiment.Label, rule: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expect(text, label, rule: rule, neutralWithout: Self.withoutRules, sourceLocation: sourceLocation)
    }

    /// `text` is neutral and fires none of this session's rules.
    func expectNeutral(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNeutral(text, firingNoneOf: Self.names, sourceLocation: sourceLocation)
    }

    @Test func aBareCheerOrGroanIsAReaction() {
        expectRule("Get in", .positive, rule: "good12-bare-cheer")
        expect("Third meeting about the meeting. Kill me now", .negative, rule: "good12-bare-groan")
        expectRule("Meeting moved to 8am. Not today", .negative, rule: "good12-bare-groan")
        expectNeutral("Get in the van")
        expectNeutral("The shop is not today but tomorrow")
    }

    @Test func aFactJoinedByAndIsNoScheduleForTheWordsAfterIt() {
        // "are" after "and" belongs to the second statement (fact_frame.joins); before it, it blocks.
        expect("Finished my first quilt and the corners are square", .positive, rule: "milestone")
        expectNot("Entries are finished and judged by noon", rule: "milestone")
    }

    @Test func forOnceTellsThatTheUsualIsBad() {
        expectRule("My brother phoned me for once", .positive, rule: "good12-for-once")
        expectNot("For once in a while the market sells fish", rule: "good12-for-once")
    }

    @Test func anOutcomeToldInOpenWords() {
        expectRule("Our chutney took first place at the show", .positive, rule: "good12-outcome-won")
        expectRule("We raised £800 for the food bank", .positive, rule: "good12-outcome-won")
        expectRule("Came last in the egg and spoon", .negative, rule: "good12-outcome-last")
        expectNeutral("Who came last in the relay?")
        expectNeutral("First place will be announced on Friday")
    }

    @Test func somethingDoneBeforeItsTimeIsGood() {
        expectRule("Sofa arrived 2 days early", .positive, rule: "early-arrival")
        expectRule("Plumber turned up an hour early", .positive, rule: "early-arrival")
        expectNeutral("Arrive early for the tour")
    }

    @Test func aServiceToldAsOutIsABadFact() {
        expectRule("The escalator is out again and I have a pram", .negative, rule: "good12-out-of-service")
        expectRule("Both lifts out since Monday", .negative, rule: "good12-out-of-service")
        expectNeutral("Lights out at 10 in the dorms")
        expectNeutral("The lift will be out on Monday for servicing")
    }

    @Test func aTimePromisedThenTheTimeItHappened() {
        // The clock times keep their clauses whole: before session 11 the colon of "6:15" ended a
        // clause, so the outcome was never the next clause's first word.
        expectRule("Engineer was due at 8:30, turned up at 11:45", .negative, rule: "good12-time-slipped")
        expectRule("Booked for 6:00, seen at 7:20", .negative, rule: "good12-time-slipped")
        expectNeutral("Due at 8:30, arrives at 9:10")
        expectNot("Booked for 6:00, seen straight away", rule: "good12-time-slipped")
    }
}
