/// Finds tracked keywords in an item's title and text: case-insensitive, on word boundaries
/// (letters and digits on either side do not match, so "ZTE" is not found in "AZTEC"),
/// multi-word keywords matched with any run of whitespace between the words.
public struct KeywordMatcher: Sendable {
    private let keywords: [(name: String, words: [[Character]])]

    public init(_ keywords: [String]) {
        self.keywords = keywords.map { k in
            (k, k.lowercased().split(whereSeparator: \.isWhitespace).map { Array($0) })
        }.filter { !$0.words.isEmpty }
    }

    /// The keywords (as configured) found in any of `texts`, in configuration order.
    public func matches(in texts: [String?]) -> [String] {
        guard !keywords.isEmpty else { return [] }
        let haystacks = texts.compactMap { $0 }.map { Array($0.lowercased()) }
        return keywords.filter { k in haystacks.contains { Self.find(k.words, in: $0) } }.map(\.name)
    }

    private static func find(_ words: [[Character]], in text: [Character]) -> Bool {
        guard let first = words.first, !first.isEmpty, text.count >= first.count else { return false }
        var start = 0
        while start <= text.count - first.count {
            if let end = matchAt(start, words, text) {
                let beforeOK = start == 0 || !isWordChar(text[start - 1])
                let afterOK = end == text.count || !isWordChar(text[end])
                if beforeOK && afterOK { return true }
            }
            start += 1
        }
        return false
    }

    /// The end index when `words` match at `start` (separated by whitespace), else nil.
    private static func matchAt(_ start: Int, _ words: [[Character]], _ text: [Character]) -> Int? {
        var i = start
        for (n, word) in words.enumerated() {
            if n > 0 {
                let gap = i
                while i < text.count && text[i].isWhitespace { i += 1 }
                if i == gap { return nil }
            }
            guard i + word.count <= text.count, Array(text[i..<(i + word.count)]) == word else { return nil }
            i += word.count
        }
        return i
    }

    private static func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
