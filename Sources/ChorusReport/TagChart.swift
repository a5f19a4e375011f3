/// Reaction tags over time as inline SVG: one row per tag (the most frequent first), one cell
/// per bucket, darker for more items; each cell's `<title>` has its count.
struct TagChart {
    let summary: ReportSummary
    /// The tags drawn (the most frequent).
    let tags: [String]

    private let width = 720.0
    private let left = 120.0
    private let row = 22.0

    /// The `<svg>` element; `id` prefixes its title and desc ids.
    func svg(id: String) -> String {
        let axis = ChartAxis(points: summary.series, bucket: summary.options.bucket, left: left, width: width - left - 10)
        let height = Double(tags.count) * row + 30
        let maxCount = Double(summary.series.flatMap { p in tags.map { p.tags[$0] ?? 0 } }.max() ?? 1)
        var s = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" class="chart">\
            <title id="\(id)-title">Reaction tags over time</title>\
            <desc id="\(id)-desc">\(HTMLEscaper.escape(description))</desc>
            """
        for (r, tag) in tags.enumerated() {
            let top = Double(r) * row + 4
            s += "<text x=\"\(SVGNumber.f(left - 8))\" y=\"\(SVGNumber.f(top + row / 2 + 4))\" text-anchor=\"end\" font-size=\"13\" class=\"ink\" fill=\"#222\">\(HTMLEscaper.escape(tag))</text>"
            s += "<rect x=\"\(SVGNumber.f(left))\" y=\"\(SVGNumber.f(top))\" width=\"\(SVGNumber.f(axis.width))\" height=\"\(SVGNumber.f(row - 4))\" fill=\"#888\" fill-opacity=\"0.08\"/>"
            for (i, point) in summary.series.enumerated() {
                guard let n = point.tags[tag], n > 0 else { continue }
                let opacity = 0.2 + 0.8 * Double(n) / maxCount
                s += "<rect class=\"tagcell\" x=\"\(SVGNumber.f(axis.left + axis.slot * Double(i)))\" y=\"\(SVGNumber.f(top))\" "
                s += "width=\"\(SVGNumber.f(max(1, axis.slot - 1)))\" height=\"\(SVGNumber.f(row - 4))\" fill=\"#009E73\" fill-opacity=\"\(ReportNumbers.fixed(opacity, places: 2))\">"
                s += "<title>\(HTMLEscaper.escape(tag)), \(HTMLEscaper.escape(axis.name(i))): \(n) items</title></rect>"
            }
        }
        s += axis.tickLabels(y: height - 6)
        return s + "</svg>"
    }

    /// What the chart shows, for screen readers.
    var description: String {
        let totals = summary.tags.filter { tags.contains($0.tag) }.map { "\($0.tag) \($0.items)" }.joined(separator: ", ")
        return "One row per reaction tag (\(totals) items in all), one cell per time bucket that holds items; a darker cell holds more items. The table after the chart has the numbers."
    }
}
