import ChorusModel
import ChorusSentiment
import Testing

/// The seed story's reactions, with the shipped lexicons and rules, land where a careful
/// human would put them.
@Suite struct SeedReactionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var label: Sentiment.Label
        var tag: String?
        var testDescription: String { text }
    }

    static let english: [Case] = [
        Case(text: "Wow! Breaking good news!", label: .positive, tag: "excitement"),
        Case(text: "Almost there", label: .positive, tag: "anticipation"),
        Case(text: "This egregious behaviour cannot be ignored.", label: .negative, tag: "anger"),
        Case(text: "Fingers crossed", label: .positive, tag: "hope"),
        Case(text: "Not again", label: .negative, tag: "disappointment"),
        Case(text: "Here we go again...", label: .negative, tag: "disappointment"),
        Case(text: "Finally!", label: .positive, tag: "relief"),
        Case(text: "About time.", label: .positive, tag: "relief"),
        Case(text: "Could be worse", label: .positive, tag: "relief"),
        Case(text: "ZTE will be back in business, fast!", label: .positive, tag: "relief"),
        Case(text: "Thank you President for helping ZTE", label: .positive, tag: "gratitude"),
        Case(text: "Yeah right, like that will ever happen", label: .negative, tag: "sarcasm"),
        Case(text: "I'm worried about the jobs", label: .negative, tag: "worry"),
        Case(text: "The export ban is a disaster for ZTE", label: .negative, tag: nil),
        Case(text: "ZTE shares resume trading on Wednesday", label: .neutral, tag: nil),
    ]

    static let chinese: [Case] = [
        Case(text: "好消息！", label: .positive, tag: "excitement"),
        Case(text: "太好了", label: .positive, tag: "excitement"),
        Case(text: "终于等到了", label: .positive, tag: "relief"),
        Case(text: "中兴加油", label: .positive, tag: "hope"),
        Case(text: "快了，快了", label: .positive, tag: "anticipation"),
        Case(text: "太失望了", label: .negative, tag: "disappointment"),
        Case(text: "不好", label: .negative, tag: nil),
        Case(text: "感谢大家的支持", label: .positive, tag: "gratitude"),
        Case(text: "又来了", label: .negative, tag: "disappointment"),
    ]

    @Test(arguments: english + chinese)
    func reactionLandsWhereAHumanWouldPutIt(_ c: Case) {
        let s = TestFixtures.shipped.score(c.text)
        #expect(s.label == c.label, "\(c.text): \(s.label) \(s.compound) \(s.rules)")
        if let tag = c.tag { #expect(s.tags.contains(tag), "\(c.text): tags \(s.tags)") }
    }

    @Test func chineseTextIsScoredAsChinese() {
        #expect(TestFixtures.shipped.score("好消息").rules.first == "lang-zh")
    }

    @Test(arguments: [
        ("Ik vind het niet goed, dat is van de baan", nil as String?, nil as String?),
        ("Non è una bella notizia, il governo che ha detto di no", nil, nil),
        ("Отличная новость для всех", nil, nil),
        ("これは本当に素晴らしいニュースです", nil, "ja"),
        ("정말 좋은 소식입니다", nil, "ko"),
        ("good news for everyone", "nl", "nl"),
        ("good news", "it-IT", "it"),
    ])
    func otherLanguagesAreNotScoredNeverAnEnglishScore(_ text: String, _ lang: String?, _ guessed: String?) {
        let s = TestFixtures.shipped.score(text, lang: lang)
        #expect(!s.scored)
        #expect(s.compound == 0)
        #expect(s.tags.isEmpty)
        #expect(s.rules == ["lang-unsupported"])
        #expect(s.lang == guessed)
    }

    @Test(arguments: [
        ("Das ist wirklich nicht gut und die Firma ist schlecht", nil as String?, Sentiment.Label.negative, "de"),
        ("C'est une très bonne nouvelle pour les employés", nil, .positive, "fr"),
        ("Es un desastre, no funciona nada y estoy harto", nil, .negative, "es"),
        ("Endlich! Vielen Dank an alle", "de-DE", .positive, "de"),
        ("Quelle déception", "fr", .negative, "fr"),
    ])
    func frenchSpanishAndGermanAreScoredInTheirLanguage(_ text: String, _ lang: String?, _ label: Sentiment.Label, _ code: String) {
        let s = TestFixtures.shipped.score(text, lang: lang)
        #expect(s.scored)
        #expect(s.label == label, "\(text): \(s.compound) \(s.rules)")
        #expect(s.lang == code)
        #expect(s.rules.first == "lang-\(code)")
    }

    @Test(arguments: ["en", "en-US", "zh-CN", "und"])
    func declaredEnglishOrChineseIsScored(_ lang: String) {
        #expect(TestFixtures.shipped.score("good news, great job", lang: lang).label == .positive)
    }

    @Test func chineseCanBeSwitchedOff() throws {
        let a = try SentimentAnalyzer(configuration: SentimentConfiguration(chineseEnabled: false))
        #expect(a.score("好消息").rules == ["lang-unsupported"])
    }
}
