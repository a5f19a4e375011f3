/// What a source remembers between runs. Stored by the run's state store as is.
public struct SourceState: Sendable, Equatable, Codable {
    public var etag: String?
    public var lastModified: String?
    /// The URL to use after a permanent redirect.
    public var currentURL: String?
    /// Platform cursors: since ids, newest timestamps, pagination tokens.
    public var cursor: [String: String]

    public init(etag: String? = nil, lastModified: String? = nil, currentURL: String? = nil, cursor: [String: String] = [:]) {
        self.etag = etag
        self.lastModified = lastModified
        self.currentURL = currentURL
        self.cursor = cursor
    }
}
