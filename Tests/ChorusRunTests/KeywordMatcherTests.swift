import Testing
@testable import ChorusRun

@Suite("Keyword matching")
struct KeywordMatcherTests {
    let matcher = KeywordMatcher(["ZTE", "Huawei", "Commerce Department", "中兴"])

    @Test(arguments: [
        ("ZTE shares rebound", ["ZTE"]),
        ("zte and HUAWEI face the ban", ["ZTE", "Huawei"]),
        ("The Commerce  Department lifted the order", ["Commerce Department"]),
        ("The commerce\ndepartment said", ["Commerce Department"]),
        ("(ZTE)", ["ZTE"]),
        ("#ZTE's ban", ["ZTE"]),
        ("中兴禁令或将解除", ["中兴"]),
    ])
    func keywordsAreFoundCaseInsensitivelyOnWordBoundaries(_ text: String, _ expected: [String]) {
        #expect(matcher.matches(in: [text]) == expected)
    }

    @Test(arguments: ["AZTEC ruins", "ztecorp", "Huaweis", "Commerce Departments", "the Commerce dept", ""])
    func partialWordsDoNotMatch(_ text: String) {
        #expect(matcher.matches(in: [text]).isEmpty)
    }

    @Test func titleAndTextAreBothSearchedAndKeywordsKeepConfigOrder() {
        #expect(matcher.matches(in: ["Huawei news", nil, "also zte"]) == ["ZTE", "Huawei"])
    }

    @Test(arguments: [
        ("“ZTE” shares rebound — finally", ["ZTE"]),
        ("Zürich: HUAWEI and zte’s suppliers", ["ZTE", "Huawei"]),
        ("l’état du Commerce Department", ["Commerce Department"]),
    ])
    func asciiKeywordsAreFoundInTextWithNonASCIICharacters(_ text: String, _ expected: [String]) {
        #expect(matcher.matches(in: [text]) == expected)
        #expect(matcher.matches(title: text, text: nil) == expected)
    }

    @Test(arguments: [
        ("SOCIÉTÉ GÉNÉRALE cuts its forecast", true),
        ("société générale", true),
        ("Societe Generale", false),
    ])
    func keywordsWithCasedLettersBeyondASCIIAreFoundCaseInsensitively(_ text: String, _ found: Bool) {
        let m = KeywordMatcher(["Société Générale", "ZTE"])
        #expect(m.matches(title: nil, text: text) == (found ? ["Société Générale"] : []))
    }

    @Test func noKeywordsMatchNothing() {
        #expect(KeywordMatcher([]).matches(in: ["ZTE"]).isEmpty)
    }
}
