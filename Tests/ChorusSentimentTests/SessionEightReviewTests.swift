import ChorusModel
@testable import ChorusSentiment
import Testing

/// With the shipped files: the review of the session 8 asides and glad tears. Texts are
/// written for these tests, not taken from the evaluation sets.
@Suite struct SessionEightReviewTests {
    let analyzer = TestFixtures.shipped

    /// A plain noun after a praise word is no name: "great camera" is praise, not an aside.
    @Test func praiseBeforeANounIsNoAside() {
        for text in ["Terrible battery, great camera", "The plot is weak, superb acting",
                     "Hotel was dirty and noisy. Amazing breakfast", "Bad weather, lovely people",
                     "Service was slow and rude, excellent steak"] {
            let s = analyzer.score(text)
            #expect(s.label == .mixed && !s.rules.contains("sarcasm-aside") && !s.tags.contains("sarcasm"),
                    "\(text): \(s.label) \(s.rules)")
        }
        for text in ["Lost my bag and nobody answers. thanks @UPS",
                     "Lost my bag and nobody answers. Thanks Ryanair"] {
            let s = analyzer.score(text)
            #expect(s.label == .negative && s.rules.contains("sarcasm-thanks-aside"), "\(text): \(s.label) \(s.rules)")
        }
    }

    /// `!!` alone makes no tears glad: something glad must have scored, or the `!` come before
    /// the tears (news cried out, then tears); `?!` counts no `!`.
    @Test func exclamationsAloneMakeNoGladTears() {
        for text in ["crying!! I didn't get the job", "😭 no tickets left!!",
                     "I'm in tears!! my phone fell in the toilet", "Why?! Why?! crying"] {
            let s = analyzer.score(text)
            #expect(s.label == .negative && !s.rules.contains("glad-tears"), "\(text): \(s.label) \(s.rules)")
        }
        for text in ["Got in!!! crying", "got accepted to my dream school!!! crying", "The visa came through!!! crying"] {
            let s = analyzer.score(text)
            #expect(s.label == .positive && s.rules.contains("glad-tears"), "\(text): \(s.label) \(s.rules)")
        }
    }

    /// A sarcastic text has no glad tears, and the strongest values are read after the tears
    /// are weighed.
    @Test func gladTearsAfterSarcasmAndStrongest() {
        let s = analyzer.score("Crying!! why does this always happen to me")
        #expect(!s.rules.contains("glad-tears"), "\(s.rules)")
        let crying = analyzer.score("Happy!! crying and stiff and stiff and stiff")
        let smiling = analyzer.score("Happy!! smiling and stiff and stiff and stiff")
        #expect(crying.label == smiling.label, "\(crying.label) \(crying.rules) / \(smiling.label)")
    }

    /// A one-word aside that flips names its flip, not the gratitude it contradicts.
    @Test func aFlippedThanksIsNoGratitude() {
        let s = analyzer.score("Lost my bag and nobody answers. Thanks")
        #expect(s.label == .negative && s.rules.contains("sarcasm-thanks-aside"), "\(s.label) \(s.rules)")
        #expect(!s.rules.contains("gratitude") && !s.tags.contains("gratitude"), "\(s.rules) \(s.tags)")
    }

    /// A post of five or more short sentences is a string of reactions: one sour sentence among
    /// glad ones makes it no `opposed-clauses` mixed; a shorter text keeps the clause test.
    @Test func aSourSentenceAmongManyGladOnesIsNoOpposition() {
        let many = analyzer.score("Best gig of the year!!! Amazing band. Great crowd. Lost my voice. Worth it!")
        #expect(many.label == .positive && !many.rules.contains("opposed-clauses"), "\(many.label) \(many.rules)")
        #expect(analyzer.score("Terrible battery, great camera").label == .mixed)
    }
}
