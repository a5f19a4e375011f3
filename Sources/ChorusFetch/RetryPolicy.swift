import CCurlShim
public import Foundation

/// When to retry and how long to wait: exponential backoff with jitter, `Retry-After`
/// (seconds or HTTP-date) and rate-limit resets honoured, all inside a retry budget.
public struct RetryPolicy: Sendable {
    /// The first backoff delay, seconds; doubles per retry.
    public var baseDelay: Double
    /// The largest backoff delay, seconds (Retry-After may ask for more, within the budget).
    public var maxDelay: Double

    public init(baseDelay: Double = 1, maxDelay: Double = 30) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The backoff before retry number `retry` (0-based): `base·2^retry` capped at `maxDelay`,
    /// scaled by a jitter factor in [0.5, 1) drawn from `random` (a value in [0, 1)).
    public func backoff(retry: Int, random: Double) -> Double {
        let exponential = min(maxDelay, baseDelay * pow(2, Double(min(retry, 30))))
        return exponential * (0.5 + 0.5 * min(max(random, 0), 1))
    }

    /// Whether an HTTP status is worth retrying: 5xx and 429 (other 4xx, 408 included, are not).
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The wait a response asks for, seconds from `now`: `Retry-After` first, then (for a 429
    /// or an exhausted window) the rate-limit reset. Nil when the server did not say.
    /// A wait longer than ``longestServerDelay`` is read as that (a year).
    public static func serverDelay(status: Int, headers: [String: String], rateLimit: RateLimit?, now: Date) -> Double? {
        if let value = headers["retry-after"], let delay = retryAfter(value, now: now) { return delay }
        if let rateLimit, status == 429 || rateLimit.isExhausted, let reset = rateLimit.secondsUntilReset(now: now) {
            return reset.isFinite ? min(reset, longestServerDelay) : longestServerDelay
        }
        return nil
    }

    /// The longest wait a server can ask for, seconds (one year): `Retry-After: 1e300` is
    /// clamped to it, so the arithmetic and messages on the delay stay in range.
    public static let longestServerDelay = 365.0 * 86_400

    /// Parses a `Retry-After` value: delta seconds, or an HTTP-date (IMF-fixdate, RFC 850 or
    /// asctime) measured from `now`. Never negative; nil when unparseable.
    public static func retryAfter(_ value: String, now: Date) -> Double? {
        let text = value.trimmingSpaces
        if let seconds = Double(text) { return seconds.isFinite && seconds >= 0 ? min(seconds, longestServerDelay) : nil }
        let epoch = text.withCString { chorus_curl_getdate($0, nil) }
        guard epoch > 0 else { return nil }
        return max(0, Double(epoch) - now.timeIntervalSince1970)
    }
}
