import Testing
@testable import ChorusSentiment

/// The per-text shortcuts of session 10 (tspeed10) against what they stand in for: the rule and
/// tag ids kept in `ScratchList`s and read in place (`withLastIDs`), the list operations they
/// use, and the one-byte `riseSigns` table `matchDirections` reads instead of the entries.
@Suite struct PerTextPathTests {
    static let analyzer = TestFixtures.shipped

    @Test("ScratchList removeAll(where:) keeps the other elements in order; contains finds only members")
    func scratchListRemoveAndContains() {
        var list = ScratchList<Int32>(capacity: 2)
        for x: Int32 in [5, 1, 5, 2, 9, 5, 3] { list.append(x) }
        #expect(list.contains(9) && list.contains(3) && !list.contains(4))
        list.removeAll { $0 == 5 }
        #expect(list.array == [1, 2, 9, 3])
        list.removeAll { $0 > 100 }
        #expect(list.array == [1, 2, 9, 3])
        list.removeAll { _ in true }
        #expect(list.isEmpty && list.array.isEmpty && !list.contains(1))
        list.append(7)
        #expect(list.array == [7])
    }

    @Test("withLastIDs hands over the same ids as tagIDs and ruleIDs, and the names score() gives")
    func lastIDsInPlaceMatchTheArrays() {
        var session = SentimentSession(Self.analyzer)
        let texts = [
            "Wow! Breaking good news!", "Thanks so much everyone", "Fabulous. The wifi is down again.",
            "Got in!!! crying", "Youth unemployment in the north climbs", "Rejected again. Brilliant, love that for me",
            "好消息！太好了", "Das ist so ein Mist", "", "Meh", "Not bad at all, but the ending was awful",
        ]
        var withTags = 0, withTwoRules = 0
        for text in texts + texts.reversed() {
            let expected = Self.analyzer.score(text)
            var bytes = Array(text.utf8)
            let f = bytes.withUnsafeMutableBufferPointer { session.figures(utf8: UnsafeBufferPointer($0), lang: nil) }
            guard !f.unsupported else { continue }
            let arrays = (session.tagIDs, session.ruleIDs)
            let inPlace = session.withLastIDs { tags, rules in (Array(tags), Array(rules)) }
            #expect(inPlace.0 == arrays.0 && inPlace.1 == arrays.1, "\(text)")
            #expect(inPlace.1.map { Self.analyzer.ruleNames[Int($0)] } == expected.rules, "\(text)")
            #expect(inPlace.0.map { SentimentAnalyzer.tagNames[Int($0)] } == expected.tags, "\(text)")
            if !inPlace.0.isEmpty { withTags += 1 }
            if inPlace.1.count >= 2 { withTwoRules += 1 }
        }
        // The texts reach the paths that append, take back (sarcasm-aside) and drop tags.
        #expect(withTags >= 4 && withTwoRules >= 4)
    }

    @Test("riseSigns holds every entry's riseSign, and direction subjects exist")
    func riseSignsMirrorTheEntries() {
        let v = Self.analyzer.model.vocabulary
        #expect(v.riseSigns.count == v.entries.count)
        #expect(zip(v.riseSigns, v.entries).allSatisfy { $0 == $1.riseSign })
        #expect(v.riseSigns.contains(1) && v.riseSigns.contains(-1))
        #expect(v.riseSigns[Int(v.lookup("prices"))] == -1 && v.riseSigns[Int(v.lookup("wages"))] == 1)
    }

    @Test("matchPhrases notes a direction subject among the phrase starts exactly when one is there")
    func subjectNotedForTheDirectionRule() throws {
        var session = SentimentSession(Self.analyzer)
        let signs = Self.analyzer.model.vocabulary.riseSigns
        // The evaluation texts short enough to be scored whole (one range), and subjects at the
        // first and last token, inside a phrase, after a contrast word.
        let texts = try VocabularyCacheTests.texts().filter { $0.utf8.count <= SentimentSession.postMaxBytes } + [
            "Prices", "Prices fall", "rising rents", "Stock prices tumble", "Good news, but prices soar",
            "The team is great", "Shares in the county down 18%", "lol",
        ]
        var with = 0, without = 0, wrong = 0
        for text in texts {
            guard !session.figures(title: nil, text: text, lang: "en").unsupported, !session.scanner.tokens.isEmpty else { continue }
            var any = false
            for i in 0..<session.scanner.phraseStarts.count {
                any = any || signs[Int(session.scanner.tokens[Int(session.scanner.phraseStarts[i])].id)] != 0
            }
            if session.scorer.namesSubject != any { wrong += 1 }
            if any { with += 1 } else { without += 1 }
        }
        #expect(wrong == 0)
        #expect(with >= 20 && without >= 1_000)
    }

