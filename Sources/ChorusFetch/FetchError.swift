/// Why a fetch failed, in words a user understands. Messages start with "fetch:" and name
/// the source label and the URL (secrets redacted).
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure classes `chorus fetch` prints as `error.kind`.
    public enum Kind: String, Sendable, CaseIterable {
        case timeout, tooLarge = "too_large", tooManyRedirects = "too_many_redirects"
        case protocolNotAllowed = "protocol_not_allowed", httpStatus = "http_status", rateLimited = "rate_limited"
        case connection, tls, dns, decode, privateNetwork = "private_network"
    }

    public var kind: Kind
    public var message: String
    /// The HTTP status, for `httpStatus` and `rateLimited`.
    public var status: Int?
    public var retries: Int

    public init(kind: Kind, message: String, status: Int? = nil, retries: Int = 0) {
        self.kind = kind
        self.message = message
        self.status = status
        self.retries = retries
    }

    public var description: String { message }
}
