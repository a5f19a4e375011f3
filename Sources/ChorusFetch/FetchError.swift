/// Why a fetch failed, in words a user understands. Messages start with "fetch:" and name
/// the source label and the URL (secrets redacted).
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure classes `chorus fetch` prints as `error.kind`.
    public enum Kind: String, Sendable, CaseIterable {
        case timeout, tooLarge = "too_large", tooManyRedirects = "too_many_redirects"
        case protocolNotAllowed = "protocol_not_allowed", httpStatus = "http_status", rateLimited = "rate_limited"
        case connection, tls, dns, decode, privateNetwork = "private_network"
    }

    /// The failure class (`error.kind` in `chorus fetch`).
    public var kind: Kind
    /// The whole message, starting with "fetch:"; secrets redacted.
    public var message: String
    /// The HTTP status, for `httpStatus` and `rateLimited`.
    public var status: Int?
    /// Retries used before giving up.
    public var retries: Int
    /// For HTTP errors: the wait the server asked for (Retry-After or a rate-limit reset), seconds.
    public var retryAfter: Double?
    /// For HTTP errors: the response's rate-limit headers, normalized.
    public var rateLimit: RateLimit?
    /// True when the fetch stopped because its task was cancelled (or the fetcher shut down);
    /// `kind` is then `connection`.
    public var cancelled: Bool

    public init(
        kind: Kind, message: String, status: Int? = nil, retries: Int = 0, retryAfter: Double? = nil,
        rateLimit: RateLimit? = nil, cancelled: Bool = false
    ) {
        self.kind = kind
        self.message = message
        self.status = status
        self.retries = retries
        self.retryAfter = retryAfter
        self.rateLimit = rateLimit
        self.cancelled = cancelled
    }

    public var description: String { message }
}
