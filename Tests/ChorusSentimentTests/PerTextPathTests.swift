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
