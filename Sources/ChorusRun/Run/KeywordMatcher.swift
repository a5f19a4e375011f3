import Foundation

/// Finds tracked keywords in an item's title and text: case-insensitive, on word boundaries
/// (an ASCII letter or digit on either side prevents a match, so "ZTE" is not found in
/// "AZTEC"; scripts without spaces, like Chinese, match anywhere), multi-word keywords
/// matched across any run of whitespace. Works on lowercased UTF-8 bytes: ASCII letters are
/// folded byte by byte; text is lowercased through Unicode only when some keyword has a cased
/// letter outside ASCII ("Société"), since no other keyword can be found by that folding.
public struct KeywordMatcher: Sendable {
    private let keywords: [(name: String, words: [[UInt8]])]
    /// Whether text must be lowercased through Unicode (a keyword has a non-ASCII cased letter).
    private let unicodeFold: Bool

    public init(_ keywords: [String]) {
        self.keywords = keywords.map { k in
            (k, k.lowercased().split(whereSeparator: \.isWhitespace).map { Array($0.utf8) })
        }.filter { !$0.words.isEmpty }
        unicodeFold = keywords.contains { k in
            k.unicodeScalars.contains { !$0.isASCII && ($0.properties.changesWhenLowercased || $0.properties.changesWhenUppercased) }
        }
    }

    /// The keywords (as configured) found in any of `texts`, in configuration order.
    public func matches(in texts: [String?]) -> [String] {
        guard !keywords.isEmpty else { return [] }
        let haystacks = texts.compactMap { $0 }.map { Self.lowered($0, unicode: unicodeFold) }
        return keywords.filter { k in haystacks.contains { Self.find(k.words, in: $0) } }.map(\.name)
    }

    /// The keywords found in an item's title or text (the per-item call of a run: no
    /// intermediate array of texts).
    public func matches(title: String?, text: String?) -> [String] {
        guard !keywords.isEmpty else { return [] }
        let t = title.map { Self.lowered($0, unicode: unicodeFold) }
        let b = text.map { Self.lowered($0, unicode: unicodeFold) }
        var found: [String] = []
        for k in keywords where (t.map { Self.find(k.words, in: $0) } ?? false) || (b.map { Self.find(k.words, in: $0) } ?? false) {
            found.append(k.name)
        }
        return found
    }

    /// Lowercased UTF-8 bytes: ASCII letters byte by byte, other bytes as they are (no Unicode
    /// tables); with `unicode`, text that is not all ASCII goes through `String.lowercased()`.
    static func lowered(_ s: String, unicode: Bool) -> [UInt8] {
        var utf8 = s.utf8
        if let fast = utf8.withContiguousStorageIfAvailable({ bytes -> [UInt8]? in
            var complete = true
            let out = [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
                for i in 0..<bytes.count {
                    let b = bytes[i]
                    if b >= 0x80 && unicode { complete = false; break }
                    out[i] = (b >= 0x41 && b <= 0x5a) ? b | 0x20 : b
                    count = i + 1
                }
            }
            return complete ? out : nil
        }), let fast {
            return fast
        }
        utf8 = s.lowercased().utf8
        return Array(utf8)
    }

    private static func find(_ words: [[UInt8]], in text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { find(words, in: $0) }
    }

    private static func find(_ words: [[UInt8]], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = words.first, let lead = first.first, text.count >= first.count else { return false }
        guard let base = text.baseAddress else { return false }
        var start = 0
        let last = text.count - first.count
        while start <= last {
            // The next candidate: memchr scans for the first byte many bytes at a time.
            guard let hit = memchr(base + start, Int32(lead), last - start + 1) else { return false }
            start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if let end = matchAt(start, words, text) {
                let beforeOK = start == 0 || !isWordByte(text[start - 1])
                let afterOK = end == text.count || !isWordByte(text[end])
                if beforeOK && afterOK { return true }
            }
            start += 1
        }
        return false
    }

    /// The end index when `words` match at `start` (separated by whitespace), else nil.
    private static func matchAt(_ start: Int, _ words: [[UInt8]], _ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = start
        for (n, word) in words.enumerated() {
            if n > 0 {
                let gap = i
                while i < text.count && isSpace(text[i]) { i += 1 }
                if i == gap { return nil }
            }
            guard i + word.count <= text.count else { return nil }
            for (k, b) in word.enumerated() where text[i + k] != b { return nil }
            i += word.count
        }
        return i
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b == 0x5f
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d || b == 0x0c }
}
