/// Engagement counts, where a platform reports them.
public struct Metrics: Sendable, Equatable, Codable {
    public var likes: Int64?
    public var reposts: Int64?
    public var replies: Int64?
    /// Reddit score, HN points.
    public var score: Int64?
    public var quotes: Int64?

    public init(likes: Int64? = nil, reposts: Int64? = nil, replies: Int64? = nil, score: Int64? = nil, quotes: Int64? = nil) {
        self.likes = likes
        self.reposts = reposts
        self.replies = replies
        self.score = score
        self.quotes = quotes
    }

    public var isEmpty: Bool { likes == nil && reposts == nil && replies == nil && score == nil && quotes == nil }
}
