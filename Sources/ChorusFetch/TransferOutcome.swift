/// What one attempt (one easy transfer, redirects included) produced, handed from the curl
/// thread to the async caller. Classified into a response or an error by ``CurlFetcher``.
struct TransferOutcome: Sendable {
    /// One response in the redirect chain: the URL requested and the status it answered.
    struct Hop: Sendable, Equatable {
        var url: String
        var status: Int
    }

    /// libcurl's result code (CURLE_OK is 0) and its error text, if any.
    var code: Int = 0
    var curlMessage: String = ""
    /// Status and headers (lowercased names) of the last response.
    var status: Int = 0
    var reason: String = ""
    var headers: [String: String] = [:]
    /// The decoded body; complete only when `code == 0`.
    var body: [UInt8] = []
    var effectiveURL: String = ""
    var hops: [Hop] = []
    var timings = FetchTimings()
    var bytesOnWire: Int = 0
    /// Set when the decoded body went over the cap (the write callback stopped the transfer).
    var exceededCap = false
    /// Set when `deny_private_networks` refused an address (the address).
    var blockedAddress: String?
    /// Set when a redirect left the origin of a request that carries extra headers: the
    /// transfer stopped before that request, and this is the URL it was to fetch.
    var crossOriginRedirect: String?
    /// Set when the caller's task was cancelled or the fetcher shut down.
    var cancelled = false
    /// The connection spoke HTTP/2 or later (so its host can take more concurrent streams).
    var multiplexed = false

    /// The URL to use from now on when the chain starts with permanent redirects (301/308):
    /// the target of the last permanent hop before any temporary one.
    var permanentRedirect: String? {
        var target: String?
        var i = 0
        while i + 1 < hops.count, hops[i].status == 301 || hops[i].status == 308 {
            target = hops[i + 1].url
            i += 1
        }
        return target
    }
}
