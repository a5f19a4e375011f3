import ChorusModel

extension HTMLReportRenderer {
    /// The buckets where the mean moved most, each with the items that moved it.
    func turningPoints() -> String {
        var s = "<section><h2>Turning points</h2>"
        guard !summary.turningPoints.isEmpty else { return s + "<p class=\"note\">Fewer than two buckets hold scored items.</p></section>\n" }
        s += "<p class=\"note\">The buckets where the mean compound moved most from the bucket before, with the items that pulled it that way.</p>"
        for turn in summary.turningPoints {
            let direction = turn.delta >= 0 ? "up" : "down"
            s += "<div class=\"turn\"><h3>\(time(turn.start)): mean \(direction) \(ReportNumbers.delta(turn.delta))</h3>"
            s += "<p class=\"meta\">\(ReportNumbers.mean(turn.previousMean)) at \(time(turn.previousStart)) → \(ReportNumbers.mean(turn.mean))</p>"
            s += items(turn.items)
            s += "</div>"
        }
        return s + "</section>\n"
    }

    /// A titled list of item cards.
    func itemSection(_ title: String, _ list: [ReportItem], empty: String) -> String {
        var s = "<section><h2>\(HTMLEscaper.escape(title))</h2>"
        s += list.isEmpty ? "<p class=\"note\">\(HTMLEscaper.escape(empty))</p>" : items(list)
        return s + "</section>\n"
    }

    private func items(_ list: [ReportItem]) -> String {
        "<ol class=\"items\">" + list.map(card).joined() + "</ol>"
    }

    /// One item: source, time, label and compound, excerpt, link, metrics, tags and rules.
    private func card(_ item: ReportItem) -> String {
        var s = "<li class=\"item\"><div class=\"head\">"
        s += "<span class=\"badge \(ChartPalette.labelClass(item.label))\">\(item.label.title)"
        if let c = item.compound { s += " \(ReportNumbers.fixed(c, places: 3))" }
        s += "</span> \(HTMLEscaper.escape(item.source)) · \(HTMLEscaper.escape(item.platform)) · \(item.time.map(time) ?? "undated")"
        if item.engagement > 0 { s += " · " + HTMLEscaper.escape(metrics(item.metrics)) }
        s += "</div>"
        if let title = item.title, !title.isEmpty, title != item.excerpt { s += "<strong>\(HTMLEscaper.escape(title))</strong>" }
        s += "<blockquote>\(HTMLEscaper.escape(item.excerpt))</blockquote>"
        if let link = HTMLEscaper.safeLink(item.url) {
            s += "<div><a href=\"\(HTMLEscaper.escape(link))\" rel=\"noreferrer noopener\">\(HTMLEscaper.escape(link))</a></div>"
        } else if let url = item.url {
            s += "<div class=\"note\">link (not http): \(HTMLEscaper.escape(url))</div>"
        }
        if !item.tags.isEmpty { s += "<div class=\"note\">tags: \(item.tags.map(HTMLEscaper.escape).joined(separator: ", "))</div>" }
        if !item.rules.isEmpty {
            s += "<div class=\"note\">rules: " + item.rules.map { "<code>\(HTMLEscaper.escape($0))</code>" }.joined(separator: " ") + "</div>"
        }
        return s + "</li>"
    }

    /// A `<time>` element: `2018-05-13 19:00 UTC` for people, the RFC 3339 form for machines.
    func time(_ rfc3339: String) -> String {
        "<time datetime=\"\(HTMLEscaper.escape(rfc3339))\">\(HTMLEscaper.escape(ReportNumbers.when(rfc3339)))</time>"
    }

    /// `12 likes, 3 reposts, 1 reply`.
    func metrics(_ m: Metrics) -> String {
        let parts: [(Int64?, String, String)] = [
            (m.likes, "like", "likes"), (m.reposts, "repost", "reposts"), (m.replies, "reply", "replies"),
            (m.quotes, "quote", "quotes"), (m.score, "score", "score"),
        ]
        return parts.compactMap { v, one, many in v.flatMap { $0 > 0 ? "\($0) \($0 == 1 ? one : many)" : nil } }.joined(separator: ", ")
    }

    /// Groups under the chosen grouping (the sources table covers `--by source`).
    func groupsTable() -> String {
        guard summary.options.by != .source, !summary.groups.isEmpty else { return "" }
        var s = "<section><h2>Per \(summary.options.by.rawValue)</h2><div class=\"scroll\"><table><thead><tr><th>\(summary.options.by.rawValue)</th>"
        s += countsHeader() + "</tr></thead><tbody>"
        for g in summary.groups { s += "<tr><td>\(HTMLEscaper.escape(g.name))</td>" + countsCells(g.counts) + "</tr>" }
        return s + "</tbody></table></div></section>\n"
    }

    /// Per source: items, label shares, mean, first and last item.
    func sourcesTable() -> String {
        var s = "<section><h2>Per source</h2><div class=\"scroll\"><table><thead><tr><th>source</th>"
        s += countsHeader() + "<th>first item</th><th>last item</th></tr></thead><tbody>"
        for row in summary.sources {
            s += "<tr><td>\(HTMLEscaper.escape(row.source))<br/><span class=\"note\">\(HTMLEscaper.escape(row.platform))</span></td>"
            s += countsCells(row.counts)
            for moment in [row.first, row.last] {
                if let moment {
                    s += "<td>\(time(moment.time))<br/><span class=\"note\">\(HTMLEscaper.escape(ReportItem.collapse(moment.excerpt, limit: 80)))</span></td>"
                } else {
                    s += "<td>undated</td>"
                }
            }
            s += "</tr>"
        }
        return s + "</tbody></table></div></section>\n"
    }

    private func countsHeader() -> String {
        "<th class=\"n\">items</th>" + ReportLabel.allCases.map { "<th class=\"n\">\($0.title)</th>" }.joined() + "<th class=\"n\">mean</th>"
    }

    private func countsCells(_ c: ReportSummary.Counts) -> String {
        "<td class=\"n\">\(c.items)</td>" + ReportLabel.allCases.map { "<td class=\"n\">\(ReportNumbers.percent(c.share($0)))</td>" }.joined()
            + "<td class=\"n\">\(ReportNumbers.mean(c.meanCompound))</td>"
    }
}
