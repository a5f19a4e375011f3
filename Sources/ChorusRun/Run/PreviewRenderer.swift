import Foundation
import ChorusModel

/// Prints the dry-run preview to stdout: per source a table (time, author, label and score,
/// tags, an excerpt, NEW / DUP / REV n), then one status line per source.
enum PreviewRenderer {
    static func print(sources: [String], reports: [String: SourceReport], rows: [String: [PreviewRow]]) {
        var out = ""
        for name in sources {
            guard let report = reports[name] else { continue }
            out += "== \(name): \(statusLine(report))\n"
            let items = rows[name] ?? []
            if !items.isEmpty {
                out += table(items)
            }
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
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

    static func table(_ rows: [PreviewRow]) -> String {
        let header = ["TIME", "AUTHOR", "SENTIMENT", "TAGS", "EXCERPT", ""]
        let cells: [[String]] = rows.map { row in
            let item = row.item
            let time = (item.publishedAt ?? item.updatedAt).map { RFC3339.format($0).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "") } ?? "-"
            let author = clip(item.author?.name ?? item.author?.handle ?? "-", 18)
            let sentiment = item.sentiment.map { "\($0.label.rawValue) \(String(format: "%+.2f", $0.compound))" } ?? "-"
            let tags = clip(((item.sentiment?.tags ?? []) + item.keywords.map { "#\($0)" }).joined(separator: ","), 24)
            let text = [item.title, item.text].compactMap { $0 }.joined(separator: " — ")
            let excerpt = clip(text.split(whereSeparator: \.isNewline).joined(separator: " "), 60)
            return [time, author, sentiment, tags.isEmpty ? "-" : tags, excerpt, row.verdict]
        }
        var widths = header.map(\.count)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, c in i == row.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "\n"
        }
        return line(header) + cells.map(line).joined()
    }

    static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