    @Test("matchPhrases notes a fact pattern's first word among the phrase starts exactly when one is there")
    func factFirstNotedForTheFactPatterns() throws {
        var session = SentimentSession(Self.analyzer)
        let firsts = Self.analyzer.model.vocabulary.factFirstOf
        let texts = try VocabularyCacheTests.texts().filter { $0.utf8.count <= SentimentSession.postMaxBytes } + [
            "Laptop won't even turn on", "No hot water", "Only one till open", "won't", "lol",
        ]
        var with = 0, without = 0, wrong = 0
        for text in texts {
            guard !session.figures(title: nil, text: text, lang: "en").unsupported, !session.scanner.tokens.isEmpty else { continue }
            var any = false
            for i in 0..<session.scanner.phraseStarts.count {
                any = any || firsts[Int(session.scanner.tokens[Int(session.scanner.phraseStarts[i])].id)] != 0
            }
            if session.scorer.namesFactFirst != any { wrong += 1 }
            if any { with += 1 } else { without += 1 }
        }
        #expect(wrong == 0)
        #expect(with >= 20 && without >= 100)
    }

    @Test("The direction rule reads its subjects from riseSigns: subjects at the first and last phrase start")
    func directionAtTheEdges() {
        var session = SentimentSession(Self.analyzer)
        // A subject as the first token, as the last (direction word before it), and none.
        #expect(session.score("Prices fall").label == .positive)
        #expect(session.score("Exports fall").label == .negative)
        #expect(session.score("rising rents").label == .negative)
        #expect(session.score("Cheaper fares").label == .positive)
        #expect(session.score("rising rents").rules.contains("direction"))
        #expect(!session.score("The meeting is at noon").rules.contains("direction"))
    }
}

/// The scoring loop's window of three tokens before a word (boosters at ×1, ×0.95, ×0.9 by
/// distance, negators) reaches the text's first token and stops at a clause break. Written for
/// an unchecked-slot version of the loop that tspeed10 measured and dropped (−6 instructions a
/// tweet); it holds the loop's boundaries whatever reads them.
@Suite struct ScoringWindowTests {
    static let analyzer = TestFixtures.shipped

    static func entry(_ word: String) -> Vocabulary.Entry {
        let v = analyzer.model.vocabulary
        return v.entries[Int(v.lookup(word))]
    }

    @Test("Booster and negator at distances 1 to 3, back to the first token, not across a comma")
    func windowAtTheTextsStart() {
        var session = SentimentSession(Self.analyzer)
        let good = Self.entry("pleasant").valence, very = Self.entry("very").booster
        #expect(good > 0 && very > 0)
        var sum = good
        #expect(session.score("pleasant").compound == SegmentScore.normalize(sum))
        sum = good + very
        #expect(session.score("very pleasant").compound == SegmentScore.normalize(sum))
        sum = (good + very) * ValenceScorer.negationScalar
        #expect(session.score("not very pleasant").compound == SegmentScore.normalize(sum))
        // The negator three tokens back, at the text's first token.
        sum = (good + very * 0.95) * ValenceScorer.negationScalar
        #expect(session.score("not very the pleasant").compound == SegmentScore.normalize(sum))
        // Four tokens back: out of the window.
        sum = good + very * 0.95
        #expect(session.score("not the very the pleasant").compound == SegmentScore.normalize(sum))
        // A clause break ends the window.
        #expect(session.score("not, pleasant").compound == SegmentScore.normalize(good))
    }
}
