/// What a source remembers between runs. Stored by the run's state store as is.
public struct SourceState: Sendable, Equatable, Codable {
    public var etag: String?
    public var lastModified: String?
    /// The URL to use after a permanent redirect.
    public var currentURL: String?
    /// The connector's cursor records: since ids, watermarks, pagination tokens, login tokens.
    public var cursor: SourceCursor

    public init(etag: String? = nil, lastModified: String? = nil, currentURL: String? = nil, cursor: SourceCursor = SourceCursor()) {
        self.etag = etag
        self.lastModified = lastModified
        self.currentURL = currentURL
        self.cursor = cursor
    }
}
