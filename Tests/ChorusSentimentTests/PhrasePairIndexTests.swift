@testable import ChorusSentiment
import Foundation
import Testing

/// The hashed index of phrases by first and second token gives the matcher exactly the
/// phrases the sorted pairs list, including keys that share a home slot, and phrase matching
/// through it keeps longest-first, non-overlapping matches up to the end of the text.
@Suite struct PhrasePairIndexTests {
    /// The range a linear scan of `model.pairs` gives for (list, second): what the binary search
    /// the index replaced returned.
    static func scanned(_ model: SentimentModel, list: Int, second: Int32) -> (start: Int32, count: Int32)? {
        let r = model.pairRanges[list]
        for p in model.pairs[Int(r.start)..<Int(r.start + r.count)] where p.second == second { return (p.start, p.count) }
        return nil
    }

    @Test func shippedIndexAgreesWithThePairs() throws {
        let model = TestFixtures.shipped.model
        #expect(model.pairs.count > 1_000)
        #expect(model.pairIndex.count == model.pairs.count)
        var checked = 0
        for list in 0..<model.pairRanges.count {
            let r = model.pairRanges[list]
            // Every second token of this list, and the tokens around them, an unknown word (−1)
            // and no next token (−2).
            var seconds: Set<Int32> = [-1, -2, 0]
            for p in model.pairs[Int(r.start)..<Int(r.start + r.count)] { seconds.formUnion([p.second, p.second + 1, p.second - 1]) }
            for s in seconds {
                let want = Self.scanned(model, list: list, second: s)
                let got = model.pairIndex.find(list: Int32(list), second: s)
                #expect(got?.start == want?.start && got?.count == want?.count, "list \(list) second \(s)")
                let c = model.candidates(list: Int32(list), next: s)
                let expected = want ?? model.phraseLists[list]
                #expect(c.start == expected.start && c.count == expected.count)
                checked += 1
            }
        }
        #expect(checked > model.pairs.count)
    }

    @Test func collidingKeysAreAllFound() {
        // 3 lists × 40 second tokens: 120 keys in 256 slots, so many share a home slot.
        var pairs: [SentimentModel.Pair] = [], ranges: [(start: Int32, count: Int32)] = []
        for list in 0..<3 {
            let start = pairs.count
            for s in 0..<40 { pairs.append(SentimentModel.Pair(second: Int32(s * 7 + list), start: Int32(1000 * list + s), count: Int32(s + 1))) }
            ranges.append((Int32(start), Int32(pairs.count - start)))
        }
        let index = PhrasePairIndex(pairs: pairs, ranges: ranges)
        #expect(index.count == 120)
        var homes: [Int: Int] = [:]
        for list in 0..<3 {
            for s in 0..<40 {
                let key = (list: Int32(list), second: Int32(s * 7 + list))
                homes[index.home(list: key.list, second: key.second), default: 0] += 1
                let got = index.find(list: key.list, second: key.second)
                #expect(got?.start == Int32(1000 * list + s) && got?.count == Int32(s + 1))
                // The same second token under another list is another key (the lists' second
                // tokens differ modulo 7).
                #expect(index.find(list: Int32((list + 1) % 3), second: key.second) == nil)
            }
            #expect(index.find(list: Int32(list), second: -2) == nil)
            #expect(index.find(list: Int32(list), second: 40 * 7 + 3) == nil)
        }
        #expect(homes.values.contains { $0 > 1 }, "no two keys share a home slot: the probing went untested")
        #expect(PhrasePairIndex().find(list: 0, second: 0) == nil)
    }

    /// Overlapping phrases of one first word, the longest first, and a phrase ending the text
    /// (no next token), through the shipped-format rule file.
    @Test func matchingThroughTheIndex() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-pair-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules.yaml")
        try """
        lang: en
        rules:
          - name: two
            match: on track
            valence: 1.0
          - name: three
            match: on track again
            valence: 2.0
          - name: other
            match: on fire
            valence: -1.5
          - name: tail
            match: track again
            valence: -3.0

        """.write(to: rules, atomically: true, encoding: .utf8)
        var config = TestFixtures.heuristicsConfiguration()
        config.ruleFiles.append(rules)
        let a = try SentimentAnalyzer(configuration: config)
        #expect(a.score("we are on track again").rules == ["three"])
        #expect(a.score("we are on track").rules == ["two"])
        #expect(a.score("we are on fire").rules == ["other"])
        #expect(a.score("on").rules.isEmpty)
        #expect(a.score("right on").rules.isEmpty)
        #expect(a.score("off track again").rules == ["tail"])
        #expect(same(a.score("on track again").compound, TestFixtures.norm(2.0)))
    }
}
