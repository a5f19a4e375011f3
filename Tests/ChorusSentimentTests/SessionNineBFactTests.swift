import ChorusModel
@testable import ChorusSentiment
import Testing

/// With the shipped files: session 9b's facts and headlines. The `direction` rule (a subject
/// whose rise is good or bad news, moved up or down a few words later in its clause) in both
/// directions for both kinds of subject, with the counterparts it must leave alone (a report
/// with no direction, a direction with no subject, a clause break or contrast between them, a
/// phrase rule that already decided); then the session's phrase families. Texts are written
/// for these tests, not taken from the evaluation sets.
@Suite struct SessionNineBFactTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test func aBadSubjectGoingUpIsBadNewsAndGoingDownGood() {
        expect("Unemployment in the coastal towns climbs", .negative, rule: "direction")
        expect("Burglaries across the county down 12% on last year", .positive, rule: "direction")
        expect("Delays at the clinic lengthened over the winter", .negative, rule: "direction")
        expect("Sewage discharges into the lake fell by a quarter", .positive, rule: "direction")
        expect("Ferry fares capped at £5 for residents", .positive, rule: "direction")
    }

    @Test func aGoodSubjectGoingUpIsGoodNewsAndGoingDownBad() {
        expect("Exports of cheese to Japan rose sharply", .positive, rule: "direction")
        expect("Bookings for the autumn fell by a third", .negative, rule: "direction")
        expect("Funding for the youth club withdrawn", .negative, rule: "direction")
        expect("Visitors to the gardens up 15% this spring", .positive, rule: "direction")
    }

    @Test func theSubjectsOwnWordCountsNothingWhenItMoves() {
        // "unemployment" and "crime" are negative words; moved down they are good news.
        let s = analyzer.score("Crime in the old town dropped last year")
        #expect(s.label == .positive, "\(s)")
        #expect(s.rules.contains("direction"), "\(s.rules)")
    }

    @Test func aNegatedDirectionTurns() {
        let s = analyzer.score("Prices did not rise this year")
        #expect(s.label == .positive, "\(s)")
        #expect(s.rules.contains("negation"), "\(s.rules)")
    }

    @Test func noDirectionOrNoSubjectIsNoDirection() {
        expectNot("Unemployment figures for the region are published on Thursday", rule: "direction")
        #expect(analyzer.score("Unemployment figures for the region are published on Thursday").label == .neutral)
        expectNot("The river rose overnight", rule: "direction")
        expectNot("The prices are on the board by the door", rule: "direction")
        // Too far apart: more than four words between the subject and the direction word.
        expectNot("Prices at the little shop on the corner by the station went up", rule: "direction")
    }

    @Test func aClauseBreakOrContrastEndsTheSearch() {
        expectNot("Prices were stable, then the river rose", rule: "direction")
        expectNot("Prices held but the tide rose", rule: "direction")
    }

    @Test func aPhraseRuleDecidesWhereItMatches() {
        // `bad-thing-rises` matches "prices soar" as a phrase; the direction rule stays out.
        let s = analyzer.score("Prices soar")
        #expect(s.rules.contains("bad-thing-rises"), "\(s.rules)")
        #expect(!s.rules.contains("direction"), "\(s.rules)")
    }

    @Test func aQuestionAboutADirectionAsksForInformation() {
        let s = analyzer.score("Are prices going up next year?")
        #expect(s.label == .neutral, "\(s)")
        #expect(s.rules.contains("info-question"), "\(s.rules)")
        // The same words told as news are bad news.
        #expect(analyzer.score("Prices going up next year").label == .negative)
    }

    @Test func explainNamesTheSubjectAndTheDirection() {
        var session = SentimentSession(analyzer)
        let e = session.explain("Exports to the EU fall for a third quarter")
        #expect(e.lines.contains { $0.contains("'exports' … 'fall' direction -1.80") }, "\(e.lines)")
    }

    @Test func theRuleCanBeSwitchedOff() throws {
        var config = SentimentConfiguration()
        config.disabledRules = ["direction"]
        let off = try SentimentAnalyzer(configuration: config)
        let s = off.score("Exports of cheese to Japan rose sharply")
        #expect(!s.rules.contains("direction"), "\(s.rules)")
        #expect(analyzer.score("Exports of cheese to Japan rose sharply").rules.contains("direction"))
    }

    @Test func directionListsAreOneWordEachAndKnownKeys() throws {
        let ok = try RuleFileParser.parse("direction:\n  up: [rises]\n  down: [falls]\n  bad: [prices]\n  good: [shares]\n", file: "d.yaml")
        #expect(ok.directionUp == ["rises"] && ok.directionDown == ["falls"] && ok.directionBad == ["prices"] && ok.directionGood == ["shares"])
        #expect(throws: SentimentError.self) { try RuleFileParser.parse("direction:\n  up: [goes up]\n", file: "d.yaml") }
        #expect(throws: SentimentError.self) { try RuleFileParser.parse("direction:\n  sideways: [drifts]\n", file: "d.yaml") }
        // One list per word, one list per key: otherwise the scorer, not the file, would decide.
        #expect(throws: SentimentError.self) { try RuleFileParser.parse("direction:\n  up: [surge]\n  down: [surge]\n", file: "d.yaml") }
        #expect(throws: SentimentError.self) { try RuleFileParser.parse("direction:\n  bad: [rates]\n  good: [Rates]\n", file: "d.yaml") }
        #expect(throws: SentimentError.self) { try RuleFileParser.parse("direction:\n  up: [rises]\n  bad: [rises]\n", file: "d.yaml") }
        #expect(throws: SentimentError.self) { try RuleFileParser.parse("direction:\n  up: [rises]\n  up: [climbs]\n", file: "d.yaml") }
    }

    @Test func aDirectionJustBeforeTheSubjectCounts() {
        expect("Rising rents push families out of the centre", .negative, rule: "direction")
        expect("Mill cuts 2,000 jobs", .negative, rule: "event-closes-count")
        expect("Lower fares on every route from May", .positive, rule: "direction")
        expectNot("The shop on the corner sells cheap shares of nothing", rule: "direction")
    }

    @Test func aModalOrANewClauseStopsTheSearch() {
        expectNot("Fares will climb in the spring", rule: "direction")
        expectNot("Prices go up after ten on weekdays", rule: "direction")
        expectNot("Output restarts as the supply of parts eases", rule: "direction")
    }

    @Test func aSupplyCutOrACountedFaultIsAComplaint() {
        expect("No electricity on the whole street since noon", .negative, rule: "supply-out")
        expect("Third power cut since the weekend", .negative, rule: "complaint-count-4")
        expect("Rejected for the fourth time", .negative, rule: "complaint-count-5")
        expectNot("The power station opens to visitors in spring", rule: "supply-out")
    }

    @Test func aServiceTakenAwayOrJobsGoingIsBadNews() {
        expect("Operator axed the night bus to the estate", .negative, rule: "service-cancelled")
        expect("Up to 80 roles are at risk at the depot", .negative, rule: "jobs-going")
        expectNot("The night bus runs until 3am", rule: "service-cancelled")
        expectNot("Staff to go on a training day", rule: "jobs-going")
    }

    @Test func aBadThingPutOffIsRelief() {
        expect("Port walkout called off at the last minute", .positive, rule: "bad-thing-called-off")
        expect("Boil water notice extended into next week", .negative, rule: "bad-thing-extended")
        expect("Council blocked plans to close the lido", .positive, rule: "closure-blocked")
        expectNot("The strike was on the front page", rule: "bad-thing-called-off")
    }

    @Test func timesAndRatesByTheirDirection() {
        expect("Waiting times lengthened at the surgery", .negative, rule: "bad-time-up")
        expect("Journey times fell after the new signals", .positive, rule: "bad-time-down")
        expect("The tram cuts my commute in half", .positive, rule: "cuts-time")
        expect("Recycling rates up across the city", .positive, rule: "good-rate-up")
        expect("Vaccination rates fell in the north", .negative, rule: "good-rate-down")
        expect("Council tax frozen again", .positive, rule: "bad-thing-held")
        expect("Bus fares to go up by 10p", .negative, rule: "bad-thing-goes-up")
        expectNot("Bus fares go up after six on weekdays", rule: "bad-thing-goes-up")
        expect("Stadium lifts cap on crowd numbers", .positive, rule: "cap-lifted")
        expect("The well dried up last summer", .negative, rule: "dry-up")
    }

    @Test func goodOutcomesToldAsFacts() {
        expect("Theory test done, first attempt", .positive, rule: "good-fact-2")
        expect("Van passed its MOT with no advisories", .positive, rule: "good-fact-2")
        expect("Ran the half in under two hours", .positive, rule: "in-under")
        expect("Ferry arrived 20 minutes early", .positive, rule: "early-arrival")
        expect("She passed the theory test", .positive, rule: "passed-exam")
        expect("Keeper signs a new three-year deal", .positive, rule: "new-deal")
        expect("Exports grew, beating expectations", .positive, rule: "beats-forecasts-2")
        expectNot("The bus passed the school at nine", rule: "passed-exam")
    }

    @Test func complaintsToldAsFacts() {
        expect("Six emails to the council, zero replies", .negative, rule: "complaint-fact")
        expect("The kettle won't turn on", .negative, rule: "complaint-fact")
        expect("Tracking says delivered, nothing on the doorstep", .negative, rule: "complaint-fact")
        expect("Hit a pothole and burst a tyre", .negative, rule: "burst-tyre")
        expectNot("Turn on the kettle when you get in", rule: "complaint-fact")
    }

    @Test func namesOfDataAndPlacesAreNotVerdicts() {
        #expect(analyzer.score("The force publishes its crime figures every quarter").label == .neutral)
        #expect(analyzer.score("Brent crude opened at $80 a barrel").label == .neutral)
        #expect(analyzer.score("The emergency department is on the ground floor").label == .neutral)
        #expect(analyzer.score("The index closed at 7,950").label == .neutral)
    }
}
