/// An attached media file (RSS enclosure, Atom rel=enclosure, media:content, JSON Feed attachment).
public struct Enclosure: Sendable, Equatable {
    public var url: String
    public var type: String?
    /// Size in bytes when the feed states it.
    public var length: Int64?

    public init(url: String, type: String? = nil, length: Int64? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
