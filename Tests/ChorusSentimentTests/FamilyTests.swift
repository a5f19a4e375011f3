import ChorusModel
import ChorusSentiment
import Testing

/// One case of a family: a text and the label (and tag) a careful reader gives it.
struct FamilyCase: Sendable, CustomTestStringConvertible {
    var text: String
    var label: Sentiment.Label
    var tag: String?
    var rule: String?
    var testDescription: String { text }

    init(_ text: String, _ label: Sentiment.Label, tag: String? = nil, rule: String? = nil) {
        self.text = text
        self.label = label
        self.tag = tag
        self.rule = rule
    }
}

/// The families of issue 16 with the shipped files: each case is a text the rules were written
/// for, checked for its label, and for the tag and the rule name `--explain` shows where given.
@Suite struct FamilyTests {
    let analyzer = TestFixtures.shipped

    func check(_ c: FamilyCase) {
        let s = analyzer.score(c.text)
        #expect(s.scored)
        #expect(s.label == c.label, "\(c.text): \(s.label) \(s.compound) \(s.rules)")
        if let tag = c.tag { #expect(s.tags.contains(tag), "\(c.text): tags \(s.tags)") }
        if let rule = c.rule { #expect(s.rules.contains(rule), "\(c.text): rules \(s.rules)") }
    }

    static let newsRegister: [FamilyCase] = [
        FamilyCase("Commerce Department lifts ZTE ban", .positive, rule: "reversal"),
        FamilyCase("Union ends the strike", .positive, rule: "reversal"),
        FamilyCase("Service restored after overnight outage", .positive),
        FamilyCase("ZTE shares soar as trading resumes", .positive, rule: "good-thing-rises"),
        FamilyCase("Shares fell sharply after the ban", .negative, rule: "good-thing-falls"),
        FamilyCase("Inflation eases for a third month", .positive, rule: "bad-thing-falls"),
        FamilyCase("Energy prices soar again", .negative, rule: "bad-thing-rises"),
        FamilyCase("Markets tumble on recession fears", .negative),
        FamilyCase("Airline suspends flights to the island", .negative),
        FamilyCase("Service restored after overnight outage", .positive),
        FamilyCase("Shenzhen-based company files its annual report", .neutral),
        FamilyCase("Phone maker like others in the sector reports in July", .neutral),
        FamilyCase("ZTE used as a bargaining chip in trade talks", .negative),
        FamilyCase("US slaps sanctions on ZTE", .negative),
        FamilyCase("New drug cuts heart attack risk by a third", .positive),
        FamilyCase("Carmaker to cut 2,000 jobs", .negative),
        // Inflections the stem fallback read in another word's sense: fines -> fine (+0.8),
        // fades -> fad, dimes -> dim (the "-es" cut is tried before "-s").
        FamilyCase("Council fines drivers", .negative),
        FamilyCase("The colour fades in the sun", .negative),
        FamilyCase("Coffee costs three dimes", .neutral),
        // A subject of the news rules is known, so it never fell back to its stem's valence.
        FamilyCase("Three deaths reported after the storm", .negative),
        FamilyCase("Road deaths fall to a record low", .positive, rule: "bad-thing-falls"),
    ]

    @Test(arguments: newsRegister) func newsRegisterAndWordSense(_ c: FamilyCase) { check(c) }

    @Test func aReportWithOneClauseIsNotMixed() {
        // Strong words both ways, but one clause reporting one event.
        #expect(analyzer.score("Service restored after overnight outage").label != .mixed)
        #expect(analyzer.score("Great camera, terrible battery").label == .mixed)
    }

    static let negation: [FamilyCase] = [
        FamilyCase("Could not ask for more", .positive),
        FamilyCase("Can't wait for Monday", .positive, tag: "excitement"),
        FamilyCase("Never been this proud of the team", .positive, rule: "booster"),
        FamilyCase("No longer stuck waiting", .positive, rule: "negation"),
        FamilyCase("Nothing but praise from customers", .positive),
        FamilyCase("Not the outcome anyone hoped for", .negative, tag: "disappointment", rule: "not-what-hoped"),
        FamilyCase("Not bad at all", .positive),
        FamilyCase("Wow! Breaking good news! is not what I expected to read today", .negative, rule: "quoted-frame"),
        FamilyCase("Not good enough", .negative),
        FamilyCase("I can't complain", .positive),
    ]

    @Test(arguments: negation) func negationAndItsScope(_ c: FamilyCase) { check(c) }

    static let sarcasm: [FamilyCase] = [
        FamilyCase("Oh wonderful, another outage", .negative, tag: "sarcasm"),
        FamilyCase("Just marvellous", .negative, tag: "sarcasm"),
        FamilyCase("Thanks so much for nothing", .negative, tag: "sarcasm"),
        FamilyCase("Great job breaking everything", .negative, tag: "sarcasm"),
        FamilyCase("Best decision ever (not)", .negative, tag: "sarcasm"),
        FamilyCase("What a farce", .negative),
        FamilyCase("Love waking up to 400 alert emails", .negative, tag: "sarcasm"),
        FamilyCase("Perfect timing as always 🙄", .negative, tag: "sarcasm"),
        FamilyCase("Love it when my code works on the first try. Said no one ever.", .negative, tag: "sarcasm"),
    ]

    @Test(arguments: sarcasm) func sarcasmAndIrony(_ c: FamilyCase) { check(c) }

    static let idioms: [FamilyCase] = [
        FamilyCase("We've turned the corner", .positive), FamilyCase("On cloud nine", .positive),
        FamilyCase("Back on track", .positive), FamilyCase("Finally home", .positive, tag: "relief"),
        FamilyCase("The company is on thin ice", .negative), FamilyCase("Everything is up in the air", .negative),
        FamilyCase("The writing is on the wall", .negative), FamilyCase("Savings down the drain", .negative),
        FamilyCase("Back to the drawing board", .negative), FamilyCase("Sounds too good to be true", .negative),
        FamilyCase("They threw us under the bus", .negative), FamilyCase("Worth every penny", .positive),
        FamilyCase("A blessing in disguise", .positive), FamilyCase("Hanging by a thread", .negative),
    ]

    @Test(arguments: idioms) func idiomsBothWays(_ c: FamilyCase) { check(c) }

    static let emphasis: [FamilyCase] = [
        FamilyCase("NOOOOO", .negative), FamilyCase("sooo tired", .negative), FamilyCase("Sooooo good!!!", .positive),
        FamilyCase("<3", .positive), FamilyCase(":(", .negative), FamilyCase("💔", .negative), FamilyCase("👏👏👏", .positive),
        FamilyCase("Just landed in Tokyo!!", .positive, tag: "excitement"),
    ]

    @Test(arguments: emphasis) func emphasisEmojiAndEmoticons(_ c: FamilyCase) { check(c) }

    @Test func capsAddToTheWordsValence() {
        let calm = analyzer.score("this is unacceptable, fix it")
        let loud = analyzer.score("this is UNACCEPTABLE, fix it")
        #expect(loud.compound < calm.compound)
        #expect(loud.rules.contains("caps-emphasis"))
    }

    static let reactions: [FamilyCase] = [
        FamilyCase("Trop bien !!!", .positive), FamilyCase("Enfin !", .positive, tag: "relief"),
        FamilyCase("Croisons les doigts", .positive, tag: "hope"), FamilyCase("Quelle déception", .negative, tag: "disappointment"),
        FamilyCase("C'est nul", .negative), FamilyCase("J'adore", .positive),
        FamilyCase("¡Por fin!", .positive, tag: "relief"), FamilyCase("Otra vez no", .negative, tag: "disappointment"),
        FamilyCase("Qué desastre", .negative), FamilyCase("Muchas gracias a todos", .positive, tag: "gratitude"),
        FamilyCase("Nicht schon wieder", .negative, tag: "disappointment"), FamilyCase("Daumen drücken", .positive, tag: "hope"),
        FamilyCase("Das ist gar nicht gut", .negative), FamilyCase("Vielen Dank an alle", .positive, tag: "gratitude"),
    ]

    @Test(arguments: reactions) func frenchSpanishAndGermanReactions(_ c: FamilyCase) { check(c) }

    @Test func englishFalseFriendsCountNothingInGerman() {
        // "Kind" (child) and "Gift" (poison) have English valences; in German text they must not.
        let s = analyzer.score("Das Kind hat das Gift nicht gefunden und ist im Garten", lang: nil)
        #expect(s.lang == "de")
        #expect(s.label == .neutral, "\(s.compound) \(s.rules)")
    }

    @Test func theEnglishPartsOfMixedScriptTextAreScored() {
        let s = analyzer.score("新しい電話 is really terrible and the battery is dead")
        #expect(s.scored)
        #expect(s.lang == "en")
        #expect(s.label == .negative)
    }

    @Test func frenchElisionKeepsTheWordAfterTheApostrophe() {
        #expect(analyzer.score("J'adore").label == .positive)
        #expect(analyzer.score("I'm fine").label == analyzer.score("I am fine").label)
    }
}
