import Foundation
import Yams

/// Walks a composed YAML node tree, turning nodes into values and collecting every problem
/// with the line and column of the node that caused it. Used once per load, on one thread.
final class ConfigReader {
    private(set) var problems: [ConfigProblem] = []
    /// Indexes into `problems` of the missing-environment-variable problems.
    private var missingEnvironment: Set<Int> = []

    /// Drops missing-variable problems recorded since `mark` (a disabled source may name
    /// secrets that are not set on this machine).
    func forgiveMissingEnvironment(since mark: Int) {
        let drop = missingEnvironment.filter { $0 >= mark }
        guard !drop.isEmpty else { return }
        problems = problems.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        missingEnvironment.subtract(drop)
    }
    private let environment: [String: String]

    init(environment: [String: String]) {
        self.environment = environment
    }

    func problem(_ node: Node?, _ message: String) {
        let mark = node?.mark
        problems.append(ConfigProblem(line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// The keys of a mapping node, each key checked against `allowed`. Nil (with a problem) when
    /// the node is not a mapping.
    func mapping(_ node: Node, at path: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let map) = node else {
            problem(node, "\(path): expected a mapping (key: value), found \(describe(node))")
            return nil
        }
        var out: [String: (key: Node, value: Node)] = [:]
        for (key, value) in map {
            guard let name = key.scalar?.string else {
                problem(key, "\(path): keys must be plain names")
                continue
            }
            guard allowed.contains(name) else {
                let hint = ConfigReader.closest(name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                problem(key, "\(path): unknown key '\(name)'\(hint); allowed: \(allowed.joined(separator: ", "))")
                continue
            }
            out[name] = (key, value)
        }
        return out
    }

    /// A string scalar with `${VAR}` and `${VAR:-default}` references expanded (`$$` is a literal `$`).
    func string(_ node: Node, at path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            problem(node, "\(path): expected a string, found \(describe(node))")
            return nil
        }
        if scalar.style == .plain && scalar.string == "~" || scalar.style == .plain && scalar.string == "null" {
            problem(node, "\(path): expected a string, found null")
            return nil
        }
        return expand(scalar.string, node: node, path: path)
    }

    /// A non-empty string.
    func nonEmptyString(_ node: Node, at path: String) -> String? {
        guard let s = string(node, at: path) else { return nil }
        if ConfigValueParser.trimmingBlanks(s).isEmpty {
            problem(node, "\(path): must not be empty")
            return nil
        }
        return s
    }

    func bool(_ node: Node, at path: String) -> Bool? {
        guard let s = string(node, at: path) else { return nil }
        guard let v = Self.boolValue(s) else {
            problem(node, "\(path): expected true or false, found '\(s)'")
            return nil
        }
        return v
    }

    /// The configuration's one boolean grammar: true/yes/on and false/no/off, any case.
    static func boolValue(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }

    func int(_ node: Node, at path: String, range: ClosedRange<Int>) -> Int? {
        guard let s = string(node, at: path) else { return nil }
        guard let v = Int(ConfigValueParser.trimmingBlanks(s)) else {
            problem(node, "\(path): expected a whole number, found '\(s)'")
            return nil
        }
        guard range.contains(v) else {
            problem(node, "\(path): \(v) is out of range \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return v
    }

    func duration(_ node: Node, at path: String) -> Double? {
        guard let s = string(node, at: path) else { return nil }
        guard let v = ConfigValueParser.duration(s) else {
            problem(node, "\(path): expected a duration like 90s, 15m, 1h or 2d (at most 365d), found '\(s)'")
            return nil
        }
        return v
    }

    func size(_ node: Node, at path: String) -> Int? {
        guard let s = string(node, at: path) else { return nil }
        guard let v = ConfigValueParser.size(s) else {
            problem(node, "\(path): expected a size like 512KiB or 20MiB, found '\(s)'")
            return nil
        }
        return v
    }

    /// An absolute http or https URL with a host.
    func url(_ node: Node, at path: String) -> String? {
        guard let s = nonEmptyString(node, at: path) else { return nil }
        guard let u = URLComponents(string: s), let scheme = u.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = u.host, !host.isEmpty
        else {
            problem(node, "\(path): '\(s)' is not an absolute http(s) URL")
            return nil
        }
        return s
    }

    /// A list of strings; a single string counts as a list of one.
    func stringList(_ node: Node, at path: String) -> [String]? {
        switch node {
        case .sequence(let seq):
            var out: [String] = []
            for (i, element) in seq.enumerated() {
                if let s = nonEmptyString(element, at: "\(path)[\(i)]") { out.append(s) }
            }
            return out
        case .scalar:
            return nonEmptyString(node, at: path).map { [$0] }
        default:
            problem(node, "\(path): expected a list of strings, found \(describe(node))")
            return nil
        }
    }

    /// A mapping of header-like names to string values.
    func stringMap(_ node: Node, at path: String) -> [(name: String, value: String)]? {
        guard case .mapping(let map) = node else {
            problem(node, "\(path): expected a mapping (name: value), found \(describe(node))")
            return nil
        }
        var out: [(name: String, value: String)] = []
        for (key, value) in map {
            guard let name = key.scalar?.string, !name.isEmpty else {
                problem(key, "\(path): names must be plain strings")
                continue
            }
            if let v = string(value, at: "\(path).\(name)") { out.append((name, v)) }
        }
        return out
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    private func expand(_ text: String, node: Node, path: String) -> String? {
        // Bytes, not `contains("$")`: with Foundation imported that is NSString's range(of:).
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var out = ""
        var rest = Substring(text)
        var ok = true
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                out += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{"), let close = after.firstIndex(of: "}") {
                var name = String(after[after.index(after: after.startIndex)..<close])
                // `${VAR:-default}`: the default when VAR is unset or empty, as in the shell.
                var fallback: String?
                if let split = name.range(of: ":-") {
                    fallback = String(name[split.upperBound...])
                    name = String(name[..<split.lowerBound])
                }
                if name.isEmpty || !name.allSatisfy({ $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    problem(node, "\(path): '${\(name)}' is not a valid environment variable reference")
                    ok = false
                } else if let value = environment[name], fallback == nil || !value.isEmpty {
                    out += value
                } else if let fallback {
                    out += fallback
                } else {
                    missingEnvironment.insert(problems.count)
                    problem(node, "\(path): environment variable \(name) is not set")
                    ok = false
                }
                rest = after[after.index(after: close)...]
            } else {
                out += "$"
                rest = after
            }
        }
        out += rest
        return ok ? out : nil
    }

    /// The allowed name nearest to a misspelt one, when it is close enough to be a likely typo.
    static func closest(_ name: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(Array(name.lowercased()), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, name.count / 3) else { return nil }
        return best.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
