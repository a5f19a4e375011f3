/// The five label classes a report counts: the four sentiment labels, and "not scored" for an
/// item whose `sentiment` is null, whose `sentiment.label` is anything else (such as a marker
/// for text in a language the lexicons do not cover), or whose `compound` is missing or not in
/// -1…1. Not-scored items count as items but never in a mean.
public enum ReportLabel: String, Sendable, CaseIterable, Codable, Comparable {
    case positive
    case negative
    case neutral
    case mixed
    case notScored = "not_scored"

    /// Index into per-label count arrays (the declaration order).
    var index: Int {
        switch self {
        case .positive: 0
        case .negative: 1
        case .neutral: 2
        case .mixed: 3
        case .notScored: 4
        }
    }

    /// The label at ``index``.
    static func at(_ index: Int) -> ReportLabel { allCases[index] }

    /// Words for people (tables, chart legends).
    public var title: String { self == .notScored ? "not scored" : rawValue }

    public static func < (a: ReportLabel, b: ReportLabel) -> Bool { a.index < b.index }
}
