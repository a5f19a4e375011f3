/// The score of one scored segment (a short text, a sentence of a long one, a title).
struct SegmentScore: Sendable {
    /// Sum of the contributions after every heuristic, before normalization.
    var sum: Float = 0
    /// `sum` normalized to −1…1.
    var compound: Double = 0
    var pos: Double = 0
    var neu: Double = 0
    var neg: Double = 0
    /// Largest positive and most negative single contribution before contrast weighting (for `mixed`).
    var strongestPositive: Float = 0
    var strongestNegative: Float = 0
    /// Whether any token was scored at all.
    var hasTokens = false

    /// VADER's normalization: x / sqrt(x² + 15), clamped.
    static func normalize(_ x: Float) -> Double {
        let v = Double(x) / (Double(x) * Double(x) + 15).squareRoot()
        return min(1, max(-1, v))
    }
}
