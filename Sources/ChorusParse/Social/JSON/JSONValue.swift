/// A position in a ``JSONDocument``: typed, lazily decoded access to one value, with errors
/// that name the value's path. Optional accessors return nil for a missing member or `null`
/// and throw ``JSONTypeError`` when the value has another type.
public struct JSONValue: Sendable {
    public let document: JSONDocument
    let index: Int

    init(document: JSONDocument, index: Int) {
        self.document = document
        self.index = index
    }

    public var kind: JSONKind { document.nodes[index].kind }
    public var isNull: Bool { kind == .null }
    /// Elements of an array or members of an object; 0 for scalars.
    public var count: Int { kind == .array || kind == .object ? Int(document.nodes[index].count) : 0 }
    /// Where this value is, e.g. `feed[3].post`.
    public var path: String { document.path(of: index) }

    // MARK: members

    /// The member named `key` of an object (nil when absent or when this is not an object).
    public subscript(key: String) -> JSONValue? {
        var key = key
        let found: Int? = key.withUTF8 { keyBytes in
            document.nodes.withUnsafeBufferPointer { nodes in
                document.bytes.withUnsafeBufferPointer { bytes in
                    let node = nodes[index]
                    guard node.kind == .object else { return nil }
                    var child = index + 1
                    let end = Int(node.end)
                    while child < end {
                        let k = nodes[child]
                        if k.flag == 0 {
                            // Plain keys: compare lengths, then bytes.
                            if Int(k.end - k.start) == keyBytes.count,
                                let base = bytes.baseAddress, JSONValue.equal(base + Int(k.start), keyBytes)
                            {
                                return child + 1
                            }
                        } else if document.stringEquals(child, keyBytes) {
                            return child + 1
                        }
                        let value = nodes[child + 1]
                        child = value.kind == .array || value.kind == .object ? Int(value.end) : child + 2
                    }
                    return nil
                }
            }
        }
        return found.map { JSONValue(document: document, index: $0) }
    }

    @inline(__always) static func equal(_ a: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = key.baseAddress else { return true }
        for i in 0..<key.count where a[i] != b[i] { return false }
        return true
    }

    /// The members of an object, in document order.
    public var members: [(key: String, value: JSONValue)] {
        guard kind == .object else { return [] }
        var out: [(key: String, value: JSONValue)] = []
        var child = index + 1
        let end = Int(document.nodes[index].end)
        while child < end {
            out.append((document.decodeString(child), JSONValue(document: document, index: child + 1)))
            child = document.next(after: child + 1)
        }
        return out
    }

    /// The elements of an array, in order (empty for other kinds).
    public var elements: [JSONValue] {
        guard kind == .array else { return [] }
        var out: [JSONValue] = []
        out.reserveCapacity(count)
        var child = index + 1
        let end = Int(document.nodes[index].end)
        while child < end {
            out.append(JSONValue(document: document, index: child))
            child = document.next(after: child)
        }
        return out
    }

    // MARK: scalars of this value

    /// The text of a string value.
    public var stringValue: String? { kind == .string ? document.decodeString(index) : nil }

    public var boolValue: Bool? { kind == .bool ? document.nodes[index].flag == 1 : nil }

    /// The literal text of a number, exactly as written (ids never pass through Double).
    public var numberText: String? {
        let node = document.nodes[index]
        guard node.kind == .number else { return nil }
        return String(decoding: document.bytes[Int(node.start)..<Int(node.end)], as: UTF8.self)
    }

    /// An integer number; numbers with a zero fraction (`12.0`) count, others are nil.
    public var int64Value: Int64? {
        let node = document.nodes[index]
        guard node.kind == .number else { return nil }
        if node.flag == 1 {
            var value: Int64 = 0
            var i = Int(node.start)
            let negative = document.bytes[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            while i < Int(node.end) {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(document.bytes[i] - UInt8(ascii: "0")))
                if o1 || o2 { return nil }
                value = a
                i += 1
            }
            return negative ? -value : value
        }
        guard let d = doubleValue, d.rounded() == d, abs(d) < 9.0e18 else { return nil }
        return Int64(d)
    }

    public var doubleValue: Double? { numberText.flatMap(Double.init) }
}
