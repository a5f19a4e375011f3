/// A JSON value of a stored cursor, so a ``SourceCursor`` can hold records of any shape and be
/// encoded whole by a state store. Whole numbers stay `Int64` (epoch milliseconds must not pass
/// through a `Double`).
enum CursorJSON: Sendable, Equatable, Codable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case array([CursorJSON])
    case object([String: CursorJSON])
    case null

    /// Any member name of an object.
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            var members: [String: CursorJSON] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(CursorJSON.self, forKey: key) }
            self = .object(members)
        } else if var list = try? decoder.unkeyedContainer() {
            var elements: [CursorJSON] = []
            while !list.isAtEnd { elements.append(try list.decode(CursorJSON.self)) }
            self = .array(elements)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { self = .null }
            else if let b = try? value.decode(Bool.self) { self = .bool(b) }
            else if let i = try? value.decode(Int64.self) { self = .integer(i) }
            else if let d = try? value.decode(Double.self) { self = .number(d) }
            else { self = .string(try value.decode(String.self)) }
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var object = encoder.container(keyedBy: Key.self)
            for (name, value) in members { try object.encode(value, forKey: Key(stringValue: name)) }
        case .array(let elements):
            var list = encoder.unkeyedContainer()
            for element in elements { try list.encode(element) }
        case .string(let s): var c = encoder.singleValueContainer(); try c.encode(s)
        case .integer(let i): var c = encoder.singleValueContainer(); try c.encode(i)
        case .number(let d): var c = encoder.singleValueContainer(); try c.encode(d)
        case .bool(let b): var c = encoder.singleValueContainer(); try c.encode(b)
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        }
    }
}
