import Testing
@testable import ChorusSentiment

/// `scan`'s path for runs of 8 to 15 ASCII letters and digits (`TextScanner.longASCIIWord`,
/// `Vocabulary.lookup(first:last:length:hash:)`) against the general path it stands in for
/// (`ASCIIWordRun.read`, `readLatinWord`), at the boundaries: runs of 7, 8, 9, 15, 16 and 17
/// bytes, capitals, digits, three equal letters across the two 8-byte words, non-ASCII or an
/// apostrophe right after the run, and the text's end.
@Suite struct LongWordPathTests {
    static let vocabulary = TestFixtures.shipped.model.vocabulary

    /// How `longASCIIWord` and `ASCIIWordRun.read` disagree on `bytes`, read from every offset
    /// with the text cut at every length (0 when they agree).
    static func mismatches(_ bytes: [UInt8]) -> Int {
        var bad = 0
        for cut in 0...bytes.count {
            let text = Array(bytes[0..<cut])
            text.withUnsafeBufferPointer { p in
                for start in 0..<p.count {
                    let reference = ASCIIWordRun.read(p, from: start)
                    let length = reference.end - start
                    guard let long = TextScanner.longASCIIWord(p, at: start) else {
                        if (8...15).contains(length) { bad += 1 }
                        continue
                    }
                    let lowered = text[start..<reference.end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                    var last: UInt64 = 0
                    for (k, b) in lowered.suffix(8).enumerated() { last |= UInt64(b) << UInt64(8 * k) }
                    if long.length != length || long.letters != reference.letters || long.uppers != reference.uppers
                        || long.elongated != reference.elongated || long.first != reference.packed
                        || long.last != last || long.hash != reference.hash {
                        bad += 1
                    }
                }
            }
        }
        return bad
    }

    @Test("Runs of 7 to 17 bytes, capitals, digits, repeats across the 8-byte boundary, stop bytes",
          arguments: ["abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
                      "Disappointing", "EXTREMELY", "eXtReMeLy!", "abcdefGGGh", "abcdefgHHHx", "abcdeffFxyz",
                      "abcdefghiJJJ", "abcdefghijkLLL", "aaaaaaaaaaaaaaa", "12345678", "1234567890 ab", "a1b2c3d4e5f",
                      "newsdesk\u{00E9}", "everyone's", "Shenzhen:x", "abcdefghij klmmm", "Customer\u{0}xx",
                      "Reminder 1", "gooooooood", "sooooooooooooooooo"])
    func agreesWithTheGeneralReader(_ word: String) {
        #expect(Self.mismatches(Array(word.utf8)) == 0)
    }

    @Test("Random runs of letters, digits and separators")
    func agreesOnRandomRuns() {
        let alphabet = Array("aaaabbbAAB0129zZ@[`{ '\u{7F}".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        let runs = RandomRuns.make(seed: 0x2026_1207_0909, count: 300, maxLength: 26, alphabet: alphabet)
        #expect(runs.reduce(0) { $0 + Self.mismatches($1) } == 0)
    }

    @Test("The two-word lookup finds every long ASCII token, and only those")
    func lookupMatchesTheByteLookup() {
        let v = Self.vocabulary
        var checked = 0, bad = 0
        for id in 0..<Int32(v.count) {
            let bytes = Array(v.token(id).utf8)
            guard (9...16).contains(bytes.count) else { continue }
            for probe in [bytes, Array(bytes.dropLast()) + [0x71], [0x71] + Array(bytes.dropFirst())] {
                var first: UInt64 = 0, last: UInt64 = 0
                for k in 0..<8 { first |= UInt64(probe[k]) << UInt64(8 * k) }
                for (k, b) in probe.suffix(8).enumerated() { last |= UInt64(b) << UInt64(8 * k) }
                let expected = probe.withUnsafeBufferPointer { v.lookup($0) }
                let found = probe.withUnsafeBufferPointer { v.lookup(first: first, last: last, length: probe.count, hash: Vocabulary.hash($0)) }
                if found != expected { bad += 1 }
                checked += 1
            }
        }
        #expect(checked > 1000)
        #expect(bad == 0)
    }

    /// The first token and the letter counts of `text` scanned.
    static func scanned(_ text: String) -> [Int] {
        var scanner = TextScanner(vocabulary: vocabulary)
        var t = text
        t.withUTF8 { scanner.scan($0) }
        guard scanner.tokens.count > 0 else { return [] }
        let k = scanner.tokens[0]
        return [Int(k.id), Int(k.valenceID), k.allCaps ? 1 : 0, k.elongated ? 1 : 0, k.startsPhrase ? 1 : 0,
                scanner.stats.latinLetters, scanner.stats.lowerLetters, scanner.stats.upperLetters,
                scanner.stats.englishMarkers, scanner.stats.foreignMarkers, scanner.valenced.count, scanner.phraseStarts.count]
    }

    @Test("A long word scans as the general path reads it (a colon after it takes that path)",
          arguments: ["disappointing", "Disappointing", "DISAPPOINTING", "everyone", "Everyone", "extremely", "EXTREMELY",
                      "beautifully", "disappointed", "Shenzhen", "Queueing", "Watching", "12345678", "123456789012",
                      "fantaaastic", "horribleeee", "Stressful", "ridiculously", "unbelievable", "overwhelmed",
                      "heartbroken", "abcdefghijklmno", "congratulations", "Congratulations"])
    func scansLikeTheGeneralPath(_ word: String) {
        let general = Self.scanned(word + ":")
        #expect(!general.isEmpty)
        #expect(Self.scanned(word) == general, "\(word) at the end")
        // Before another word only the token compares: the letter counts grow by "today".
        #expect(Self.scanned(word + " today").prefix(5) == general.prefix(5), "\(word) before a word")
        #expect(Self.scanned(word + "!") == general, "\(word) before !")
    }

    @Test("Non-ASCII or an apostrophe after the run: the whole word is read, not its ASCII part")
    func nonASCIIAfterTheRun() {
        let v = Self.vocabulary
        #expect(Self.scanned("disappointing\u{00E9}")[0] == Int(v.lookup("disappointing\u{00E9}")))
        #expect(Self.scanned("disappointing\u{00E9}")[0] != Int(v.lookup("disappointing")))
        // "everyone's" → "everyone" (the apostrophe path), as read by the general path.
        #expect(Self.scanned("everyone's")[0] == Int(v.lookup("everyone")))
        #expect(Self.scanned("Everyone\u{2019}s").prefix(2) == Self.scanned("everyone's").prefix(2))
    }
}
