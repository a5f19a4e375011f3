import Foundation

/// What a connector remembers between runs beyond the HTTP validators, as the state stores keep
/// it: one JSON object whose members are the connector's ``CursorRecord``s (`{"newest_first":
/// {...}, "login": {...}}`), each a `Codable` struct. The stores encode and decode it whole
/// into their `cursor` column, without knowing the records' types.
///
/// States written before typed cursors hold a flat object of strings with prefixed keys
/// (`newest_time`, `drain_cursor`, `auth_access`, ...). Those members are kept as ``legacy``
/// strings, and each record type reads its old keys from them (``CursorRecord/init(legacy:)``),
/// so a stored cursor from an earlier version continues where it stopped.
public struct SourceCursor: Sendable, Equatable, Codable, ExpressibleByDictionaryLiteral {
    private var members: [String: CursorJSON]

    /// An empty cursor.
    public init() { members = [:] }

    /// A cursor of legacy string members, as earlier versions stored them.
    public init(dictionaryLiteral elements: (String, String)...) {
        members = Dictionary(elements.map { ($0.0, CursorJSON.string($0.1)) }) { $1 }
    }

    public init(from decoder: any Decoder) throws {
        guard case .object(let members) = try CursorJSON(from: decoder) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a cursor is a JSON object"))
        }
        self.members = members
    }

    public func encode(to encoder: any Encoder) throws { try CursorJSON.object(members).encode(to: encoder) }

    public var isEmpty: Bool { members.isEmpty }

    /// The names of the members held, sorted (record keys, or legacy keys in an old state).
    public var names: [String] { members.keys.sorted() }

    /// The string members of a state written before typed cursors.
    public var legacy: [String: String] {
        members.compactMapValues { if case .string(let s) = $0 { s } else { nil } }
    }

    /// The record of type `R`: the stored one, else one read from the legacy keys, else nil.
    public func read<R: CursorRecord>(_ type: R.Type) -> R? {
        if let json = members[R.cursorKey], case .object = json, let data = try? JSONEncoder().encode(json) {
            return try? JSONDecoder().decode(R.self, from: data)
        }
        let old = legacy
        return old.isEmpty ? nil : R(legacy: old)
    }

    /// Stores `record` (nil removes it) and drops the legacy members it replaces.
    public mutating func write<R: CursorRecord>(_ record: R?) {
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
