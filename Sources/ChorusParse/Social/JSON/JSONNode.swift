/// The kind of a JSON value.
public enum JSONKind: UInt8, Sendable {
    case null, bool, number, string, array, object

    /// The word used in error messages ("expected string, found number").
    public var name: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One entry of a ``JSONDocument``'s tape: values are stored in document order, a container
/// followed by its whole subtree, so a reader skips a subtree by jumping to `end`.
struct JSONNode: Sendable {
    /// No parent: the root.
    static let noParent = UInt32.max

    var kind: JSONKind
    /// bool: 1 for true; string: 1 when it contains escapes; number: 1 when it is an integer literal.
    var flag: UInt8
    /// string: first byte after the opening quote; number: first byte.
    var start: UInt32
    /// string / number: one past the last byte; array / object: the index of the node after the subtree.
    var end: UInt32
    /// array: elements; object: members (each member is a key node followed by its value).
    var count: UInt32
    /// The index of the enclosing array or object.
    var parent: UInt32
}
