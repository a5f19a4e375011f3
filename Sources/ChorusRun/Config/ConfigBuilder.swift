import Foundation
import ChorusFetch
import Yams

/// Builds a `ChorusConfig` from the YAML tree, section by section, through a `ConfigReader`
/// that records problems. Returns nil when something required is missing.
struct ConfigBuilder {
    let reader: ConfigReader
    /// The config file's folder: relative paths are resolved against it.
    let base: URL

    static let topKeys = ["output", "state", "concurrency", "max_per_host", "max_duration", "log_level", "summary_log", "summary_log_max", "metrics", "keywords", "sentiment", "defaults", "sources"]
    static let sourceCommonKeys = ["name", "type", "enabled", "interval", "timeout", "connect_timeout", "max_bytes", "retries", "user_agent", "headers", "deny_private_networks", "proxy", "ca_bundle"]

    func build(_ root: Node, file: URL) -> ChorusConfig? {
        guard let top = reader.mapping(root, at: "config", allowed: Self.topKeys) else { return nil }
        var missing = false
        func require(_ key: String) -> Node? {
            if let v = top[key]?.value { return v }
            reader.problem(root, "config: missing required key '\(key)'")
            missing = true
            return nil
        }
        let output = require("output").flatMap(outputSettings)
        let state = require("state").flatMap { stateSettings($0, output: output) }
        let concurrency = top["concurrency"].flatMap { reader.int($0.value, at: "concurrency", range: 1...1024) } ?? 32
        let maxPerHost = top["max_per_host"].flatMap { reader.int($0.value, at: "max_per_host", range: 1...1024) } ?? 6
        let maxDuration = top["max_duration"].flatMap { reader.duration($0.value, at: "max_duration") }
        var logLevel: String?
        if let node = top["log_level"]?.value, let s = reader.string(node, at: "log_level") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            if levels.contains(s) { logLevel = s } else { reader.problem(node, "log_level: must be one of \(levels.joined(separator: ", "))") }
        }
        let summaryLog = top["summary_log"].flatMap { reader.nonEmptyString($0.value, at: "summary_log") }.map(path)
        let keywords = top["keywords"].flatMap { keywordSettings($0.value) } ?? KeywordSettings()
        let sentiment = top["sentiment"].flatMap { sentimentSettings($0.value) } ?? SentimentSettings()
        let defaults = top["defaults"].flatMap { sourceDefaults($0.value) } ?? SourceDefaults()
        let sources = require("sources").flatMap { sourceList($0, defaults: defaults) } ?? []
        let operations = OperationsSettingsReader(builder: self).read(top)
        guard !missing, let output, let state else { return nil }
        var config = ChorusConfig(
            file: file, output: output, state: state, concurrency: concurrency, maxPerHost: maxPerHost, maxDuration: maxDuration,
            logLevel: logLevel, summaryLog: summaryLog, keywords: keywords, sentiment: sentiment, sources: sources)
        operations.apply(to: &config)
        return config
    }

    func path(_ text: String) -> URL {
        let expanded = (text as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return base.appendingPathComponent(expanded).standardizedFileURL
    }

    private func outputSettings(_ node: Node) -> OutputSettings? {
        guard let m = reader.mapping(node, at: "output", allowed: ["dir", "layout", "gzip", "prefix", "postgres"]) else { return nil }
        guard let dirNode = m["dir"]?.value else {
            reader.problem(node, "output: missing required key 'dir'")
            return nil
        }
        guard let dir = reader.nonEmptyString(dirNode, at: "output.dir") else { return nil }
        var settings = OutputSettings(dir: path(dir))
        if let n = m["layout"]?.value, let s = reader.string(n, at: "output.layout") {
            if let layout = OutputSettings.Layout(rawValue: s) { settings.layout = layout } else {
                reader.problem(n, "output.layout: must be 'date' or 'flat', found '\(s)'")
            }
        }
        if let n = m["gzip"]?.value, let v = reader.bool(n, at: "output.gzip") { settings.gzip = v }
        if let n = m["prefix"]?.value, let s = reader.nonEmptyString(n, at: "output.prefix") {
            if s.contains("/") { reader.problem(n, "output.prefix: must not contain '/'") } else { settings.prefix = s }
        }
        if let n = m["postgres"]?.value { settings.postgresTable = PostgresItemTable.read(n, reader: reader) }
        return settings
    }

    private func stateSettings(_ node: Node, output: OutputSettings?) -> StateSettings? {
        guard let m = reader.mapping(node, at: "state", allowed: ["path", "retention", "url", "password", "lease"]) else { return nil }
        var settings: StateSettings
        if let urlNode = m["url"]?.value {
            guard let remote = PostgresStateSettings.read(m, urlNode: urlNode, reader: reader), let output else { return nil }
            settings = StateSettings(path: output.dir.appendingPathComponent(".chorus/run"), url: remote.url, password: remote.password)
            if let n = m["lease"]?.value, let v = reader.duration(n, at: "state.lease") {
                if v < 1 { reader.problem(n, "state.lease: must be at least 1s") } else { settings.lease = v }
            }
            settings.table = output.postgresTable
        } else {
            guard let pathNode = m["path"]?.value else {
                reader.problem(node, "state: missing required key 'path' (or 'url' for PostgreSQL)")
                return nil
            }
            for key in ["password", "lease"] {
                if let n = m[key]?.key { reader.problem(n, "state.\(key): only with state.url (a PostgreSQL state)") }
            }
            if output?.postgresTable != nil { reader.problem(node, "output.postgres: needs a PostgreSQL state (state.url)") }
            guard let p = reader.nonEmptyString(pathNode, at: "state.path") else { return nil }
            settings = StateSettings(path: path(p))
        }
        if let n = m["retention"]?.value, let v = reader.duration(n, at: "state.retention") {
            if v < 3600 { reader.problem(n, "state.retention: must be at least 1h") } else { settings.retention = v }
        }
        return settings
    }

    private func keywordSettings(_ node: Node) -> KeywordSettings? {
        guard let m = reader.mapping(node, at: "keywords", allowed: ["track", "filter"]) else { return nil }
        var settings = KeywordSettings()
        if let n = m["track"]?.value, let list = reader.stringList(n, at: "keywords.track") { settings.track = list }
        if let n = m["filter"]?.value, let v = reader.bool(n, at: "keywords.filter") {
            if v && settings.track.isEmpty { reader.problem(n, "keywords.filter: needs keywords.track to list at least one keyword") }
            settings.filter = v
        }
        return settings
    }

    private func sentimentSettings(_ node: Node) -> SentimentSettings? {
        let keys = ["enabled", "lexicons", "rules", "disabled_rules", "positive_threshold", "negative_threshold", "mixed_threshold", "title_weight"]
        guard let m = reader.mapping(node, at: "sentiment", allowed: keys) else { return nil }
        var settings = SentimentSettings()
        if let n = m["enabled"]?.value, let v = reader.bool(n, at: "sentiment.enabled") { settings.enabled = v }
        if let n = m["lexicons"]?.value { settings.configuration.lexiconFiles = files(n, at: "sentiment.lexicons") }
        if let n = m["rules"]?.value { settings.configuration.ruleFiles = files(n, at: "sentiment.rules") }
        if let n = m["disabled_rules"]?.value, let list = reader.stringList(n, at: "sentiment.disabled_rules") {
            settings.configuration.disabledRules = Set(list)
        }
        func number(_ key: String, _ range: ClosedRange<Double>) -> Double? {
            guard let n = m[key]?.value, let s = reader.string(n, at: "sentiment.\(key)") else { return nil }
            guard let v = Double(s), range.contains(v) else {
                reader.problem(n, "sentiment.\(key): expected a number in \(range.lowerBound)...\(range.upperBound), found '\(s)'")
                return nil
            }
            return v
        }
        if let v = number("positive_threshold", 0...1) { settings.configuration.positiveThreshold = v }
        if let v = number("negative_threshold", -1...0) { settings.configuration.negativeThreshold = v }
        if let v = number("mixed_threshold", 0...2) { settings.configuration.mixedThreshold = v }
        if let v = number("title_weight", 0...1) { settings.configuration.titleWeight = v }
        return settings
    }

    /// A list of existing files, resolved against the config folder.
    private func files(_ n: Node, at path: String) -> [URL] {
        guard let list = reader.stringList(n, at: path) else { return [] }
        let urls = list.map(self.path)
        for (i, url) in urls.enumerated() where !FileManager.default.fileExists(atPath: url.path) {
            let element: Node = if case .sequence(let seq) = n, i < seq.count { seq[i] } else { n }
            reader.problem(element, "\(path): \(url.path) does not exist")
        }
        return urls
    }

    /// C0 and C1 control characters and DEL.
    static func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || (0x7F...0x9F).contains(u.value) }

    /// True when `value` cannot be sent as a header value: CR, LF, NUL or another control
    /// character (a tab is allowed).
    static func breaksHeader(_ value: String) -> Bool { value.unicodeScalars.contains { isControl($0) && $0 != "\t" } }

    /// An RFC 9110 token: visible ASCII without separators.
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { u in
            u.value > 0x20 && u.value < 0x7F && !"\"(),/:;<=>?@[\\]{}".unicodeScalars.contains(u)
        }
    }

    /// Per-source settings that `defaults:` may set for every source.
    struct SourceDefaults {
        var interval: Double = 900
        var enabled = true
        var policy = FetchPolicy()
        var headers: [(name: String, value: String)] = []
    }

    private func sourceDefaults(_ node: Node) -> SourceDefaults? {
        let keys = Self.sourceCommonKeys.filter { $0 != "name" && $0 != "type" }
        guard let m = reader.mapping(node, at: "defaults", allowed: keys) else { return nil }
        var d = SourceDefaults()
        applyCommon(m, at: "defaults", to: &d)
        return d
    }

    func applyCommon(_ m: [String: (key: Node, value: Node)], at path: String, to d: inout SourceDefaults) {
        if let n = m["enabled"]?.value, let v = reader.bool(n, at: "\(path).enabled") { d.enabled = v }
        if let n = m["interval"]?.value, let v = reader.duration(n, at: "\(path).interval") { d.interval = v }
        if let n = m["timeout"]?.value, let v = reader.duration(n, at: "\(path).timeout") {
            if v <= 0 { reader.problem(n, "\(path).timeout: must be more than 0") } else { d.policy.totalTimeout = v }
        }
        if let n = m["connect_timeout"]?.value, let v = reader.duration(n, at: "\(path).connect_timeout") {
            if v <= 0 { reader.problem(n, "\(path).connect_timeout: must be more than 0") } else { d.policy.connectTimeout = v }
        }
        if let n = m["max_bytes"]?.value, let v = reader.size(n, at: "\(path).max_bytes") { d.policy.maxBytes = v }
        if let n = m["retries"]?.value, let v = reader.int(n, at: "\(path).retries", range: 0...10) { d.policy.retries = v }
        if let n = m["user_agent"]?.value, let v = reader.nonEmptyString(n, at: "\(path).user_agent") {
            if Self.breaksHeader(v) {
                reader.problem(n, "\(path).user_agent: must not contain line breaks or control characters (they would inject headers)")
            } else {
                d.policy.userAgent = v
            }
        }
        if let n = m["headers"]?.value, let v = reader.stringMap(n, at: "\(path).headers") {
            for header in v {
                if !Self.isHeaderName(header.name) {
                    reader.problem(n, "\(path).headers: '\(header.name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "?" }.joined())' is not a header name")
                } else if Self.breaksHeader(header.value) {
                    reader.problem(n, "\(path).headers.\(header.name): must not contain line breaks or control characters (they would inject headers)")
                } else {
                    d.headers.append(header)
                }
            }
        }
        if let n = m["deny_private_networks"]?.value, let v = reader.bool(n, at: "\(path).deny_private_networks") {
            d.policy.denyPrivateNetworks = v
        }
        if let n = m["proxy"]?.value, let v = reader.string(n, at: "\(path).proxy") {
            if let problem = Self.proxyProblem(v) { reader.problem(n, "\(path).proxy: \(problem)") } else { d.policy.proxy = v }
        }
        if let n = m["ca_bundle"]?.value, let v = reader.nonEmptyString(n, at: "\(path).ca_bundle") {
            let file = self.path(v)
            if FileManager.default.isReadableFile(atPath: file.path) {
                d.policy.caBundle = file.path
            } else {
                reader.problem(n, "\(path).ca_bundle: no readable file at \(file.path)")
            }
        }
    }

    /// Why `text` is not a usable proxy, or nil. Empty means "no proxy, whatever the
    /// environment says"; otherwise `host:port` or a URL with a scheme libcurl proxies through.
    static func proxyProblem(_ text: String) -> String? {
        if text.isEmpty { return nil }
        if text.contains(where: { $0.isWhitespace }) { return "'\(text)' contains spaces" }
        guard let range = text.range(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound].lowercased()
        let allowed = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]
        guard allowed.contains(scheme) else {
            return "unsupported proxy scheme '\(scheme)' (use \(allowed.joined(separator: ", ")))"
        }
        return text[range.upperBound...].isEmpty ? "'\(text)' names no host" : nil
    }

    private func sourceList(_ node: Node, defaults: SourceDefaults) -> [SourceConfig]? {
        guard case .sequence(let seq) = node else {
            reader.problem(node, "sources: expected a list of sources, found \(reader.describe(node))")
            return nil
        }
        if seq.isEmpty { reader.problem(node, "sources: the list is empty; add at least one source") }
        var out: [SourceConfig] = []
        var names: [String: Int] = [:]
        for (i, element) in seq.enumerated() {
            guard let source = SourceBuilder(builder: self).build(element, index: i, defaults: defaults) else { continue }
            if let first = names[source.name] {
                reader.problem(element, "sources[\(i)]: duplicate source name '\(source.name)' (first used on line \(first))")
                continue
            }
            names[source.name] = source.line
            out.append(source)
        }
        return out
    }
}
