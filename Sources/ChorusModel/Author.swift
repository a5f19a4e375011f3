/// Who wrote an item. Every field may be absent; an author with all fields absent is nil.
public struct Author: Sendable, Equatable {
    public var name: String?
    /// Platform handle: `ana@other.example`, `team.example.com`, `u/name`.
    public var handle: String?
    public var url: String?
    public var email: String?

    public init(name: String? = nil, handle: String? = nil, url: String? = nil, email: String? = nil) {
        self.name = name
        self.handle = handle
        self.url = url
        self.email = email
    }

    /// True when no field carries a value.
    public var isEmpty: Bool { name == nil && handle == nil && url == nil && email == nil }
}
