/// Item counts per ``ReportLabel`` and the sum of the scored items' compounds (in 1e-4 units,
/// so adding and taking back a revision is exact): one cell of the aggregates.
public struct LabelCounts: Sendable {
    private var counts: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
    /// Sum of the scored items' compounds × 10 000.
    private(set) var compoundSum: Int64 = 0

    public init() {}

    /// The count for `label`.
    public subscript(label: ReportLabel) -> Int {
        switch label {
        case .positive: counts.0
        case .negative: counts.1
        case .neutral: counts.2
        case .mixed: counts.3
        case .notScored: counts.4
        }
    }

    /// Every item, scored or not.
    public var items: Int { counts.0 + counts.1 + counts.2 + counts.3 + counts.4 }
    /// Items with one of the four labels.
    public var scored: Int { items - counts.4 }
    /// The mean compound of the scored items, nil when none is scored.
    public var mean: Double? { scored > 0 ? Double(compoundSum) / 10_000 / Double(scored) : nil }

    /// Adds (`sign` 1) or takes back (`sign` -1) one item.
    mutating func add(label: UInt8, compound: Int16, sign: Int = 1) {
        switch label {
        case 0: counts.0 += sign
        case 1: counts.1 += sign
        case 2: counts.2 += sign
        case 3: counts.3 += sign
        default: counts.4 += sign; return
        }
        compoundSum += Int64(sign) * Int64(compound)
    }

    /// The share of `label` among all items (0 when there are none).
    public func share(_ label: ReportLabel) -> Double {
        items > 0 ? Double(self[label]) / Double(items) : 0
    }
}
