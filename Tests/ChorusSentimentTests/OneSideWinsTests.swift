import ChorusModel
import ChorusSentiment
import Testing

/// Session 11 (mixed12), with the shipped files: a two-sided text is not `mixed` when one side
/// plainly wins, its polar clauses outnumbering the other's two to one over more than one
/// sentence and ending the text (rule `one-side-wins`); the winner decides the label.
@Suite struct OneSideWinsTests {
    let analyzer = TestFixtures.shipped

    @Test(arguments: [
        "Friendly waiter, but the soup was cold and the bread was stale. Awful",
        "Nice hotel pool, but the room was filthy and the bed was broken. Never again",
    ])
    func aBadSideThatOutnumbersAndEndsWins(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .negative, "\(text): \(s.compound) \(s.rules)")
        #expect(s.rules.contains("one-side-wins"), "\(text): \(s.rules)")
    }

    @Test func aGladSideThatOutnumbersAndEndsWins() {
        let s = analyzer.score("Terrible drive, wonderful wedding. Amazing band too")
        #expect(s.label == .positive, "\(s.compound) \(s.rules)")
        #expect(s.rules.contains("one-side-wins"), "\(s.rules)")
    }

    @Test(arguments: [
        "Great camera, terrible battery",                                 // one clause each
        "Terrible battery. Great camera.",
        "Good news: the parcel arrived. Bad news: it's the wrong size.", // the bad side is one sentence
        "Lovely plant, awful pot, it cracked after a week",              // two to one, but in one sentence
        "Horrible weather all week. Lovely hotel, brilliant staff",      // the glad side is one sentence
    ])
    func sidesOfOneStandingStayMixed(_ text: String) {
        let s = analyzer.score(text)
        #expect(s.label == .mixed, "\(text): \(s.compound) \(s.rules)")
        #expect(!s.rules.contains("one-side-wins"), "\(text): \(s.rules)")
    }
}
