extension ReportAggregator {
    /// Reads `files` in order and returns the summary, with an error for each file that could not
    /// be read (what came before the failure in that file still counts). The aggregator, and its
    /// id table, is gone before this returns, so the memory rendering takes (a JSONEncoder tree,
    /// the page's text) reuses what the table held instead of adding to it.
    public static func summarize(_ files: [String], options: ReportOptions) -> (summary: ReportSummary, failures: [ReportError]) {
        var failures: [ReportError] = []
        let summary: ReportSummary
        do {
            let aggregator = ReportAggregator(options: options)
            for file in files {
                do { try aggregator.read(path: file) } catch { failures.append(error) }
            }
            summary = aggregator.summary()
        }
        return (summary, failures)
    }
}
