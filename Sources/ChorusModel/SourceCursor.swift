import Foundation

/// What a connector remembers between runs beyond the HTTP validators, as the state stores keep
/// it: one JSON object whose members are the connector's ``CursorRecord``s (`{"newest_first":
/// {...}, "login": {...}}`), each a `Codable` struct. The stores keep it as JSON text in their
/// `cursor` column (``storedJSON()``, ``init(storedJSON:)``), without knowing the records' types.
///
/// States written before typed cursors hold a flat object of strings with prefixed keys
/// (`newest_time`, `drain_cursor`, `auth_access`, ...). Those members are kept as ``legacy``
/// strings, and each record type reads its old keys from them (``CursorRecord/init(legacy:)``),
/// so a stored cursor from an earlier version continues where it stopped.
public struct SourceCursor: Sendable, Equatable, Codable, ExpressibleByDictionaryLiteral {
    /// The members, once decoded or written. Nil while the cursor is still the `stored` text.
    private var decoded: [String: CursorJSON]?
    /// The JSON text a state store read this cursor from, kept until a record is written. A
    /// warm run reads and writes back a thousand cursors a connector mostly only reads: kept as
    /// text, each costs one typed decode of its own record instead of a decode of the whole
    /// object, an encode and a decode per record read, and an encode at the commit (together a
    /// tenth of a warm 1,000-feed run's CPU).
    private var stored: String?

    /// An empty cursor.
    public init() { decoded = [:] }

    /// The cursor a state store kept as `json` (what ``storedJSON()`` returned). The text is
    /// decoded only when a member is needed; text that is not a JSON object reads as empty.
    public init(storedJSON json: String) {
        if json == "{}" { decoded = [:] } else { stored = json }
    }

    /// A cursor of legacy string members, as earlier versions stored them.
    public init(dictionaryLiteral elements: (String, String)...) {
        decoded = Dictionary(elements.map { ($0.0, CursorJSON.string($0.1)) }) { $1 }
    }

    public init(from decoder: any Decoder) throws {
        guard case .object(let members) = try CursorJSON(from: decoder) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a cursor is a JSON object"))
        }
        decoded = members
    }

    public func encode(to encoder: any Encoder) throws { try CursorJSON.object(members).encode(to: encoder) }

    /// The JSON text for a state store's `cursor` column: the text the cursor was read from while
    /// no record was written (unchanged, byte for byte), else the members with sorted keys.
    public func storedJSON() throws -> String {
        // Text that cannot be an object (damaged: `null`, cut short) reads as empty, and goes
        // back as the empty object it reads as; a damaged inside is mended when a record is written.
        if let stored { return Self.mayBeObject(stored) ? stored : "{}" }
        guard let decoded, !decoded.isEmpty else { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(CursorJSON.object(decoded)), as: UTF8.self)
    }

    /// The members: decoded from the stored text on each call until a record is written, which
    /// is only on the paths that need the whole object (legacy keys, equality, encoding).
    private var members: [String: CursorJSON] {
        if let decoded { return decoded }
        guard let stored, let json = try? JSONDecoder().decode(CursorJSON.self, from: Data(stored.utf8)),
              case .object(let members) = json else { return [:] }
        return members
    }

    /// Whether `text` starts with `{` and ends with `}`, spaces aside.
    private static func mayBeObject(_ text: String) -> Bool {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        return text.utf8.first { !isSpace($0) } == UInt8(ascii: "{") && text.utf8.last { !isSpace($0) } == UInt8(ascii: "}")
    }

    public static func == (a: SourceCursor, b: SourceCursor) -> Bool {
        if let x = a.stored, let y = b.stored, x == y { return true }
        return a.members == b.members
    }

    public var isEmpty: Bool { members.isEmpty }

    /// The names of the members held, sorted (record keys, or legacy keys in an old state).
    public var names: [String] { members.keys.sorted() }

    /// The string members of a state written before typed cursors.
    public var legacy: [String: String] {
        members.compactMapValues { if case .string(let s) = $0 { s } else { nil } }
    }

    /// The record of type `R`: the stored one, else one read from the legacy keys, else nil.
    public func read<R: CursorRecord>(_ type: R.Type) -> R? { lookup(type).record }

    /// The record of type `R` as ``read(_:)`` finds it, and whether it came from the legacy keys
    /// (so a connector stores it again in the current form, which drops them).
    public func lookup<R: CursorRecord>(_ type: R.Type) -> (record: R?, fromLegacy: Bool) {
        // Straight from the stored text when it holds the record (the warm path).
        if let stored, let record = (try? JSONDecoder().decode(RecordProbe<R>.self, from: Data(stored.utf8)))?.record {
            return (record, false)
        }
        let members = members
        if let json = members[R.cursorKey], case .object = json {
            guard let data = try? JSONEncoder().encode(json) else { return (nil, false) }
            return (try? JSONDecoder().decode(R.self, from: data), false)
        }
        let old = members.compactMapValues { if case .string(let s) = $0 { s } else { nil } }
        let record = old.isEmpty ? nil : R(legacy: old)
        return (record, record != nil)
    }

    /// Stores `record` (nil removes it) and drops the legacy members it replaces.
    public mutating func write<R: CursorRecord>(_ record: R?) {
        var members = members
        stored = nil
        defer { decoded = members }
        for key in members.keys where members[key].map({ if case .string = $0 { true } else { false } }) ?? false {
            if R.legacyKeys(key) { members[key] = nil }
        }
        guard let record, let data = try? JSONEncoder().encode(record), let json = try? JSONDecoder().decode(CursorJSON.self, from: data) else {
            members[R.cursorKey] = nil
            return
        }
        members[R.cursorKey] = json
    }
}

/// Any member name of a JSON object.
private struct MemberName: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Decodes only `R`'s member of a stored cursor object (nil when absent or not an `R`).
private struct RecordProbe<R: CursorRecord>: Decodable {
    let record: R?
    init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: MemberName.self)
        record = try? object.decodeIfPresent(R.self, forKey: MemberName(stringValue: R.cursorKey))
    }
}

/// One connector's part of a ``SourceCursor``: a `Codable` struct stored under `cursorKey`,
/// which can also be read from the flat string keys of states written before typed cursors.
public protocol CursorRecord: Codable, Sendable {
    /// The member of the cursor object this record is stored under.
    static var cursorKey: String { get }
    /// Whether `key` is one of the legacy string keys this record replaces.
    static func legacyKeys(_ key: String) -> Bool
    /// The record an earlier version stored as string keys, or nil when they hold none.
    init?(legacy: [String: String])
}
