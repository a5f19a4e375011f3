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

    @Test func noKeywordsMatchNothing() {
        #expect(KeywordMatcher([]).matches(in: ["ZTE"]).isEmpty)
    }
}
