/// The outcome of a successful fetch (2xx, or 304 Not Modified).
public struct FetchResponse: Sendable {
    /// The URL asked for.
    public var url: String
    /// The URL after redirects.
    public var finalURL: String
    /// The final HTTP status: 2xx, or 304.
    public var status: Int
    /// Response headers of the final response, names lowercased.
    public var headers: [String: String]
    /// The decoded body; empty on 304.
    public var body: [UInt8]
    /// Set when a 301/308 was followed: the URL the source should use from now on.
    public var permanentRedirect: String?
    /// Phase timings of the last attempt.
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

    /// True for 304 Not Modified (the previous run's copy is current; no body).
    public var notModified: Bool { status == 304 }
    /// The Content-Type header, if any.
    public var contentType: String? { headers["content-type"] }
    /// The ETag to store for the next conditional GET.
    public var etag: String? { headers["etag"] }
    /// The Last-Modified date to store for the next conditional GET.
    public var lastModified: String? { headers["last-modified"] }
}

/// Phase timings from curl_easy_getinfo, seconds since the transfer started.
public struct FetchTimings: Sendable, Equatable {
    /// Name resolution done.
    public var dns: Double = 0
    /// TCP connected.
    public var connect: Double = 0
    /// TLS handshake done (0 for plain http).
    public var tls: Double = 0
    /// First response byte received.
    public var firstByte: Double = 0
    /// Transfer complete.
    public var total: Double = 0

    public init(dns: Double = 0, connect: Double = 0, tls: Double = 0, firstByte: Double = 0, total: Double = 0) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
    }
}
