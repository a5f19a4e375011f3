/// What the connectors and the run need from the fetch stage: one HTTP GET with Chorus's
/// policies (conditional headers, retries, caps, redirects, safety). The libcurl-backed
/// implementation is ``CurlFetcher``; tests may use any conforming type.
public protocol HTTPFetching: Sendable {
    /// Performs `request`, retrying per its policy. A 304 is a success (`notModified`).
    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse
}
