import ChorusModel
import ChorusSentiment
import Foundation
import Testing

/// `SentimentSession` reuses its scratch lists from text to text; copies must stay independent.
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

    @Test func aCopiedSessionScoresIndependentlyOfTheOriginal() {
        let analyzer = TestFixtures.shipped
        var original = SentimentSession(analyzer)
        _ = original.score("The app is great but the battery is terrible")
        var copy = original
        for (a, b) in zip(Self.texts, Self.texts.reversed()) {
            let fromCopy = copy.score(a)
            let fromOriginal = original.score(b)
            #expect(fromCopy == analyzer.score(a), "\(a)")
            #expect(fromOriginal == analyzer.score(b), "\(b)")
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
