/// The main chart as inline SVG: the mean compound per bucket (one line for all items, one per
/// shown group) over stacked bars of the label mix. Carries its own `<title>` and `<desc>`;
/// the page puts a table with the same numbers beside it.
struct TimelineChart {
    let summary: ReportSummary
    /// The groups drawn as lines (the largest, at most ``ChartPalette/maxGroups``).
    let groups: [String]

    private let width = 720.0
    private let meanTop = 24.0
    private let meanHeight = 180.0
    private let barTop = 232.0
    private let barHeight = 100.0
    private let height = 366.0
    private var axis: ChartAxis { ChartAxis(points: summary.series, bucket: summary.options.bucket, left: 44, width: width - 44 - 10) }

    /// The `<svg>` element; `id` prefixes its title and desc ids.
    func svg(id: String) -> String {
        var s = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" class="chart">\
            <title id="\(id)-title">Mean sentiment and label mix per \(bucketWord)</title>\
            <desc id="\(id)-desc">\(HTMLEscaper.escape(description))</desc>
            """
        s += grid()
        s += turns()
        s += bars()
        s += lines()
        s += axis.tickLabels(y: barTop + barHeight + 18)
        s += "</svg>"
        return s
    }

    private var bucketWord: String {
        switch summary.options.bucket {
        case .quarterHour: "15 minutes"
        case .hour: "hour"
        case .day: "day"
        }
    }

    /// A sentence or two saying what the chart shows, for screen readers.
    var description: String {
        let series = summary.series
        guard let first = series.first, let last = series.last else { return "No dated items." }
        var text = "Upper panel: mean compound (−1 to 1) of the scored items in each \(bucketWord), from \(first.start) to \(last.start), "
        text += "one thick line for all items"
        if !groups.isEmpty { text += " and one line per \(summary.options.by.rawValue): \(groups.joined(separator: ", "))" }
        text += ". Lower panel: items per \(bucketWord), stacked by label (positive, negative, neutral, mixed, not scored). "
        if !summary.turningPoints.isEmpty { text += "Shaded bands mark the turning points. " }
        text += "Only buckets that hold items are drawn, side by side; a dotted line marks skipped time. The table after the chart has the numbers."
        return text
    }

    private func y(_ mean: Double) -> Double { meanTop + (1 - mean) / 2 * meanHeight }

    private func grid() -> String {
        var s = "<g class=\"grid\">"
        for v in [1.0, 0.5, 0, -0.5, -1] {
            let yy = SVGNumber.f(y(v))
            s += "<line x1=\"44\" x2=\"\(Int(width) - 10)\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"#888\" stroke-opacity=\"\(v == 0 ? "0.6" : "0.25")\"/>"
            s += "<text x=\"38\" y=\"\(SVGNumber.f(y(v) + 4))\" text-anchor=\"end\" font-size=\"13\" fill=\"#666\">\(ReportNumbers.fixed(v, places: 1))</text>"
        }
        s += "<text x=\"4\" y=\"\(SVGNumber.f(barTop + 10))\" font-size=\"13\" fill=\"#666\">items</text>"
        for gap in axis.gaps {
            let gx = SVGNumber.f(axis.left + axis.slot * Double(gap))
            s += "<line x1=\"\(gx)\" x2=\"\(gx)\" y1=\"\(SVGNumber.f(meanTop))\" y2=\"\(SVGNumber.f(barTop + barHeight))\" stroke=\"#888\" stroke-dasharray=\"1 3\"/>"
        }
        return s + "</g>"
    }

    /// A shaded band behind each turning point's bucket, with the change written above it.
    private func turns() -> String {
        var s = "<g class=\"turns\">"
        var lastLabel = -Double.infinity
        for turn in summary.turningPoints {
            guard let i = summary.series.firstIndex(where: { $0.start == turn.start }) else { continue }
            let x = axis.left + axis.slot * Double(i)
            // A label close to the one before goes a line lower, inside the panel.
            let labelY = axis.x(i) - lastLabel < 80 ? meanTop + 14 : meanTop - 3
            lastLabel = labelY < meanTop ? axis.x(i) : lastLabel
            s += "<rect x=\"\(SVGNumber.f(x))\" y=\"\(SVGNumber.f(meanTop))\" width=\"\(SVGNumber.f(axis.slot))\" "
            s += "height=\"\(SVGNumber.f(barTop + barHeight - meanTop))\" fill=\"#888\" fill-opacity=\"0.15\">"
            s += "<title>Turning point, \(HTMLEscaper.escape(axis.name(i))): mean \(ReportNumbers.delta(turn.delta))</title></rect>"
            s += "<text x=\"\(SVGNumber.f(axis.x(i)))\" y=\"\(SVGNumber.f(labelY))\" text-anchor=\"middle\" font-size=\"12\" class=\"ink\" fill=\"#222\">"
            s += "\(turn.delta >= 0 ? "▲" : "▼") \(ReportNumbers.delta(turn.delta))</text>"
        }
        return s + "</g>"
    }

    private func bars() -> String {
        let maxItems = Double(summary.series.map(\.counts.items).max() ?? 1)
        let barWidth = max(1, axis.slot * 0.7)
        var s = "<g class=\"bars\">"
        for (i, point) in summary.series.enumerated() {
            var base = barTop + barHeight
            for label in ReportLabel.allCases {
                let n = point.counts.count(label)
                guard n > 0 else { continue }
                let h = Double(n) / maxItems * barHeight
                base -= h
                s += "<rect class=\"\(ChartPalette.labelClass(label))\" x=\"\(SVGNumber.f(axis.x(i) - barWidth / 2))\" y=\"\(SVGNumber.f(base))\" "
                s += "width=\"\(SVGNumber.f(barWidth))\" height=\"\(SVGNumber.f(h))\" fill=\"\(ChartPalette.light(label))\">"
                s += "<title>\(HTMLEscaper.escape(axis.name(i))): \(n) \(label.title)</title></rect>"
            }
        }
        return s + "</g>"
    }

    private func lines() -> String {
        var s = "<g class=\"lines\" fill=\"none\">"
        for (g, name) in groups.enumerated() {
            let points = summary.series.enumerated().compactMap { i, p in p.groups[name]?.meanCompound.map { (i, $0, p.groups[name]?.items ?? 0) } }
            s += path(points, cls: "g\(g)", color: ChartPalette.groupsLight[g], dash: ChartPalette.dashes[g], width: 1.8, label: name)
        }
        let all = summary.series.enumerated().compactMap { i, p in p.counts.meanCompound.map { (i, $0, p.counts.items) } }
        s += path(all, cls: "all", color: "#222222", dash: "", width: 3, label: "all items")
        return s + "</g>"
    }

    private func path(_ points: [(Int, Double, Int)], cls: String, color: String, dash: String, width: Double, label: String) -> String {
        guard !points.isEmpty else { return "" }
        let d = points.enumerated().map { k, p in (k == 0 ? "M" : "L") + SVGNumber.f(axis.x(p.0)) + " " + SVGNumber.f(y(p.1)) }.joined(separator: " ")
        var s = "<g class=\"\(cls)\" stroke=\"\(color)\"><title>\(HTMLEscaper.escape(label))</title>"
        s += "<path d=\"\(d)\" stroke-width=\"\(SVGNumber.f(width))\""
        if !dash.isEmpty { s += " stroke-dasharray=\"\(dash)\"" }
        s += "/>"
        // A dot per bucket while they stay apart; past that they would merge into a band.
        for p in points where axis.slot >= 4 {
            s += "<circle cx=\"\(SVGNumber.f(axis.x(p.0)))\" cy=\"\(SVGNumber.f(y(p.1)))\" r=\"\(SVGNumber.f(width + 0.8))\" fill=\"\(color)\">"
            s += "<title>\(HTMLEscaper.escape(label)), \(HTMLEscaper.escape(axis.name(p.0))): mean \(ReportNumbers.mean(p.1)) over \(p.2) items</title></circle>"
        }
        return s + "</g>"
    }
}
