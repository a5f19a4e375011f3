/// Typed member access for decoders: nil for a missing or `null` member, a ``JSONTypeError``
/// naming the member's path when it holds another type.
extension JSONValue {
    /// A string member.
    public func string(_ key: String) throws(JSONTypeError) -> String? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw v.mismatch("string") }
        return s
    }

    /// A string member that must be present.
    public func requiredString(_ key: String) throws(JSONTypeError) -> String {
        guard let s = try string(key) else { throw missing(key, "string") }
        return s
    }

    /// An integer member (`12` or `12.0`); nil for a number beyond Int64 (`1e999`).
    public func int(_ key: String) throws(JSONTypeError) -> Int64? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let n = v.int64Value else {
            if v.isBeyondInt64 { return nil }
            throw v.mismatch("integer")
        }
        return n
    }

    /// A number too large for Int64 (`18446744073709551616`, `1e999`): read as absent, since a
    /// count no counter can hold is no information, and it must not reject the whole page.
    public var isBeyondInt64: Bool {
        guard kind == .number, let d = doubleValue else { return false }
        return !(abs(d) < 9.2e18)
    }

    /// A number member.
    public func double(_ key: String) throws(JSONTypeError) -> Double? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let n = v.doubleValue else { throw v.mismatch("number") }
        return n
    }

    /// A boolean member.
    public func bool(_ key: String) throws(JSONTypeError) -> Bool? {
        guard let v = self[key], !v.isNull else { return nil }
        guard let b = v.boolValue else { throw v.mismatch("boolean") }
        return b
    }

    /// An object member.
    public func object(_ key: String) throws(JSONTypeError) -> JSONValue? {
        guard let v = self[key], !v.isNull else { return nil }
        guard v.kind == .object else { throw v.mismatch("object") }
        return v
    }

    /// An array member's elements; nil when missing or null.
    public func array(_ key: String) throws(JSONTypeError) -> [JSONValue]? {
        guard let v = self[key], !v.isNull else { return nil }
        guard v.kind == .array else { throw v.mismatch("array") }
        return v.elements
    }

    /// An id that some APIs send as a string and others as a number: the string, or the
    /// number's literal text (never converted through Double).
    public func idString(_ key: String) throws(JSONTypeError) -> String? {
        guard let v = self[key], !v.isNull else { return nil }
        if let s = v.stringValue { return s }
        if let n = v.numberText { return n }
        throw v.mismatch("string or number")
    }

    /// This value must be an object.
    public func requireObject() throws(JSONTypeError) -> JSONValue {
        guard kind == .object else { throw mismatch("object") }
        return self
    }

    /// This value must be an array; its elements.
    public func requireArray() throws(JSONTypeError) -> [JSONValue] {
        guard kind == .array else { throw mismatch("array") }
        return elements
    }

    /// The error for this value not being `expected`.
    public func mismatch(_ expected: String) -> JSONTypeError {
        JSONTypeError(path: path, expected: expected, found: kind.name)
    }

    /// The error for a required member `key` being absent.
    public func missing(_ key: String, _ expected: String) -> JSONTypeError {
        let base = path
        return JSONTypeError(path: base.isEmpty ? key : "\(base).\(key)", expected: expected, found: nil)
    }
}
