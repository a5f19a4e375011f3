/// Reads whether a successful response says the rate-limit window is used up, in any of
/// the header dialects of social-apis.md §0.1 (`X-RateLimit-Remaining` for Mastodon and
/// Reddit, `RateLimit-Remaining` for Bluesky, `x-rate-limit-remaining` for X). A connector
/// then stops paging and lets the next run continue, instead of drawing a 429.
enum RateLimitSignal {
    static let remainingHeaders = ["x-ratelimit-remaining", "ratelimit-remaining", "x-rate-limit-remaining"]

    /// True when a remaining-requests header says 0 (Reddit sends fractions such as `0.0`).
    static func isExhausted(_ headers: [String: String]) -> Bool {
        for name in remainingHeaders {
            guard let value = headers[name] else { continue }
            let head = value.split(separator: ",").first.map { $0.trimmed(" ") } ?? ""
            if let number = Double(head), number < 1 { return true }
        }
        return false
    }
}
