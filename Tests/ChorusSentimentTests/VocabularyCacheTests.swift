@testable import ChorusSentiment
import ChorusTestSupport
import Foundation
import Testing

/// The compiled vocabulary cache: a cached vocabulary is the one the files build, a changed
/// file is never served from the old copy, the file is replaced atomically, and a damaged
/// file is ignored.
@Suite struct VocabularyCacheTests {
    /// A share directory with copies of the shipped files, and an empty cache directory.
    struct Sandbox {
        let share: URL, cache: URL

        init() throws {
            let root = try RepoPaths.temporaryDirectory("chorus-vocab-cache")
            share = root.appendingPathComponent("share")
            cache = root.appendingPathComponent("cache")
            try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
            let shipped = RepoPaths.root.appendingPathComponent("Config/sentiment")
            for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) {
                try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: share.appendingPathComponent(name))
            }
        }

        func configuration(cached: Bool) -> SentimentConfiguration {
            var c = SentimentConfiguration(shareDirectory: share)
            c.vocabularyCache = cached ? cache : nil
            return c
        }

        func cacheFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        }
    }

    /// Every text of the evaluation set and the older sets.
    static func texts() throws -> [String] {
        var texts: [String] = []
        for name in ["eval/dev.tsv", "eval/test.tsv", "labeled.tsv", "labeled-holdout.tsv"] {
            let body = try String(contentsOf: TestFixtures.url(name), encoding: .utf8)
            for line in body.split(separator: "\n") where !line.hasPrefix("#") {
                if let text = line.split(separator: "\t", omittingEmptySubsequences: false).last { texts.append(String(text)) }
            }
        }
        return texts
    }

    /// The two analyzers score and explain every text alike.
    static func expectSameScores(_ a: SentimentAnalyzer, _ b: SentimentAnalyzer) throws {
        let texts = try texts()
        #expect(texts.count > 2_000)
        var sa = SentimentSession(a), sb = SentimentSession(b)
        var different = 0
        for text in texts where sa.score(title: nil, text: text, lang: nil) != sb.score(title: nil, text: text, lang: nil) {
            different += 1
        }
        // --explain names the rules and words: the phrase strings must have come back too.
        for text in texts.prefix(200) where sa.explain(text).lines != sb.explain(text).lines { different += 1 }
        #expect(different == 0)
    }

    @Test func cachedVocabularyIsTheOneTheFilesBuild() throws {
        let box = try Sandbox()
        let fresh = try SentimentAnalyzer(configuration: box.configuration(cached: false))
        let first = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(!first.model.fromCache)
        #expect(try box.cacheFiles().count == 1)
        let cached = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(cached.model.fromCache)
        // Every table, value for value, then every score and explanation.
        #expect(cached.model.hasSameTables(as: fresh.model))
        #expect(!cached.model.hasSameTables(as: TestFixtures.heuristics.model))
        #expect(cached.loadedFiles == fresh.loadedFiles)
        #expect(cached.ruleNames == fresh.ruleNames)
        try Self.expectSameScores(cached, fresh)
    }

    @Test func changedSourceFileIsNotServedFromTheOldCopy() throws {
        let box = try Sandbox()
        let word = "zzqvocabword"
        _ = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(try box.cacheFiles().count == 1)
        let lexicon = box.share.appendingPathComponent(SentimentResources.englishLexicon)
        let handle = try FileHandle(forWritingTo: lexicon)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\(word)\t3.0\n".utf8))
        try handle.close()
        let after = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(!after.model.fromCache)
        #expect(after.score(word).label == .positive)
        #expect(try box.cacheFiles().count == 2)
        // A rule file too.
        let rules = box.share.appendingPathComponent(SentimentResources.rules("de"))
        try (String(contentsOf: rules, encoding: .utf8) + "\n").write(to: rules, atomically: true, encoding: .utf8)
        #expect(try !SentimentAnalyzer(configuration: box.configuration(cached: true)).model.fromCache)
        #expect(try SentimentAnalyzer(configuration: box.configuration(cached: true)).model.fromCache)
    }

    @Test func cacheFileIsReplacedAtomically() throws {
        let box = try Sandbox()
        _ = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        let name = try #require(try box.cacheFiles().first)
        let file = box.cache.appendingPathComponent(name)
        // A hard link to the old file keeps its bytes: the new file was renamed over the name,
        // not written into the old one.
        let link = box.share.deletingLastPathComponent().appendingPathComponent("old-link")
        try FileManager.default.linkItem(at: file, to: link)
        let before = try Data(contentsOf: link)
        let cache = VocabularyCache(directory: box.cache)
        let key = Array(name.dropFirst("vocabulary-".count).dropLast(".bin".count).utf8)
        #expect(key.count == 64)
        let keyBytes = stride(from: 0, to: 64, by: 2).map { i in
            UInt8(String(decoding: key[i..<(i + 2)], as: UTF8.self), radix: 16) ?? 0
        }
        cache.store([1, 2, 3], key: keyBytes)
        #expect(try Data(contentsOf: link).elementsEqual(before))
        #expect(cache.load(key: keyBytes) == [1, 2, 3])
        // No temporary file is left behind.
        #expect(try box.cacheFiles() == [name])
    }

    @Test(arguments: ["truncated", "flipped", "garbage", "empty"])
    func damagedCacheFileIsIgnored(_ damage: String) throws {
        let box = try Sandbox()
        let fresh = try SentimentAnalyzer(configuration: box.configuration(cached: false))
        _ = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        let file = box.cache.appendingPathComponent(try #require(try box.cacheFiles().first))
        var bytes = [UInt8](try Data(contentsOf: file))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped": bytes[bytes.count / 2] ^= 0x10
        case "garbage": bytes = Array(repeating: 0xA5, count: bytes.count)
        default: bytes = []
        }
        try Data(bytes).write(to: file)
        let rebuilt = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(!rebuilt.model.fromCache)
        #expect(rebuilt.model.hasSameTables(as: fresh.model))
        // Rewritten whole: the next one reads it.
        #expect(try SentimentAnalyzer(configuration: box.configuration(cached: true)).model.fromCache)
    }

    @Test func aWordHoldingTheBitOfNoFactPatternMakesTheCacheBeRebuilt() throws {
        let box = try Sandbox()
        let fresh = try SentimentAnalyzer(configuration: box.configuration(cached: false))
        var model = fresh.model
        #expect(model.facts.count < FactPattern.maxCount)
        let word = try #require(model.vocabulary.entries.indices.first)
        model.vocabulary.entries[word].factThen |= UInt16(1) << UInt16(FactPattern.maxCount - 1)
        // The shipped set's key, from the name of the file a first cached load writes.
        _ = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        let name = try #require(try box.cacheFiles().first { $0.hasPrefix("vocabulary-") && $0.hasSuffix(".bin") })
        let hex = Array(name.dropFirst("vocabulary-".count).dropLast(".bin".count))
        let key = stride(from: 0, to: hex.count, by: 2).compactMap { UInt8(String(hex[$0...$0 + 1]), radix: 16) }
        #expect(key.count * 2 == hex.count)
        let cache = VocabularyCache(directory: box.cache)
        cache.store(model.snapshot(), key: key)
        #expect(cache.load(key: key) == model.snapshot())
        // `matchFacts` would read past the patterns; the load refuses the file and builds anew.
        let loaded = try SentimentAnalyzer(configuration: box.configuration(cached: true))
        #expect(!loaded.model.fromCache)
        #expect(loaded.score("Laptop won't even turn on").rules.contains("failed-function"))
    }

    @Test func damagedPayloadWithAGoodChecksumIsRejectedByItsChecks() throws {
        let box = try Sandbox()
        let fresh = try SentimentAnalyzer(configuration: box.configuration(cached: false))
        var payload = fresh.model.snapshot()
        // An impossible count at the payload's start, behind a valid header and checksum.
        for i in 8..<16 { payload[i] = 0xFF }  // the entry count: -1
        let cache = VocabularyCache(directory: box.cache)
        let key = try #require(cache.key(lexicons: [], rules: [], configuration: box.configuration(cached: true)))
        cache.store(payload, key: key)
        #expect(cache.load(key: key)?.count == payload.count)
        var r = SnapshotReader(payload)
        #expect(throws: SnapshotReader.Corrupt.self) { _ = try Vocabulary(reading: &r) }
    }

    /// The checksum runs in four lanes of 8-byte words, then the last words and bytes: a flip
    /// of any one bit, in any lane or in the tail, changes it.
    @Test func everySingleBitFlipChangesTheChecksum() {
        let bytes = (0..<77).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let sum = VocabularyCache.checksum(bytes)
        var missed: [Int] = []
        for i in bytes.indices {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[i] ^= UInt8(1) << UInt8(bit)
                if VocabularyCache.checksum(flipped) == sum { missed.append(i * 8 + bit) }
            }
        }
        #expect(missed.isEmpty, "\(missed)")
        // Words swapped between lanes change it too.
        var swapped = bytes
        swapped.swapAt(0, 8)
        #expect(VocabularyCache.checksum(swapped) != sum)
    }

    /// `load` reads the header, then exactly the payload the header announces: a file with a
    /// byte more or less than that is refused, and an intact one gives its payload back.
    @Test func aFileLongerOrShorterThanItsHeaderSaysIsRefused() throws {
        let box = try Sandbox()
        let cache = VocabularyCache(directory: box.cache)
        let key = Array(repeating: UInt8(7), count: 32)
        let payload = (0..<1_000).map { UInt8(truncatingIfNeeded: $0) }
        cache.store(payload, key: key)
        #expect(cache.load(key: key) == payload)
        let file = cache.file(key)
        let whole = [UInt8](try Data(contentsOf: file))
        try Data(whole + [0]).write(to: file)
        #expect(cache.load(key: key) == nil)
        try Data(whole.dropLast()).write(to: file)
        #expect(cache.load(key: key) == nil)
        try Data(whole).write(to: file)
        #expect(cache.load(key: key) == payload)
        #expect(cache.load(key: Array(repeating: UInt8(8), count: 32)) == nil)
    }
}
