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

    /// A stated size read as a number (JSON Feed `size_in_bytes`): whole bytes, nil when it is
    /// not finite, not positive or beyond Int64 (`1e999`, `18446744073709551616`), so a hostile
    /// size is dropped instead of trapping the conversion.
    public static func length(_ bytes: Double) -> Int64? {
        guard bytes.isFinite, bytes >= 1, bytes < 9.2e18 else { return nil }
        return Int64(bytes.rounded(.down))
    }
}
