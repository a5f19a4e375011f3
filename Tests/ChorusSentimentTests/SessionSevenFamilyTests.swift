import ChorusModel
@testable import ChorusSentiment
import Testing

/// With the shipped files: the everyday-reaction families added in session 7 (slang praise
/// and slang put-downs matched only in the frames that judge, service complaints told with a
/// count, praise as a promise to come back, tears beside a trophy or fire) each label their
/// texts and name their rule, and a counterpart that shares the words in another sense does
/// not fire it. Texts are written for these tests, not taken from the evaluation sets.
@Suite struct SessionSevenFamilyTests: RuleFamilySuite {
    let analyzer = TestFixtures.shipped

    @Test(arguments: ["That new album absolutely slaps", "Ok this new trailer is actually sick", "Their tacos never miss",
                      "Honestly that trailer gave me chills", "Big W for the group chat today"])
    func slangPraiseInItsFramesIsPositive(_ text: String) {
        expect(text, .positive, rule: "slang-praise")
    }

    @Test func slangWordsInTheirPlainSenseFireNoPraise() {
        expectNot("She felt sick on the ferry", rule: "slang-praise")
        #expect(analyzer.score("She felt sick on the ferry").label == .negative)
        expectNot("The minister slaps tariffs on steel", rule: "slang-praise")
        expectNot("I have the chills and a fever", rule: "slang-praise")
        expectNot("Trains run every ten minutes at peak times", rule: "slang-praise")
    }

    @Test func obsessedWithWhatItIsAboutIsPraise() {
        expect("Obsessed with this new lamp", .positive, rule: "obsessed-praise")
        #expect(analyzer.score("Obsessed with this new lamp").tags.contains("excitement"))
    }

    @Test(arguments: ["Another L for the home side tonight", "The way he chews gives me the ick",
                      "Brain is mush after that exam", "Their customer service is such a joke"])
    func slangPutDownsAreNegative(_ text: String) {
        expect(text, .negative, rule: "slang-verdict-bad")
    }

    @Test func aCountdownIsAnticipationAndPullingItOffIsExcitement() {
        expect("Counting down the days until the holidays", .positive, rule: "countdown")
        #expect(analyzer.score("Counting down the days until the holidays").tags.contains("anticipation"))
        expect("Can't believe the team pulled it off", .positive, rule: "pulled-it-off")
        expectNot("The council counted the votes", rule: "countdown")
    }

    @Test func dismayAndAMildLetdownAreNegative() {
        expect("Oh no, the bakery has shut", .negative, rule: "dismay")
        expect("The sequel could be better", .negative, rule: "mild-letdown")
        expect("Bang average pizza tbh", .negative, rule: "mild-letdown")
        let praise = analyzer.score("It could not be better")
        #expect(praise.label == .positive && !praise.rules.contains("mild-letdown"), "\(praise.rules)")
    }

    @Test(arguments: [
        ("Taxi came 40 mins late", "complaint-wait"),
        ("Waited 3 hours at the clinic", "complaint-wait"),
        ("Pasta arrived cold, again", "complaint-cold-food"),
        ("Chips were soggy and the fish tasted of nothing", "complaint-cold-food"),
        ("This toner did absolutely nothing for my skin", "complaint-nothing"),
        ("That workshop could've been an email", "complaint-nothing"),
        ("Stuck in traffic on the way to the airport", "complaint-stuck"),
        ("He hasn't texted back since Friday", "complaint-no-reply"),
    ])
    func serviceComplaintsToldAsFactsAreNegative(_ text: String, _ rule: String) {
        expect(text, .negative, rule: rule)
    }

    @Test func aCountOrAColdThingAloneIsNoComplaint() {
        let train = analyzer.score("The train leaves in 40 mins")
        #expect(!train.rules.contains("complaint-wait"), "\(train.rules)")
        let weather = analyzer.score("It will be cold on Friday")
        #expect(!weather.rules.contains("complaint-cold-food"), "\(weather.rules)")
    }

    @Test func doingSomethingWellIsPraiseButSmashingAThingIsNot() {
        expect("Nailed the interview this morning", .positive, rule: "nailed-it-2")
        expectNot("Someone smashed the window of my car", rule: "nailed-it-2")
        #expect(analyzer.score("Someone smashed the window of my car").label == .negative)
    }

    @Test func aPromiseToComeBackIsPraiseAndNotTheAgainComplaint() {
        expect("Lovely staff, would book again", .positive, rule: "would-again")
        #expect(!analyzer.score("Lovely staff, would book again").rules.contains("again-end"))
        let complaint = analyzer.score("The printer is broken again")
        #expect(complaint.label == .negative && !complaint.rules.contains("would-again"), "\(complaint.rules)")
    }

    @Test func neverBeforeThisGoodIsPraiseAndPlainNeverStaysNegated() {
        expect("My garden has never looked this good", .positive, rule: "negated-frame-good-2")
        let plain = analyzer.score("The food was never good here")
        #expect(plain.label == .negative && !plain.rules.contains("negated-frame-good-2"), "\(plain.rules)")
    }

    @Test func tearsBesideATrophyOrFireAreJoy() {
        expect("We won the league 😭😭🏆", .positive, rule: "happy-tears-2")
        let grief = analyzer.score("Missed the bus 😭")
        #expect(grief.label == .negative && !grief.rules.contains("happy-tears-2"), "\(grief.rules)")
    }

    @Test func crossedFingersAreHope() {
        expect("Results out tomorrow 🤞", .positive, rule: "hope-emoji")
        #expect(analyzer.score("Results out tomorrow 🤞").tags.contains("hope"))
    }

    @Test func contractionsOfHaveMatchTheirRulePhrases() {
        #expect(ContractionVariant.variant(of: ["couldve", "been", "an", "email"]) == ["could", "been", "an", "email"])
    }

    @Test(arguments: [
        ("Das Konzert war der Hammer!", Sentiment.Label.positive),
        ("Der Kellner war total unfreundlich. Nie wieder.", .negative),
        ("Le dessert était un délice", .positive),
        ("Deux heures de retard, je n'en peux plus", .negative),
        ("¡Qué rico todo!", .positive),
        ("Incomible y carísimo", .negative),
    ])
    func everydayVerdictsInGermanFrenchAndSpanish(_ text: String, _ label: Sentiment.Label) {
        let s = analyzer.score(text)
        #expect(s.label == label, "\(text): \(s.label) \(s.compound) \(s.rules)")
    }

    @Test func germanAndFrenchWordsThatAreEnglishWordsStayOutOfEnglishText() {
        // "Hammer" is German slang only after an article; "plus" counts nothing in French.
        #expect(analyzer.score("He bought a hammer and nails").label == .neutral)
        #expect(analyzer.score("A plus for the new menu").label == .positive)
    }
}
