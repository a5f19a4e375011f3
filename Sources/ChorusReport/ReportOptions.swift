/// What `chorus report` aggregates and how: the grouping of the lines, the bucket width, the
/// time window and the keyword filter. Formats are chosen at rendering time.
public struct ReportOptions: Sendable, Equatable {
    /// What one line of the timeline (and one row of the groups table) stands for.
    public enum Grouping: String, Sendable, CaseIterable, Codable {
        /// The configured source name.
        case source
        /// The platform (`rss`, `mastodon`, …).
        case platform
        /// Each tracked keyword in the item's `keywords` (an item with two counts in both).
        case keyword
        /// Each reaction tag in `sentiment.tags` (an item with two counts in both).
        case tag
    }

    /// The width of one time bucket. Buckets start at whole multiples of it since 1970 UTC, so a
    /// day bucket runs from 00:00:00Z to 23:59:59Z whatever offset the input timestamps carry.
    public enum Bucket: String, Sendable, CaseIterable, Codable {
        case quarterHour = "15m"
        case hour = "1h"
        case day = "1d"

        /// The bucket width in seconds.
        public var seconds: Int64 {
            switch self {
            case .quarterHour: 900
            case .hour: 3_600
            case .day: 86_400
            }
        }
    }

    public var grouping: Grouping
    public var bucket: Bucket
    /// Items before this instant (seconds since 1970) are left out; undated items too when set.
    public var since: Int64?
    /// Items at or after this instant are left out; undated items too when set.
    public var until: Int64?
    /// When not empty, only items whose `keywords`, title or text hold one of these
    /// (case-insensitive) are counted.
    public var keywords: [String]
    /// How many items each top list (and each turning point) shows.
    public var topCount: Int
    /// How many turning points are shown.
    public var turningPoints: Int

    public init(
        grouping: Grouping = .source, bucket: Bucket = .hour, since: Int64? = nil, until: Int64? = nil,
        keywords: [String] = [], topCount: Int = 8, turningPoints: Int = 3
    ) {
        self.grouping = grouping
        self.bucket = bucket
        self.since = since
        self.until = until
        self.keywords = keywords
        self.topCount = max(1, topCount)
        self.turningPoints = max(1, turningPoints)
    }
}
