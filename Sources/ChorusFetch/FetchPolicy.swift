import ChorusModel
/// Limits and safety settings for a fetch; the defaults are what an ingestion run uses.
public struct FetchPolicy: Sendable, Equatable {
    /// Sent as User-Agent: `Chorus/<version> (+project URL)` unless a source overrides it.
    public var userAgent: String = ChorusVersion.userAgent
    /// TCP and TLS connect, seconds.
    public var connectTimeout: Double = 10
    /// Whole transfer, seconds.
    public var totalTimeout: Double = 60
    /// Abort when slower than `lowSpeedBytes` per second for `lowSpeedSeconds`.
    public var lowSpeedBytes: Int = 100
    public var lowSpeedSeconds: Int = 15
    /// Cap on the decoded body, bytes.
    public var maxBytes: Int = 20 * 1024 * 1024
    /// Redirects followed before `too_many_redirects`.
    public var maxRedirects: Int = 5
    /// Retries after the first attempt, for connect errors, timeouts, 5xx and 429.
    public var retries: Int = 3
    /// Total time one request may spend waiting between retries, seconds.
    public var retryBudget: Double = 60
    /// Refuse loopback, private, link-local and other non-public addresses after DNS (SSRF guard).
    public var denyPrivateNetworks: Bool = false
    /// CA bundle file for TLS verification; nil uses the system store. Verification is always on.
    public var caBundle: String? = nil
    /// Proxy URL; nil uses the usual environment variables.
    public var proxy: String? = nil

    /// The defaults an ingestion run uses.
    public init() {}
}
