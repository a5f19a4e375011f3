@testable import ChorusSentiment
import ChorusTestSupport
import Foundation
import Testing

/// The phrase rules read from the compiled vocabulary are packed (`PhraseRuleList`, session 11,
/// tspeed12): their strings stay bytes in one table until a rule is read. A packed rule reads
/// back as the rule the files build, and a payload whose string table or rule records point out
/// of range, behind a good checksum, is refused and the vocabulary built anew.
@Suite struct PackedPhraseRuleTests {
    typealias Sandbox = VocabularyCacheTests.Sandbox

    /// The shipped set's cache key, from the name of the file a first cached load writes.
    static func shippedKey(_ box: Sandbox) throws -> [UInt8] {
        _ = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        let name = try #require(try box.cacheFiles().first { $0.hasPrefix("vocabulary-") && $0.hasSuffix(".bin") })
        let hex = Array(name.dropFirst("vocabulary-".count).dropLast(".bin".count))
        return stride(from: 0, to: hex.count, by: 2).compactMap { UInt8(String(hex[$0...$0 + 1]), radix: 16) }
    }

    /// Where the string table's ends and the rule records start in `model`'s snapshot: after
    /// the vocabulary, the string bytes, then the ends, then the records (each an element size
    /// and a count before its raw bytes).
    static func layout(_ model: SentimentModel) -> (ends: Int, endCount: Int, records: Int, recordCount: Int) {
        var w = SnapshotWriter()
        model.vocabulary.write(to: &w)
        let payload = model.snapshot()
        func int(_ at: Int) -> Int { payload[at..<(at + 8)].reversed().reduce(0) { $0 << 8 | Int($1) } }
        let bytes = w.bytes.count
        let ends = bytes + 16 + int(bytes + 8)
        let records = ends + 16 + 4 * int(ends + 8)
        return (ends + 16, int(ends + 8), records + 16, int(records + 8))
    }

    static func putInt32(_ v: Int32, at i: Int, in payload: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { for (k, b) in $0.enumerated() { payload[i + k] = b } }
    }

    @Test func aPackedRuleReadsBackAsTheBuiltOne() throws {
        let box = try Sandbox()
        let fresh = try SentimentAnalyzer(configuration: box.configuration(cached: false))
        _ = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        let cached = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(cached.model.fromCache)
        let built = fresh.model.phrases, packed = cached.model.phrases
        #expect(packed.count == built.count && built.count > 1_000)
        // Rules with tags, a `then` part, a language, a gap.
        var seen = (tags: 0, then: 0, language: 0, within: 0)
        for i in built.indices {
            let a = built[i], b = packed[i]
            #expect(a.name == b.name && a.text == b.text && a.tags == b.tags && a.language == b.language && a.within == b.within
                        && a.tokens.elementsEqual(b.tokens) && a.position == b.position && a.effect == b.effect)
            if !a.tags.isEmpty { seen.tags += 1 }
            if a.textParts.1 != nil { seen.then += 1 }
            if a.language != nil { seen.language += 1 }
            if a.within >= 0 { seen.within += 1 }
        }
        #expect(seen.tags > 0)
        #expect(seen.then > 0)
        #expect(seen.language > 0)
        #expect(seen.within > 0)
    }

    /// Damage that the checksum cannot see (the file is written with a good one) is caught by
    /// the index checks: the rule list is never read out of range.
    @Test(arguments: ["text", "then", "language", "tags", "ends"])
    func aRuleRecordOutOfRangeMakesTheCacheBeRebuilt(_ damage: String) throws {
        let box = try Sandbox()
        let fresh = try SentimentAnalyzer(configuration: box.configuration(cached: false))
        let key = try Self.shippedKey(box)
        var payload = fresh.model.snapshot()
        let at = Self.layout(fresh.model)
        #expect(at.recordCount == fresh.model.phrases.count)
        let strings = Int32(at.endCount)
        let record = at.records + 20 * (at.recordCount / 2)
        switch damage {
        case "text": Self.putInt32(strings, at: record, in: &payload)
        case "then": Self.putInt32(strings + 5, at: record + 4, in: &payload)
        case "language": Self.putInt32(-2, at: record + 8, in: &payload)
        case "tags": Self.putInt32(Int32.max - 1, at: record + 16, in: &payload)
        default: Self.putInt32(Int32.max, at: at.ends + 4 * (at.endCount / 2), in: &payload)
        }
        #expect(payload != fresh.model.snapshot())
        let cache = VocabularyCache(directory: box.cache)
        cache.store(payload, key: key)
        #expect(cache.load(key: key) == payload)
        let loaded = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(!loaded.model.fromCache)
        #expect(loaded.model.hasSameTables(as: fresh.model))
        // The rebuilt file is whole again.
        #expect(try SentimentAnalyzer(configuration: box.configuration(cached: true)).model.fromCache)
    }
}
