/// The feed or channel an item was read from.
public struct FeedRef: Sendable, Equatable {
    public var title: String?
    /// The feed's home page link (or the document URL when it has none).
    public var url: String?

    public init(title: String? = nil, url: String? = nil) {
        self.title = title
        self.url = url
    }
}
