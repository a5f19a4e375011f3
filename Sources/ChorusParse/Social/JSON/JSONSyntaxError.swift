/// Why a byte sequence is not JSON: what was expected and where (byte offset, line, column).
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Zero-based byte offset of the offending byte.
    public var offset: Int
    /// One-based line and column (columns count bytes).
    public var line: Int
    public var column: Int
    /// What went wrong ("expected ',' or '}'").
    public var reason: String

    public init(offset: Int, line: Int, column: Int, reason: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "malformed JSON at line \(line), column \(column): \(reason)" }
}

/// A value had another type than the decoder expects, or a required member is missing.
/// `path` names it in the document (`feed[3].post.record.text`).
public struct JSONTypeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// What the decoder wanted ("string", "integer").
    public var expected: String
    /// What the document has ("number"), or nil when the member is missing.
    public var found: String?

    public init(path: String, expected: String, found: String?) {
        self.path = path
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let at = path.isEmpty ? "the top level" : path
        if let found { return "unexpected type at \(at) (expected \(expected), found \(found))" }
        return "missing \(expected) at \(at)"
    }
}
