/// One GET (or, with a `body`, one POST) to perform: the URL, the per-source headers and conditional validators, and the policy.
public struct FetchRequest: Sendable {
    /// The http or https URL.
    public var url: String
    /// Extra request headers (`Authorization`, `Accept`...). Values may be secrets: never logged.
    public var headers: [(name: String, value: String)]
    /// Validators from the previous run, sent as If-None-Match / If-Modified-Since.
    public var etag: String?
    public var lastModified: String?
    /// Limits and safety settings for this source.
    public var policy: FetchPolicy
    /// Who asked (the source name), for logs and error messages.
    public var label: String
    /// A request body makes the request a POST (a login: a form or JSON, its `Content-Type`
    /// among the headers). It may hold secrets: never logged.
    public var body: [UInt8]?

    public init(
        url: String, headers: [(name: String, value: String)] = [], etag: String? = nil, lastModified: String? = nil,
        policy: FetchPolicy = FetchPolicy(), label: String = "", body: [UInt8]? = nil
    ) {
        self.body = body
        self.url = url
        self.headers = headers
        self.etag = etag
        self.lastModified = lastModified
        self.policy = policy
        self.label = label
    }
}
