import Yams

/// Reads one entry of `sources:`: the common keys, then the keys its `type` requires.
struct SourceBuilder {
    let builder: ConfigBuilder
    var reader: ConfigReader { builder.reader }

    func build(_ node: Node, index: Int, defaults: ConfigBuilder.SourceDefaults) -> SourceConfig? {
        let at = "sources[\(index)]"
        let mark = reader.problems.count
        defer {
            // Secrets of a disabled source need not be set.
            if case .mapping(let raw) = node, let e = raw["enabled"]?.scalar?.string, ConfigReader.boolValue(e) == false {
                reader.forgiveMissingEnvironment(since: mark)
            }
        }
        guard case .mapping(let raw) = node else {
            reader.problem(node, "\(at): expected a mapping with name and type, found \(reader.describe(node))")
            return nil
        }
        // The type decides which keys are allowed, so read it first.
        let typeNode = raw["type"]
        var type: SourceType?
        if let typeNode, let s = reader.string(typeNode, at: "\(at).type") {
            type = SourceType(rawValue: s)
            if type == nil {
                reader.problem(typeNode, "\(at).type: unknown source type '\(s)'; one of \(SourceType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        } else if typeNode == nil {
            reader.problem(node, "\(at): missing required key 'type'")
        }
        func keys(_ t: SourceType) -> [String] { t.keys.required.flatMap { $0 } + t.keys.optional }
        let specific = type.map(keys) ?? []
        // Without a known type, any type's keys pass: the type problem is the one to report.
        let allowed = type == nil ? Array(Set(SourceType.allCases.flatMap(keys))).sorted() : specific
        guard let m = reader.mapping(node, at: at, allowed: ConfigBuilder.sourceCommonKeys + allowed) else { return nil }
        var name: String?
        if let n = m["name"]?.value {
            name = reader.nonEmptyString(n, at: "\(at).name")
            if let s = name, s.contains(where: { $0.isNewline || $0 == "/" }) {
                reader.problem(n, "\(at).name: must not contain '/' or line breaks")
                name = nil
            } else if let s = name, s.unicodeScalars.contains(where: ConfigBuilder.isControl) {
                // A NUL or escape in a name would reach file names, logs and terminals.
                reader.problem(n, "\(at).name: must not contain control characters (NUL, escape, tab...)")
                name = nil
            }
        } else {
            reader.problem(node, "\(at): missing required key 'name'")
        }
        var common = defaults
        builder.applyCommon(m, at: at, to: &common)
        guard let type else { return nil }
        let spec = SourceSpecReader(reader: reader, type: type, keys: m, at: at).read(node)
        guard let name, let spec else { return nil }
        return SourceConfig(
            name: name, spec: spec, enabled: common.enabled, interval: common.interval, policy: common.policy,
            headers: common.headers, line: node.mark?.line ?? 0)
    }
}
