import Foundation
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
            if case .mapping(let raw) = node, let e = raw["enabled"]?.scalar?.string, ["false", "no", "off"].contains(e.lowercased()) {
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
        var options: [String: String] = [:]
        for key in specific {
            guard let n = m[key]?.value else { continue }
            let value = type.keys.urls.contains(key) ? reader.url(n, at: "\(at).\(key)") : reader.nonEmptyString(n, at: "\(at).\(key)")
            if let value { options[key] = value }
            if SourceType.secretKeys.contains(key), let raw = n.scalar?.string,
               raw.hasPrefix("${"), raw.hasSuffix("}"), !raw.dropFirst(2).dropLast().contains("$") {
                options["\(key)_variable"] = String(raw.dropFirst(2).dropLast())
            }
        }
        for group in type.keys.required where !group.contains(where: { m[$0] != nil }) {
            let what = group.count == 1 ? "key '\(group[0])'" : "one of \(group.map { "'\($0)'" }.joined(separator: ", "))"
            reader.problem(node, "\(at): a \(type.rawValue) source needs \(what)")
        }
        for message in CredentialRules.problems(type: type, options: options, present: { m[$0] != nil }) {
            reader.problem(node, "\(at): \(message)")
        }
        for key in SourceType.countKeys {
            if let n = m[key]?.value, let s = options[key], Int(s).map({ $0 < 1 || $0 > 1000 }) ?? true {
                reader.problem(n, "\(at).\(key): expected a whole number 1...1000, found '\(s)'")
                options[key] = nil
            }
        }
        if let n = m["lookback"]?.value, let s = options["lookback"], ConfigValueParser.duration(s, limit: ConfigValueParser.maxLookback) == nil {
            reader.problem(n, "\(at).lookback: expected a duration like 6h or 2d (at most 36500d), found '\(s)'")
        }
        if let n = m["text_is_html"]?.value { _ = reader.bool(n, at: "\(at).text_is_html") }
        if let n = m["kinds"]?.value, let s = options["kinds"] {
            let kinds = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if kinds.isEmpty || !kinds.allSatisfy({ $0 == "story" || $0 == "comment" }) {
                reader.problem(n, "\(at).kinds: expected 'story', 'comment' or 'story,comment', found '\(s)'")
            }
        }
        guard let name else { return nil }
        return SourceConfig(
            name: name, type: type, enabled: common.enabled, interval: common.interval, policy: common.policy,
            headers: common.headers, options: options, line: node.mark?.line ?? 0)
    }
}
