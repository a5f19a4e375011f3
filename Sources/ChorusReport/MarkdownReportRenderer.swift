/// Renders a ``ReportSummary`` as Markdown: the page's tables (timeline, tags, turning points,
/// top items, sources) for a terminal or a chat message. Cell text is flattened to one line and
/// its pipes, backticks and angle brackets escaped.
struct MarkdownReportRenderer {
    let summary: ReportSummary

    init(_ summary: ReportSummary) {
        self.summary = summary
    }

    func document() -> String {
        let t = summary.totals
        var s = "# How the reactions moved\n\n"
        if let first = summary.series.first, let last = summary.series.last { s += "\(first.start) to \(last.start), " }
        s += "by \(summary.options.by.rawValue), per \(summary.options.bucket.rawValue) bucket. "
        s += "\(t.items) items, \(t.scored) scored, mean compound \(ReportNumbers.mean(t.meanCompound)); "
        s += ReportLabel.allCases.map { "\($0.title) \(ReportNumbers.percent(t.share($0)))" }.joined(separator: ", ") + ".\n\n"
        s += "## Sentiment over time\n\n"
        let groups = HTMLReportRenderer.lineGroups(summary)
        s += table(["bucket", "items"] + ReportLabel.allCases.map(\.title) + ["mean"] + groups.map { "mean, \($0)" }, summary.series.map { p in
            [p.start, "\(p.counts.items)"] + ReportLabel.allCases.map { "\(p.counts.count($0))" } + [ReportNumbers.mean(p.counts.meanCompound)]
                + groups.map { ReportNumbers.mean(p.groups[$0]?.meanCompound) }
        }, numeric: 1...)
        let tags = summary.tags.prefix(10).map(\.tag)
        if !tags.isEmpty {
            s += "## Reaction tags over time\n\n"
            s += table(["bucket"] + tags, summary.series.filter { p in tags.contains { p.tags[$0] != nil } }.map { p in
                [p.start] + tags.map { "\(p.tags[$0] ?? 0)" }
            }, numeric: 1...)
        }
        s += "## Turning points\n\n"
        if summary.turningPoints.isEmpty { s += "Fewer than two buckets hold scored items.\n\n" }
        for turn in summary.turningPoints {
            s += "### \(turn.start): mean \(ReportNumbers.delta(turn.delta)) (\(ReportNumbers.mean(turn.previousMean)) → \(ReportNumbers.mean(turn.mean)))\n\n"
            s += items(turn.items)
        }
        let what = summary.topListsCover == .reactions ? "reactions" : "items"
        s += "## Most positive \(what)\n\n" + items(summary.mostPositive)
        s += "## Most negative \(what)\n\n" + items(summary.mostNegative)
        s += "## Most engaged posts\n\n" + items(summary.mostEngaged)
        if summary.options.by != .source {
            s += "## Per \(summary.options.by.rawValue)\n\n"
            s += table([summary.options.by.rawValue, "items"] + ReportLabel.allCases.map(\.title) + ["mean"], summary.groups.map { g in
                [g.name] + countCells(g.counts)
            }, numeric: 1...)
        }
        s += "## Per source\n\n"
        s += table(["source", "platform", "items"] + ReportLabel.allCases.map(\.title) + ["mean", "first item", "last item"], summary.sources.map { r in
            [r.source, r.platform] + countCells(r.counts) + [r.first?.time ?? "undated", r.last?.time ?? "undated"]
        }, numeric: 2...8)
        let i = summary.input
        s += "\(i.files) files, \(i.lines) lines, \(i.items) items (\(i.duplicates) repeated lines, \(i.superseded) earlier revisions replaced, "
        s += "\(i.excluded) filtered out, \(i.malformed) unreadable, \(i.undated) undated). Times are UTC.\n"
        return s
    }

    private func countCells(_ c: ReportSummary.Counts) -> [String] {
        ["\(c.items)"] + ReportLabel.allCases.map { ReportNumbers.percent(c.share($0)) } + [ReportNumbers.mean(c.meanCompound)]
    }

    private func items(_ list: [ReportItem]) -> String {
        guard !list.isEmpty else { return "None.\n\n" }
        return table(["label", "compound", "source", "time", "excerpt", "link", "rules"], list.map { item in
            [item.label.title, item.compound.map { ReportNumbers.fixed($0, places: 3) } ?? "", item.source, item.time ?? "undated",
             item.excerpt, item.url ?? "", item.rules.joined(separator: ", ")]
        }, numeric: 1...1)
    }

    /// A Markdown table; columns in `numeric` are right-aligned.
    private func table<R: RangeExpression<Int>>(_ header: [String], _ rows: [[String]], numeric: R) -> String {
        var s = "| " + header.map(cell).joined(separator: " | ") + " |\n|"
        for i in header.indices { s += numeric.contains(i) ? " ---: |" : " --- |" }
        s += "\n"
        for row in rows {
            s += "| " + row.map(cell).joined(separator: " | ") + " |\n"
        }
        return s + "\n"
    }

    /// One line, pipes and Markdown/HTML specials escaped.
    private func cell(_ text: String) -> String {
        var out = ""
        for ch in flatten(text) {
            switch ch {
            case "|", "`", "*", "_", "[", "]", "<", ">", "\\": out.append("\\"); out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    private func flatten(_ text: String) -> String {
        ReportItem.collapse(text.replacingOccurrences(of: "|", with: "/"), limit: 400)
    }
}
