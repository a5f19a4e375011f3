/// The horizontal axis shared by the report's charts: one equal slot per bucket that holds an
/// item, oldest on the left (a story's quiet weeks would otherwise squeeze its busy hours into a
/// pixel), with the places where empty time was skipped marked.
struct ChartAxis {
    let points: [ReportSummary.Point]
    let bucket: ReportOptions.Bucket
    let left: Double
    let width: Double

    /// The width of one bucket's slot.
    var slot: Double { points.isEmpty ? width : width / Double(points.count) }

    /// The centre of bucket `i`.
    func x(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }

    /// The indices before which empty buckets were skipped.
    var gaps: [Int] {
        points.indices.dropFirst().filter { points[$0].epoch - points[$0 - 1].epoch > bucket.seconds }
    }

    /// Up to `count` evenly spread bucket indices to label.
    func ticks(_ count: Int) -> [Int] {
        guard points.count > count else { return Array(points.indices) }
        let step = Double(points.count - 1) / Double(count - 1)
        return (0..<count).map { Int((Double($0) * step).rounded()) }
    }

    /// Up to six bucket labels as SVG `<text>` elements on the baseline `y`.
    func tickLabels(y: Double) -> String {
        var s = "<g class=\"axis\" font-size=\"13\" fill=\"#666\">"
        // One label per 120 units of width at most (a label is about 80 wide), never more than 6.
        let count = points.count > 1 ? max(2, min(6, points.count, Int(width / 120))) : 1
        for i in ticks(count) where !points.isEmpty {
            let last = i == points.count - 1 && points.count > 1
            let anchor = i == 0 ? "start" : (last ? "end" : "middle")
            let x = i == 0 ? left : (last ? left + width : self.x(i))
            s += "<text x=\"\(SVGNumber.f(x))\" y=\"\(SVGNumber.f(y))\" text-anchor=\"\(anchor)\">\(HTMLEscaper.escape(label(i)))</text>"
        }
        return s + "</g>"
    }

    /// A short label for bucket `i`: `05-13` for day buckets, `05-13 18:00` otherwise.
    func label(_ i: Int) -> String {
        let start = points[i].start // 2018-05-13T18:00:00Z
        let day = String(start.dropFirst(5).prefix(5))
        return bucket == .day ? day : day + " " + String(start.dropFirst(11).prefix(5))
    }

    /// A human name for the bucket `i` (`2018-05-13 18:00 UTC`, or the date for day buckets).
    func name(_ i: Int) -> String {
        bucket == .day ? String(points[i].start.prefix(10)) : ReportNumbers.when(points[i].start)
    }
}

/// Formats SVG coordinates with one decimal (short output, byte-stable).
enum SVGNumber {
    static func f(_ v: Double) -> String {
        ReportNumbers.fixed(v, places: 1)
    }
}
