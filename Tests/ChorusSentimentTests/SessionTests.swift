import ChorusModel
import ChorusSentiment
import Foundation
import Testing

/// `SentimentSession` reuses its scratch lists from text to text; sessions must stay independent.
@Suite struct SessionTests {
    static let texts = [
        "Wow! Breaking good news!", "Almost there", "Not again", "This egregious behaviour cannot be ignored.",
        "好消息！太好了", "The app is great but the battery is terrible. Ugh. Fine. Whatever. Meh!",
        "", "soooo goooood :)", "Der Hund und die Katze sind gut", "I don't love it, but it's not bad either",
    ]

    @Test func oneSessionScoresLikeTheAnalyzerTextAfterText() {
        let analyzer = TestFixtures.shipped
        var session = SentimentSession(analyzer)
        for text in Self.texts + Self.texts.reversed() {
            #expect(session.score(text) == analyzer.score(text), "\(text)")
        }
    }

    /// Sessions cannot be copied (`~Copyable`, checked by the compiler); two sessions made from
    /// one analyzer own separate scratch lists, so texts scored in turn do not disturb each other.
    @Test func twoSessionsScoredInTurnStayIndependent() {
        let analyzer = TestFixtures.shipped
        var first = SentimentSession(analyzer)
        var second = SentimentSession(analyzer)
        _ = first.score("The app is great but the battery is terrible")
        for (a, b) in zip(Self.texts, Self.texts.reversed()) {
            let fromSecond = second.score(a)
            let fromFirst = first.score(b)
            #expect(fromSecond == analyzer.score(a), "\(a)")
            #expect(fromFirst == analyzer.score(b), "\(b)")
        }
    }

    @Test func figuresFromUTF8MatchTheStringPath() {
        let analyzer = TestFixtures.shipped
        var session = SentimentSession(analyzer)
        for text in Self.texts {
            let expected = analyzer.score(text)
            var bytes = Array(text.utf8)
            let f = bytes.withUnsafeMutableBufferPointer { session.figures(utf8: UnsafeBufferPointer($0), lang: nil) }
            #expect(f.label == expected.label && f.compound == expected.compound, "\(text)")
            if !f.unsupported {
                #expect(session.ruleIDs.map { analyzer.ruleNames[Int($0)] } == expected.rules, "\(text)")
                #expect(session.tagIDs.map { SentimentAnalyzer.tagNames[Int($0)] } == expected.tags, "\(text)")
            }
        }
    }
}
