/// Member names a decoder reads from many objects of the same shape, prepared once so
/// ``JSONValue/fields(_:)`` can find all of them in a single pass over an object's members
/// instead of one scan per name.
public struct JSONKeys: Sendable {
    let names: [String]
    let bytes: [[UInt8]]

    /// Prepares `names`; positions in the list are the indexes ``JSONFields`` is read by.
    public init(_ names: [String]) {
        self.names = names
        bytes = names.map { Array($0.utf8) }
    }

    public var count: Int { names.count }
}

/// The members of one object found for a ``JSONKeys`` list, read by position, with the
/// same nil-for-missing-or-null and type-error rules as ``JSONValue``'s typed accessors.
public struct JSONFields {
    let object: JSONValue
    let keys: JSONKeys
    /// Node index of each key's value, or -1.
    let indices: [Int]

    /// The value of key number `i` (nil when absent).
    public subscript(_ i: Int) -> JSONValue? {
        indices[i] < 0 ? nil : JSONValue(document: object.document, index: indices[i])
    }

    private func present(_ i: Int) -> JSONValue? {
        guard let v = self[i], !v.isNull else { return nil }
        return v
    }

    /// A string member.
    public func string(_ i: Int) throws(JSONTypeError) -> String? {
        let index = indices[i]
        guard index >= 0 else { return nil }
        let document = object.document
        switch document.nodes[index].kind {
        case .null: return nil
        case .string: return document.decodeString(index)
        default: throw JSONValue(document: document, index: index).mismatch("string")
        }
    }

    /// A string member that must be present.
    public func requiredString(_ i: Int) throws(JSONTypeError) -> String {
        guard let s = try string(i) else { throw object.missing(keys.names[i], "string") }
        return s
    }

    /// An integer member (`12` or `12.0`).
    public func int(_ i: Int) throws(JSONTypeError) -> Int64? {
        let index = indices[i]
        guard index >= 0, document(index) != .null else { return nil }
        let value = JSONValue(document: object.document, index: index)
        guard let n = value.int64Value else {
            if value.isBeyondInt64 { return nil }
            throw value.mismatch("integer")
        }
        return n
    }

    /// Calls `body` with the UTF-8 bytes of string member `i` (nil when absent or null).
    public func withStringBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) throws(JSONTypeError) -> R? {
        let index = indices[i]
        guard index >= 0 else { return nil }
        switch document(index) {
        case .null: return nil
        case .string: return object.document.withStringBytes(index, body)
        default: throw JSONValue(document: object.document, index: index).mismatch("string")
        }
    }

    private func document(_ index: Int) -> JSONKind { object.document.nodes[index].kind }

    /// An object member.
    public func object(_ i: Int) throws(JSONTypeError) -> JSONValue? {
        guard let v = present(i) else { return nil }
        guard v.kind == .object else { throw v.mismatch("object") }
        return v
    }

    /// An array member's elements.
    public func array(_ i: Int) throws(JSONTypeError) -> [JSONValue]? {
        guard let v = present(i) else { return nil }
        guard v.kind == .array else { throw v.mismatch("array") }
        return v.elements
    }
}

/// One-pass member lookup.
extension JSONValue {
    /// Finds every key of `keys` in this object in one pass (all absent when this is not an object).
    public func fields(_ keys: JSONKeys) -> JSONFields {
        var indices = [Int](repeating: -1, count: keys.count)
        document.nodes.withUnsafeBufferPointer { nodes in
            document.bytes.withUnsafeBufferPointer { bytes in
                let node = nodes[index]
                guard node.kind == .object, let base = bytes.baseAddress else { return }
                var child = index + 1
                let end = Int(node.end)
                var remaining = keys.count
                while child < end, remaining > 0 {
                    let k = nodes[child]
                    let length = Int(k.end - k.start)
                    for (i, key) in keys.bytes.enumerated() where indices[i] < 0 && (key.count == length || k.flag != 0) {
                        let match = k.flag == 0
                            ? key.withUnsafeBufferPointer { JSONValue.equal(base + Int(k.start), $0) }
                            : key.withUnsafeBufferPointer { document.stringEquals(child, $0) }
                        if match {
                            indices[i] = child + 1
                            remaining -= 1
                            break
                        }
                    }
                    let value = nodes[child + 1]
                    child = value.kind == .array || value.kind == .object ? Int(value.end) : child + 2
                }
            }
        }
        return JSONFields(object: self, keys: keys, indices: indices)
    }
}
