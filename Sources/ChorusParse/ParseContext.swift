public import Foundation
public import ChorusModel

/// What a parser knows besides the bytes: where they came from and how to name the items.
public struct ParseContext: Sendable {
    /// Configured source name, written to `Item.source`.
    public var source: String
    /// The document's URL, for resolving relative links and scoping bare guids.
    public var baseURL: String?
    /// The charset from an HTTP Content-Type header, if any (wins over the XML declaration only when there is no BOM).
    public var httpCharset: String?
    /// Force a platform instead of detecting one from content.
    public var platform: Platform?
    /// Written to `Item.fetchedAt`.
    public var fetchedAt: Date?

    public init(source: String, baseURL: String? = nil, httpCharset: String? = nil, platform: Platform? = nil, fetchedAt: Date? = nil) {
        self.source = source
        self.baseURL = baseURL
        self.httpCharset = httpCharset
        self.platform = platform
        self.fetchedAt = fetchedAt
    }
}
