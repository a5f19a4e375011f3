import ChorusModel
import ChorusOutput
import ChorusSentiment

/// The JSON of `chorus score`'s rule and tag names and labels, each encoded once by
/// `JSONWriter.string`, back to back in one block, so that writing a name is one small copy.
struct ScoreNames {
    /// Every encoded name back to back, then 8 spare bytes (see `ScoreLineWriter.appendName`).
    private(set) var arena: [UInt8] = []
    private(set) var rules: [(start: Int, count: Int)] = []
    private(set) var tags: [(start: Int, count: Int)] = []
    private(set) var labels: [(start: Int, count: Int)] = []
    private(set) var unsupported = (start: 0, count: 0)

    init(_ analyzer: SentimentAnalyzer) {
        func encode(_ s: String) -> (start: Int, count: Int) {
            var w = JSONWriter(capacity: 32)
            w.string(s)
            defer { arena.append(contentsOf: w.bytes) }
            return (arena.count, w.bytes.count)
        }
        rules = analyzer.ruleNames.map { encode($0) }
        tags = SentimentAnalyzer.tagNames.map { encode($0) }
        labels = [Sentiment.Label.positive, .negative, .neutral, .mixed].map { encode($0.rawValue) }
        unsupported = encode(SentimentSession.unsupportedRule)
        arena.append(contentsOf: repeatElement(0, count: 8))
    }
}
