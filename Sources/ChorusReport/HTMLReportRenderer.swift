/// Renders a ``ReportSummary`` as one self-contained page: inline CSS and SVG, no scripts, no
/// fonts, no requests, so it opens from a mail attachment or an air-gapped share. The page is
/// polyglot (well-formed XML as well as HTML5), every item string is escaped, and every chart
/// has a table with the same numbers.
struct HTMLReportRenderer {
    let summary: ReportSummary
    /// The groups drawn as lines in the timeline.
    let lineGroups: [String]
    /// The tags drawn in the tag chart.
    let chartTags: [String]

    init(_ summary: ReportSummary) {
        self.summary = summary
        lineGroups = Self.lineGroups(summary)
        chartTags = Array(summary.tags.prefix(10).map(\.tag))
    }

    /// The groups that get a line (and a column in the timeline tables): the largest, at most
    /// ``ChartPalette/maxGroups``; none when there is only one (its line would cover the
    /// all-items line).
    static func lineGroups(_ summary: ReportSummary) -> [String] {
        let groups = summary.groups.map(\.name)
        return groups.count > 1 ? Array(groups.prefix(ChartPalette.maxGroups)) : []
    }

    /// The whole page.
    func page() -> String {
        var s = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="color-scheme" content="light dark"/>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>
            <title>\(HTMLEscaper.escape(title))</title>
            <style>
            \(ReportStylesheet.css)</style></head>
            <body><main>

            """
        s += header()
        s += timeline()
        s += tagSection()
        s += turningPoints()
        let what = summary.topListsCover == .reactions ? "reactions" : "items"
        s += itemSection("Most positive \(what)", summary.mostPositive, empty: "No item scored positive.")
        s += itemSection("Most negative \(what)", summary.mostNegative, empty: "No item scored negative.")
        s += itemSection("Most engaged posts", summary.mostEngaged, empty: "No item carries engagement metrics.")
        s += groupsTable()
        s += sourcesTable()
        s += footer()
        s += "</main></body></html>\n"
        return s
    }

    private var title: String {
        guard let first = summary.series.first, let last = summary.series.last else { return "Chorus report" }
        return "Chorus report: \(first.start.prefix(10)) to \(last.start.prefix(10))"
    }

    private func header() -> String {
        let t = summary.totals
        var s = "<header><h1>How the reactions moved</h1><p class=\"meta\">"
        if let first = summary.series.first, let last = summary.series.last {
            s += "\(HTMLEscaper.escape(ReportNumbers.when(first.start))) to \(HTMLEscaper.escape(ReportNumbers.when(last.start))), "
        }
        s += "by \(summary.options.by.rawValue), per \(summary.options.bucket.rawValue) bucket"
        if !summary.options.keywords.isEmpty {
            s += ", keywords: " + summary.options.keywords.map(HTMLEscaper.escape).joined(separator: ", ")
        }
        if let since = summary.options.since { s += ", since \(HTMLEscaper.escape(since))" }
        if let until = summary.options.until { s += ", until \(HTMLEscaper.escape(until))" }
        s += ".</p><ul class=\"tiles\">"
        s += "<li>items<b>\(ReportNumbers.count(t.items))</b></li><li>scored<b>\(ReportNumbers.count(t.scored))</b></li>"
        s += "<li>mean compound<b>\(ReportNumbers.mean(t.meanCompound))</b></li>"
        for label in ReportLabel.allCases where t.count(label) > 0 {
            s += "<li>\(label.title)<b>\(ReportNumbers.percent(t.share(label)))</b></li>"
        }
        return s + "</ul></header>\n"
    }

    private func timeline() -> String {
        var s = "<section><h2>Sentiment over time</h2>"
        guard !summary.series.isEmpty else { return s + "<p class=\"note\">No dated items.</p></section>\n" }
        s += "<figure><div class=\"scroll\">" + TimelineChart(summary: summary, groups: lineGroups).svg(id: "timeline") + "</div>"
        s += "<figcaption>Line: mean compound of the scored items per bucket (thick: all items). Bars: items per bucket by label.</figcaption></figure>"
        s += legend()
        s += "<details><summary>Table: the timeline's numbers</summary><div class=\"scroll\"><table><thead><tr><th>bucket</th><th class=\"n\">items</th>"
        for label in ReportLabel.allCases { s += "<th class=\"n\">\(label.title)</th>" }
        s += "<th class=\"n\">mean</th>"
        for g in lineGroups { s += "<th class=\"n\">mean, \(HTMLEscaper.escape(g))</th>" }
        s += "</tr></thead><tbody>"
        for p in summary.series {
            s += "<tr><td>\(HTMLEscaper.escape(p.start))</td><td class=\"n\">\(p.counts.items)</td>"
            for label in ReportLabel.allCases { s += "<td class=\"n\">\(p.counts.count(label))</td>" }
            s += "<td class=\"n\">\(ReportNumbers.mean(p.counts.meanCompound))</td>"
            for g in lineGroups { s += "<td class=\"n\">\(ReportNumbers.mean(p.groups[g]?.meanCompound))</td>" }
            s += "</tr>"
        }
        return s + "</tbody></table></div></details></section>\n"
    }

    /// The key to the timeline's colours and dashes (HTML, so it wraps on a narrow screen).
    private func legend() -> String {
        var s = "<ul class=\"legend\">"
        s += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"26\" height=\"10\" aria-hidden=\"true\"><g class=\"all\" stroke=\"#222222\"><line x1=\"0\" y1=\"5\" x2=\"26\" y2=\"5\" stroke-width=\"3\"/></g></svg>all items</li>"
        for (i, g) in lineGroups.enumerated() {
            let dash = ChartPalette.dashes[i].isEmpty ? "" : " stroke-dasharray=\"\(ChartPalette.dashes[i])\""
            s += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"26\" height=\"10\" aria-hidden=\"true\"><g class=\"g\(i)\" stroke=\"\(ChartPalette.groupsLight[i])\"><line x1=\"0\" y1=\"5\" x2=\"26\" y2=\"5\" stroke-width=\"2\"\(dash)/></g></svg>\(HTMLEscaper.escape(g))</li>"
        }
        for label in ReportLabel.allCases {
            s += "<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"12\" height=\"12\" aria-hidden=\"true\"><rect class=\"\(ChartPalette.labelClass(label))\" width=\"12\" height=\"12\" fill=\"\(ChartPalette.light(label))\"/></svg>\(label.title)</li>"
        }
        return s + "</ul>"
    }

    private func tagSection() -> String {
        var s = "<section><h2>Reaction tags over time</h2>"
        guard !chartTags.isEmpty, !summary.series.isEmpty else { return s + "<p class=\"note\">No reaction tags.</p></section>\n" }
        s += "<figure><div class=\"scroll\">" + TagChart(summary: summary, tags: chartTags).svg(id: "tags") + "</div>"
        s += "<figcaption>Darker cells hold more items with the tag.</figcaption></figure>"
        s += "<details><summary>Table: tags per bucket</summary><div class=\"scroll\"><table><thead><tr><th>bucket</th>"
        for tag in chartTags { s += "<th class=\"n\">\(HTMLEscaper.escape(tag))</th>" }
        s += "</tr></thead><tbody>"
        for p in summary.series where chartTags.contains(where: { p.tags[$0] != nil }) {
            s += "<tr><td>\(HTMLEscaper.escape(p.start))</td>"
            for tag in chartTags { s += "<td class=\"n\">\(p.tags[tag] ?? 0)</td>" }
            s += "</tr>"
        }
        s += "<tr><th>all</th>"
        for tag in chartTags { s += "<th class=\"n\">\(summary.tags.first { $0.tag == tag }?.items ?? 0)</th>" }
        return s + "</tr></tbody></table></div></details></section>\n"
    }

    private func footer() -> String {
        let i = summary.input
        return """
            <footer><p class="note">Made by <code>chorus report</code> from \(i.files) files, \(i.lines) lines: \(i.items) items counted \
            (each id once, at its latest revision; \(i.duplicates) repeated lines, \(i.superseded) earlier revisions replaced, \
            \(i.excluded) items filtered out, \(i.malformed) unreadable lines, \(i.undated) undated items counted but not drawn). \
            Times are UTC. Not scored: no sentiment, or a label other than positive, negative, neutral, mixed.</p></footer>

            """
    }
}
