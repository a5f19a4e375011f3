/// Everything a report shows, computed once from the input and handed to the renderers; the
/// json format writes it as it is (snake_case keys, times RFC 3339 UTC, means to 4 decimals).
public struct ReportSummary: Sendable, Equatable, Codable {
    /// The options the report was made with.
    public var options: Settings
    public var input: InputStats
    /// Every counted item.
    public var totals: Counts
    /// One row per group (``ReportOptions/Grouping``), most items first.
    public var groups: [Group]
    /// One point per bucket that holds an item, oldest first.
    public var series: [Point]
    /// Reaction tags, most frequent first.
    public var tags: [TagCount]
    public var turningPoints: [TurningPoint]
    /// What the positive and negative lists rank: reactions (posts, replies, reposts), or every
    /// item when the input holds no reactions.
    public var topListsCover: Coverage
    public var mostPositive: [ReportItem]
    public var mostNegative: [ReportItem]
    public var mostEngaged: [ReportItem]
    /// One row per source, most items first.
    public var sources: [SourceRow]

    enum CodingKeys: String, CodingKey {
        case options, input, totals, groups, series, tags, sources
        case turningPoints = "turning_points", topListsCover = "top_lists_cover", mostPositive = "most_positive", mostNegative = "most_negative"
        case mostEngaged = "most_engaged"
    }

    /// What the top lists rank.
    public enum Coverage: String, Sendable, Equatable, Codable {
        case reactions
        case allItems = "all_items"
    }

    /// The options, as given.
    public struct Settings: Sendable, Equatable, Codable {
        public var by: ReportOptions.Grouping
        public var bucket: ReportOptions.Bucket
        public var since: String?
        public var until: String?
        public var keywords: [String]
    }

    /// What was read, and what was left out.
    public struct InputStats: Sendable, Equatable, Codable {
        public var files = 0
        public var lines = 0
        /// Distinct ids counted (after the filters).
        public var items = 0
        /// Lines that are not a JSON object with an `id` (blank lines are not counted).
        public var malformed = 0
        /// Lines repeating an id at a revision already counted (or older).
        public var duplicates = 0
        /// Earlier revisions taken back out when a later one of the same id came.
        public var superseded = 0
        /// Items left out by --since, --until or --keyword.
        public var excluded = 0
        /// Counted items with neither `published_at` nor `updated_at` (in totals, not in the timeline).
        public var undated = 0
    }

    /// Items per label and the mean compound of the scored ones.
    public struct Counts: Sendable, Equatable, Codable {
        public var items: Int
        public var scored: Int
        /// Keyed by ``ReportLabel`` raw value (`not_scored` included).
        public var labels: [String: Int]
        public var meanCompound: Double?

        enum CodingKeys: String, CodingKey {
            case items, scored, labels
            case meanCompound = "mean_compound"
        }

        init(_ c: LabelCounts) {
            items = c.items
            scored = c.scored
            labels = Dictionary(uniqueKeysWithValues: ReportLabel.allCases.map { ($0.rawValue, c[$0]) })
            meanCompound = c.mean.map { ($0 * 10_000).rounded() / 10_000 }
        }

        /// The count of `label`.
        public func count(_ label: ReportLabel) -> Int { labels[label.rawValue] ?? 0 }

        /// The share of `label` among the items.
        public func share(_ label: ReportLabel) -> Double { items > 0 ? Double(count(label)) / Double(items) : 0 }
    }

    public struct Group: Sendable, Equatable, Codable {
        public var name: String
        public var counts: Counts
    }

    /// One bucket of the timeline.
    public struct Point: Sendable, Equatable, Codable {
        /// The bucket's first second, RFC 3339 UTC.
        public var start: String
        /// Seconds since 1970 of ``start``.
        public var epoch: Int64
        public var counts: Counts
        /// Per group that has items in the bucket.
        public var groups: [String: Counts]
        /// Reaction tag counts in the bucket.
        public var tags: [String: Int]
    }

    public struct TagCount: Sendable, Equatable, Codable {
        public var tag: String
        public var items: Int
    }

    /// A bucket where the mean compound moved most from the bucket before it.
    public struct TurningPoint: Sendable, Equatable, Codable {
        public var start: String
        public var mean: Double
        public var previousStart: String
        public var previousMean: Double
        public var delta: Double
        /// The bucket's items that pulled the mean the way it moved.
        public var items: [ReportItem]

        enum CodingKeys: String, CodingKey {
            case start, mean, delta, items
            case previousStart = "previous_start", previousMean = "previous_mean"
        }
    }

    public struct SourceRow: Sendable, Equatable, Codable {
        public var source: String
        public var platform: String
        public var counts: Counts
        public var first: Moment?
        public var last: Moment?
    }

    /// An item's time and excerpt (a source's first and last item).
    public struct Moment: Sendable, Equatable, Codable {
        public var time: String
        public var excerpt: String
    }
}
