/// The outcome of a successful fetch (2xx, or 304 Not Modified).
public struct FetchResponse: Sendable {
    /// The URL asked for.
    public var url: String
    /// The URL after redirects.
    public var finalURL: String
    public var status: Int
    /// Response headers of the final response, names lowercased.
    public var headers: [String: String]
    /// The decoded body; empty on 304.
    public var body: [UInt8]
    /// Set when a 301/308 was followed: the URL the source should use from now on.
    public var permanentRedirect: String?
    public var timings: FetchTimings
    /// Bytes received on the wire (before decoding).
    public var bytesOnWire: Int
    /// Retries used before this response.
    public var retries: Int
    /// The response's rate-limit headers (any dialect), normalized; nil when absent.
    public var rateLimit: RateLimit?

    public init(
        url: String, finalURL: String, status: Int, headers: [String: String] = [:], body: [UInt8] = [],
        permanentRedirect: String? = nil, timings: FetchTimings = FetchTimings(), bytesOnWire: Int = 0, retries: Int = 0
    ) {
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
        self.permanentRedirect = permanentRedirect
        self.timings = timings
        self.bytesOnWire = bytesOnWire
        self.retries = retries
    }

    public var notModified: Bool { status == 304 }
    public var contentType: String? { headers["content-type"] }
    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
}

/// Phase timings from curl_easy_getinfo, seconds since the transfer started.
public struct FetchTimings: Sendable, Equatable {
    public var dns: Double = 0
    public var connect: Double = 0
    public var tls: Double = 0
    public var firstByte: Double = 0
    public var total: Double = 0

    public init(dns: Double = 0, connect: Double = 0, tls: Double = 0, firstByte: Double = 0, total: Double = 0) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
    }
}
