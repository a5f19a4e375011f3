import Foundation
import ChorusModel

/// Formats the dry-run preview (``RunPreview``) for `chorus ingest --dry-run` to print: per
/// source a status line and a table (time, author, sentiment score and label, sentiment tags,
/// matched keywords, an excerpt, NEW / DUP / REV n) that fits a terminal `width` columns wide
/// (see ``TerminalWidth``), measured in display columns.
public enum PreviewRenderer {
    /// The whole preview for a terminal `width` columns wide.
    public static func render(_ preview: RunPreview, width: Int) -> String {
        render(sources: preview.sources, reports: preview.reports, rows: preview.rows, width: width)
    }

    /// The whole preview for a terminal `width` columns wide.
    static func render(sources: [String], reports: [String: SourceReport], rows: [String: [PreviewRow]], width: Int) -> String {
        var out = ""
        for name in sources {
            guard let report = reports[name] else { continue }
            out += DisplayWidth.clip(DisplayWidth.singleLine("== \(name): \(statusLine(report))"), to: width) + "\n"
            let items = rows[name] ?? []
            if !items.isEmpty {
                out += table(items, width: width)
            }
            out += "\n"
        }
        return out
    }

    static func statusLine(_ r: SourceReport) -> String {
        switch r.status {
        case .error: return "ERROR \(r.error ?? "")"
        case .notDue: return "not due"
        case .disabled: return "disabled"
        case .cancelled: return "cancelled"
        case .quarantined: return "QUARANTINED \(r.error ?? "")"
        case .notModified: return "304 not modified"
        case .ok:
            return "HTTP \(r.httpStatus.map(String.init) ?? "-"), \(r.fetched) fetched, \(r.new) new, \(r.revisions) revised, \(r.duplicate) duplicate"
                + (r.filtered > 0 ? ", \(r.filtered) filtered" : "")
        }
    }

    /// A column of the table: its header, how narrow it may get, how wide it may grow, and
    /// whether it is dropped (in `dropOrder`) when even the narrowest table does not fit.
    private struct Column {
        var header: String
        var minimum: Int
        var maximum: Int
    }

    private static let gap = 2
    // TIME, AUTHOR, SENTIMENT, TAGS, KEYWORDS, EXCERPT, verdict.
    private static let columns = [
        Column(header: "TIME", minimum: 16, maximum: 16), Column(header: "AUTHOR", minimum: 6, maximum: 18),
        Column(header: "SENTIMENT", minimum: 9, maximum: 14), Column(header: "TAGS", minimum: 6, maximum: 24),
        Column(header: "KEYWORDS", minimum: 8, maximum: 20), Column(header: "EXCERPT", minimum: 10, maximum: .max),
        Column(header: "", minimum: 5, maximum: 5),
    ]
    /// How the columns give up width when the table is too wide, in order: the excerpt down to
    /// a readable 40, then author, tags, keywords and sentiment to their minimum, then the
    /// excerpt to its minimum. Then keywords, tags and author are dropped, in that order.
    private static let shrinkSteps = [(5, 40), (1, 6), (3, 6), (4, 8), (2, 9), (5, 10)]
    private static let dropOrder = [4, 3, 1]
    /// Below this width the time loses its year (`05-14 09:30`).
    private static let fullTimeWidth = 100

    static func cells(_ row: PreviewRow) -> [String] {
        let item = row.item
        let time = (item.publishedAt ?? item.updatedAt).map { String(RFC3339.format($0).replacingOccurrences(of: "T", with: " ").prefix(16)) } ?? "-"
        let author = item.author?.name ?? item.author?.handle ?? "-"
        // Score first, so a narrow column still shows the number.
        let sentiment = item.sentiment.map { $0.scored ? "\(String(format: "%+.2f", $0.compound)) \($0.label.rawValue)" : "not scored" } ?? "-"
        let tags = (item.sentiment?.tags ?? []).joined(separator: ",")
        let keywords = item.keywords.joined(separator: ",")
        let text = [item.title, item.text].compactMap { $0 }.joined(separator: " — ")
        return [time, author, sentiment, tags, keywords, text, row.verdict].map { cell in
            let line = DisplayWidth.singleLine(cell)
            return line.isEmpty ? "-" : line
        }
    }

    static func table(_ rows: [PreviewRow], width: Int) -> String {
        var body = rows.map(cells)
        var columns = Self.columns
        if width < fullTimeWidth {
            columns[0].minimum = 11
            columns[0].maximum = 11
            for r in body.indices where body[r][0].count == 16 { body[r][0] = String(body[r][0].dropFirst(5)) }
        }
        var shown = Array(columns.indices)
        // A column with nothing in it (no keywords tracked, no tags) is left out.
        shown.removeAll { i in (i == 3 || i == 4) && body.allSatisfy { $0[i] == "-" } }
        var widths = columns.indices.map { i in
            min(columns[i].maximum, max(DisplayWidth.of(columns[i].header), body.map { DisplayWidth.of($0[i]) }.max() ?? 0))
        }
        func total() -> Int { shown.reduce(0) { $0 + widths[$1] } + gap * (shown.count - 1) }
        for (i, floor) in shrinkSteps where total() > width && shown.contains(i) {
            widths[i] = max(min(widths[i], floor), widths[i] - (total() - width))
        }
        for i in dropOrder where total() > width {
            shown.removeAll { $0 == i }
        }
        func line(_ row: [String]) -> String {
            let text = shown.enumerated().map { position, i in
                let cell = DisplayWidth.clip(row[i], to: widths[i])
                return position == shown.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[i])
            }.joined(separator: String(repeating: " ", count: gap))
            // Only a terminal narrower than the narrowest table gets lines cut at its edge.
            return DisplayWidth.clip(text, to: width) + "\n"
        }
        return line(columns.map(\.header)) + body.map(line).joined()
    }
}
