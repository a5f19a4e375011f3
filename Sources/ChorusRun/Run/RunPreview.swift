public import ChorusModel

/// What a dry run shows a person, as a value for the command to format (``PreviewRenderer``):
/// the sources in config order, each one's report, and the rows of its table.
public struct RunPreview: Sendable {
    /// Source names in config order (those without a report are left out of the table).
    public var sources: [String]
    public var reports: [String: SourceReport]
    public var rows: [String: [PreviewRow]]

    public init(sources: [String], reports: [String: SourceReport], rows: [String: [PreviewRow]]) {
        self.sources = sources
        self.reports = reports
        self.rows = rows
    }
}

/// One line of the dry-run table.
public struct PreviewRow: Sendable {
    public var item: Item
    /// NEW, DUP or REV n.
    public var verdict: String

    public init(item: Item, verdict: String) {
        self.item = item
        self.verdict = verdict
    }
}
