import Foundation

/// The output formats of `chorus report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// One self-contained page with inline SVG charts.
    case html
    /// The same tables as Markdown, for a terminal or a chat message.
    case md
    /// The aggregates (``ReportSummary``) for other tools.
    case json

    /// The report in this format, as UTF-8 text.
    public func render(_ summary: ReportSummary) -> String {
        switch self {
        case .html: HTMLReportRenderer(summary).page()
        case .md: MarkdownReportRenderer(summary).document()
        case .json: Self.json(summary)
        }
    }

    private static func json(_ summary: ReportSummary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(summary) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Number formats shared by the renderers (fixed decimals, no locale).
enum ReportNumbers {
    /// `0.4215`, `-0.0500`: a mean compound with a sign when negative, or an en dash for none.
    static func mean(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return fixed(value, places: 3)
    }

    /// `1,000,000`: a count with thousands separators.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `37%` of `share` (0…1).
    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }

    /// `value` with exactly `places` decimals.
    static func fixed(_ value: Double, places: Int) -> String {
        let scale = pow(10, Double(places))
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let frac = Int64(scaled) - whole * Int64(scale)
        let digits = String(frac)
        let padded = String(repeating: "0", count: max(0, places - digits.count)) + digits
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + padded : "")
    }

    /// `2018-05-13 19:00 UTC` for `2018-05-13T19:00:00Z`.
    static func when(_ rfc3339: String) -> String {
        guard rfc3339.count >= 16 else { return rfc3339 }
        return String(rfc3339.prefix(10)) + " " + String(rfc3339.dropFirst(11).prefix(5)) + " UTC"
    }

    /// `+0.512` / `-0.300`: a change with its sign.
    static func delta(_ value: Double) -> String {
        (value > 0 ? "+" : "") + fixed(value, places: 3)
    }
}
