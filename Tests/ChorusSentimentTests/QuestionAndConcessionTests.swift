import ChorusModel
import ChorusSentiment
import Testing

/// The shape rules of session 6, with the shipped files: a question that asks for
/// information is neutral (`info-question`), a contrast that concedes one side is not mixed
/// (`concession`), and French, Spanish and German set phrases whose words mean something
/// else in English.
@Suite struct QuestionAndConcessionTests {
    let analyzer = TestFixtures.shipped

    @Test(arguments: [
        "Is the new library open late on Fridays?",
        "Does anyone know if the good bus runs on Sundays?",
        "¿Alguien sabe si el mercado abre el domingo?",
        "Weiß jemand, ob das Bad heute offen ist?", // "Bad" is a bath in German, not English "bad"
    ])
    func informationQuestionsAreNeutral(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .neutral, "\(text): \(s.compound) \(s.rules)")
    }

    @Test func aMildWordInAnInformationQuestionIsDamped() {
        let s = analyzer.score("Is it a good idea to book the ferry early?")
        #expect(s.label == .neutral, "\(s.compound) \(s.rules)")
        #expect(s.rules.contains("info-question"))
        // The same words as a statement keep their polarity.
        #expect(analyzer.score("It is a good idea to book the ferry early.").label == .positive)
    }

    @Test(arguments: [
        "Is this the worst update ever?",   // a strong word judges
        "Why is the update so bad?",        // "why" opens a complaint, not a request
        "Is it a good idea?!",              // emphatic
    ])
    func judgingOrEmphaticQuestionsAreNotDamped(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label != .neutral, "\(text): \(s.compound) \(s.rules)")
        #expect(!s.rules.contains("info-question"), "\(text): \(s.rules)")
    }

    @Test func theInformationQuestionRuleCanBeSwitchedOff() throws {
        var config = SentimentConfiguration()
        config.disabledRules = ["info-question"]
        let s = try SentimentAnalyzer(configuration: config).score("Is it a good idea to book the ferry early?")
        #expect(s.label == .positive)
    }

    @Test(arguments: [
        ("The room was a bit noisy, but we still loved our stay", Sentiment.Label.positive),
        ("Terrible weather, but we had a great time anyway", .positive),
        ("Admittedly the food was bad, but the view was stunning", .positive),
        ("Das Wetter war ätzend, aber der Tag war trotzdem toll", .positive),
    ])
    func aConcededSideIsNotMixed(_ text: String, _ label: Sentiment.Label) {
        let s = analyzer.score(text)
        #expect(s.label == label, "\(text): \(s.compound) \(s.rules)")
        #expect(s.rules.contains("concession"), "\(text): \(s.rules)")
    }

    @Test func withoutAConcessionWordBothSidesStayMixed() {
        let s = analyzer.score("The room was noisy, but we loved our stay")
        #expect(s.label == .mixed, "\(s.compound) \(s.rules)")
        #expect(!s.rules.contains("concession"))
        let balanced = analyzer.score("Terrible weather, great time")
        #expect(balanced.label == .mixed)
        #expect(balanced.rules.contains("mixed-balance"), "\(balanced.rules)")
    }

    @Test(arguments: [
        // Forms the lexicons do not list, derived from the ones they do.
        FamilyCase("Was für ein blöder Tag", .negative), FamilyCase("Wir hatten eine wunderschöne Zeit", .positive),
        FamilyCase("La comida estaba buenísima y el postre también", .positive), FamilyCase("Las camas son malas y los baños horribles", .negative),
        FamilyCase("Les chambres sont magnifiques, les repas délicieux", .positive),
    ])
    func inflectedFormsCountInTheirLanguage(_ c: FamilyCase) {
        let s = analyzer.score(c.text)
        #expect(s.label == c.label, "\(c.text): \(s.label) \(s.compound) \(s.rules)")
    }

    @Test func aDerivedFormNeverCountsInEnglish() {
        // "bone" would be a form of French "bon"; "malas" of Spanish "malo". In English text
        // a derived form counts nothing (a listed word stands in for unknown English words).
        #expect(analyzer.score("The dog found a bone in the garden.").label == .neutral)
        #expect(analyzer.score("Die Zimmer sind blöder als gedacht").label == .negative)
    }

    @Test(arguments: [
        FamilyCase("C'est top", .positive, rule: "idiom"), FamilyCase("Ça craint", .negative, rule: "idiom"),
        FamilyCase("Franchement, c'est super", .positive, rule: "idiom"), FamilyCase("Quelle perte de temps", .negative),
        FamilyCase("Menuda pasada", .positive, rule: "idiom"), FamilyCase("Así no se puede", .negative, rule: "idiom"),
        FamilyCase("So ein Mist", .negative, rule: "idiom"), FamilyCase("Echt super", .positive, rule: "idiom"),
        FamilyCase("Zum Kotzen", .negative, rule: "idiom"),
        FamilyCase("Die Aussicht ist schöner als gedacht", .positive), FamilyCase("Die Küche ist ekelhaft", .negative),
        FamilyCase("Una vista preciosa", .positive), FamilyCase("Una película aburrida", .negative),
        FamilyCase("Une soirée ennuyeuse", .negative), FamilyCase("Une conférence passionnante", .positive),
    ])
    func foreignSetPhrasesAndInflections(_ c: FamilyCase) {
        let s = analyzer.score(c.text)
        #expect(s.label == c.label, "\(c.text): \(s.label) \(s.compound) \(s.rules)")
        if let rule = c.rule { #expect(s.rules.contains(rule), "\(c.text): rules \(s.rules)") }
    }
}
