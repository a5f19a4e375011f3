/// A YAML node of a rule file as `RuleFileParser` reads it: scalars as written (the rule
/// files are read with no tag resolution), mappings in order, and the line each starts on for
/// messages. Built by `RuleYAMLReader` for the subset the rule files use, else from Yams's tree.
indirect enum RuleNode: Equatable, Sendable {
    /// A scalar; `plain` when written without quotes (only a plain `true` is a boolean).
    case scalar(String, plain: Bool, line: Int)
    case sequence([RuleNode], line: Int)
    case mapping([Pair], line: Int)

    /// One key and its value.
    struct Pair: Equatable, Sendable {
        var key: RuleNode
        var value: RuleNode
    }

    /// The line (from 1) the node starts on.
    var line: Int {
        switch self {
        case .scalar(_, _, let line), .sequence(_, let line), .mapping(_, let line): return line
        }
    }

    var string: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }

    var sequence: [RuleNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    var mapping: [Pair]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    /// A plain `true`, `yes` or `on` (any case) is true, `false`, `no`, `off` false, as YAML 1.1
    /// and Yams read them; anything else, and any quoted scalar, is no boolean.
    var bool: Bool? {
        guard case .scalar(let s, true, _) = self else { return nil }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}
