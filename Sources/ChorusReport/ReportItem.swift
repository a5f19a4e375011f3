import Foundation
public import ChorusModel

/// One item as a report shows it (top lists, turning points): where it came from, when, an
/// excerpt, its link, and the label with the rules that decided it.
public struct ReportItem: Sendable, Equatable, Codable {
    public var id: String
    public var revision: Int
    public var source: String
    public var platform: String
    /// RFC 3339 UTC, or nil for an undated item.
    public var time: String?
    public var title: String?
    /// The text (else the title), blanks collapsed, cut at ``excerptLength`` characters.
    public var excerpt: String
    public var url: String?
    public var label: ReportLabel
    /// Nil when not scored.
    public var compound: Double?
    /// `sentiment.rules`: what decided the label (as `chorus score --explain` gives them).
    public var rules: [String]
    /// `sentiment.tags`: the reaction tags.
    public var tags: [String]
    public var metrics: Metrics
    public var engagement: Int64

    /// Characters kept of the text.
    public static let excerptLength = 220
    /// Raw bytes of the text read for an excerpt.
    static let excerptBytes = excerptLength * 8

    enum CodingKeys: String, CodingKey {
        case id, revision, source, platform, time, title, excerpt, url, label, compound, rules, tags, metrics, engagement
    }

    /// Decodes the displayed fields of `record` from its line.
    init(_ record: ReportRecord, line: UnsafeBufferPointer<UInt8>) {
        id = record.id?.decode(in: line) ?? ""
        revision = record.revision
        source = record.source?.decode(in: line) ?? ""
        platform = record.platform?.decode(in: line) ?? ""
        time = record.time.map { RFC3339.format(Date(timeIntervalSince1970: Double($0))) }
        title = record.title.map { Self.collapse($0.decode(in: line), limit: Self.excerptLength) }
        excerpt = Self.excerpt(of: record, line: line)
        url = record.url?.decode(in: line)
        label = record.label
        compound = record.label == .notScored ? nil : Double(record.compound) / 10_000
        rules = Self.strings(record.rules, line: line)
        tags = record.tags.map { $0.decode(in: line) }
        metrics = record.metrics
        engagement = record.metrics.engagement
    }

    /// A short excerpt of the text (else the title) of `record`, decoding only its first bytes.
    static func excerpt(of record: ReportRecord, line: UnsafeBufferPointer<UInt8>) -> String {
        guard let range = record.text ?? record.title else { return "" }
        // Four bytes per character at most, plus room for escapes and collapsed blanks.
        return collapse(range.prefix(excerptBytes, in: line).decode(in: line), limit: excerptLength)
    }

    /// Blanks (and newlines) collapsed to one space, cut at `limit` Unicode scalars with an
    /// ellipsis. Scalars, not characters: walking grapheme clusters made this the hottest code
    /// of a report (perf, scripts/bench.d/report); a cut may split an emoji sequence.
    static func collapse(_ text: String, limit: Int) -> String {
        var out = String.UnicodeScalarView()
        var count = 0
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let blank = scalar.isASCII ? (scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)) : scalar.properties.isWhitespace
            if blank { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); count += 1; pendingSpace = false }
            if count >= limit { out.append("…"); break }
            out.append(scalar)
            count += 1
        }
        return String(out)
    }

    /// The strings in the raw JSON array at `span`.
    private static func strings(_ span: Range<Int>?, line: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let span else { return [] }
        var cursor = JSONCursor(UnsafeBufferPointer(rebasing: line[span]))
        var out: [String] = []
        _ = cursor.array { c in
            if let s = c.string() { out.append(s.decode(in: c.bytes)); return true }
            return c.skipValue()
        }
        return out
    }
}
