import ChorusModel
@testable import ChorusSentiment
import Testing

/// Capitals beyond ASCII ("Ça", "Über", "État") are lower-cased in text as A–Z are, so a word
/// or phrase written in lower case in a lexicon or rule file matches it at the start of a
/// sentence or in capitals; and a file entry written capitalized matches lower-case text.
@Suite struct LatinCaseTests {
    let analyzer = TestFixtures.shipped

    @Test func latinCapitalsFoldToTheirSmallLetters() {
        #expect(LatinCase.lower(0xC9) == 0xE9)    // É → é
        #expect(LatinCase.lower(0xDC) == 0xFC)    // Ü → ü
        #expect(LatinCase.lower(0xD7) == nil)     // × is no letter
        #expect(LatinCase.lower(0xDF) == nil)     // ß has no capital here
        #expect(LatinCase.lower(0xE9) == nil)     // é is small already
        #expect(LatinCase.lower(0x152) == 0x153)  // Œ → œ
        #expect(LatinCase.lower(0x141) == 0x142)  // Ł → ł
        #expect(LatinCase.lower(0x142) == nil)
        #expect(LatinCase.lower(0x178) == 0xFF)   // Ÿ → ÿ
        #expect(LatinCase.lower(0x41) == nil)     // ASCII is the scanner's own fast path
    }

    @Test func fileWordsAreFoldedTheSameWay() {
        #expect(WordNormalizer.word("Überfüllt") == "überfüllt")
        #expect(WordNormalizer.word("ÇA") == "ça")
        #expect(WordNormalizer.tokens("Ça va pas") == ["ça", "va", "pas"])
    }

    @Test(arguments: [("Überfüllt und überteuert.", "überfüllt und überteuert."),
                      ("Ätzend, echt.", "ätzend, echt."),
                      ("Ça va pas du tout.", "ça va pas du tout.")])
    func aCapitalizedWordScoresAsItsLowerCaseForm(_ pair: (String, String)) {
        let capital = analyzer.score(pair.0), small = analyzer.score(pair.1)
        #expect(capital.label == .negative, "\(pair.0): \(capital.label) \(capital.compound) \(capital.rules)")
        #expect(capital.compound == small.compound, "\(pair.0) \(capital.compound) vs \(small.compound)")
        #expect(capital.rules == small.rules)
    }

    @Test func aWordInCapitalsIsShouted() {
        // "GÉNIAL" holds a capital outside ASCII: it is all capitals, and emphasized as such.
        let shouted = analyzer.score("C'est GÉNIAL !"), plain = analyzer.score("C'est génial !")
        #expect(shouted.label == .positive, "\(shouted.compound) \(shouted.rules)")
        #expect(shouted.compound > plain.compound, "\(shouted.compound) vs \(plain.compound)")
        #expect(shouted.rules.contains("caps-emphasis"), "\(shouted.rules)")
    }
}
