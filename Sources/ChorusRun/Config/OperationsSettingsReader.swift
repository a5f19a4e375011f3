import Foundation
import Yams

/// Reads the operator's top-level keys: `metrics: { textfile: PATH }` (Prometheus text
/// exposition for node_exporter's textfile collector) and `summary_log_max` (the size at
/// which `runs.log` is rotated).
struct OperationsSettingsReader {
    let builder: ConfigBuilder

    /// What was read; applied to the config once it is built.
    struct Settings {
        var metricsTextfile: URL?
        var summaryLogMaxBytes: Int?

        func apply(to config: inout ChorusConfig) {
            config.metricsTextfile = metricsTextfile
            if let summaryLogMaxBytes { config.summaryLogMaxBytes = summaryLogMaxBytes }
        }
    }

    func read(_ top: [String: (key: Node, value: Node)]) -> Settings {
        let reader = builder.reader
        var settings = Settings()
        if let node = top["summary_log_max"]?.value, let size = reader.size(node, at: "summary_log_max") {
            if size < 4096 { reader.problem(node, "summary_log_max: must be at least 4KiB") } else { settings.summaryLogMaxBytes = size }
        }
        if let node = top["metrics"]?.value, let m = reader.mapping(node, at: "metrics", allowed: ["textfile"]) {
            if let n = m["textfile"]?.value, let text = reader.nonEmptyString(n, at: "metrics.textfile") {
                if text.hasSuffix("/") {
                    reader.problem(n, "metrics.textfile: must name a file (node_exporter reads *.prom), found a folder '\(text)'")
                } else {
                    settings.metricsTextfile = builder.path(text)
                }
            } else if m["textfile"] == nil {
                reader.problem(node, "metrics: missing required key 'textfile'")
            }
        }
        return settings
    }
}
