/// Finds tracked keywords in an item's title and text: case-insensitive, on word boundaries
/// (an ASCII letter or digit on either side prevents a match, so "ZTE" is not found in
/// "AZTEC"; scripts without spaces, like Chinese, match anywhere), multi-word keywords
/// matched across any run of whitespace. Works on lowercased UTF-8 bytes.
public struct KeywordMatcher: Sendable {
    private let keywords: [(name: String, words: [[UInt8]])]

    public init(_ keywords: [String]) {
        self.keywords = keywords.map { k in
            (k, k.lowercased().split(whereSeparator: \.isWhitespace).map { Array($0.utf8) })
        }.filter { !$0.words.isEmpty }
    }

    /// The keywords (as configured) found in any of `texts`, in configuration order.
    public func matches(in texts: [String?]) -> [String] {
        guard !keywords.isEmpty else { return [] }
        let haystacks = texts.compactMap { $0 }.map { Array($0.lowercased().utf8) }
        return keywords.filter { k in haystacks.contains { Self.find(k.words, in: $0) } }.map(\.name)
    }

    private static func find(_ words: [[UInt8]], in text: [UInt8]) -> Bool {
        guard let first = words.first, let lead = first.first, text.count >= first.count else { return false }
        var start = 0
        while start <= text.count - first.count {
            if text[start] == lead, let end = matchAt(start, words, text) {
                let beforeOK = start == 0 || !isWordByte(text[start - 1])
                let afterOK = end == text.count || !isWordByte(text[end])
                if beforeOK && afterOK { return true }
            }
            start += 1
        }
        return false
    }

    /// The end index when `words` match at `start` (separated by whitespace), else nil.
    private static func matchAt(_ start: Int, _ words: [[UInt8]], _ text: [UInt8]) -> Int? {
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
