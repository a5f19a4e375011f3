public import Foundation

/// A platform's rate-limit headers normalized into one value: how many requests the window
/// allows, how many remain, and when it resets (an absolute time). Read from the dialects of
/// social-apis.md §0.1: Mastodon `X-RateLimit-*` (ISO 8601 reset), Bluesky/IETF `RateLimit-*`,
/// Reddit `X-Ratelimit-Used/Remaining/Reset` (seconds until reset) and X `x-rate-limit-*`
/// (epoch seconds).
public struct RateLimit: Sendable, Equatable {
    /// Which header family the values came from.
    public enum Dialect: String, Sendable {
        /// `X-RateLimit-*` (Mastodon, GitHub and many others).
        case xRateLimit = "x-ratelimit"
        /// `RateLimit-*` (Bluesky, the IETF draft).
        case rateLimit = "ratelimit"
        /// `X-Ratelimit-Used` present: Reddit.
        case reddit
        /// `x-rate-limit-*` (X API v2).
        case xAPI = "x-rate-limit"
    }

    /// The header family read.
    public var dialect: Dialect
    /// Requests allowed in the window, when the server says.
    public var limit: Int?
    /// Requests left in the window.
    public var remaining: Int?
    /// When the window resets.
    public var resetAt: Date?

    public init(dialect: Dialect, limit: Int? = nil, remaining: Int? = nil, resetAt: Date? = nil) {
        self.dialect = dialect
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }

    /// True when no request is left before the reset.
    public var isExhausted: Bool { remaining.map { $0 <= 0 } ?? false }

    /// Seconds from `now` until the reset (never negative), if the reset is known.
    public func secondsUntilReset(now: Date) -> Double? {
        resetAt.map { max(0, $0.timeIntervalSince(now)) }
    }

    /// Reads the rate-limit headers (names lowercased) of a response received at `now`; nil
    /// when none of the dialects is present.
    public init?(headers: [String: String], now: Date) {
        let dialect: Dialect
        let prefix: String
        if headers["x-ratelimit-used"] != nil {
            (dialect, prefix) = (.reddit, "x-ratelimit-")
        } else if headers["x-ratelimit-remaining"] != nil || headers["x-ratelimit-reset"] != nil {
            (dialect, prefix) = (.xRateLimit, "x-ratelimit-")
        } else if headers["x-rate-limit-remaining"] != nil || headers["x-rate-limit-reset"] != nil {
            (dialect, prefix) = (.xAPI, "x-rate-limit-")
        } else if headers["ratelimit-remaining"] != nil || headers["ratelimit-reset"] != nil {
            (dialect, prefix) = (.rateLimit, "ratelimit-")
        } else {
            return nil
        }
        self.dialect = dialect
        remaining = headers[prefix + "remaining"].flatMap(Self.count)
        if dialect == .reddit, let used = headers["x-ratelimit-used"].flatMap(Self.count), let remaining {
            let (sum, overflow) = used.addingReportingOverflow(remaining)
            limit = overflow ? nil : sum
        } else {
            limit = headers[prefix + "limit"].flatMap(Self.count)
        }
        resetAt = headers[prefix + "reset"].flatMap { Self.resetDate($0, dialect: dialect, now: now) }
    }

    /// "598", "598.0" or "100, 100;w=60" (the first number) as an integer.
    static func count(_ text: String) -> Int? {
        let head = text.split(whereSeparator: { $0 == "," || $0 == ";" }).first.map(String.init)?.trimmingSpaces ?? ""
        if let n = Int(head) { return n }
        // A count beyond Int (`1e300`) is no count: converting it would trap.
        if let d = Double(head), d.isFinite, abs(d) < 9.0e18 { return Int(d.rounded(.down)) }
        return nil
    }

    /// A reset value as an absolute time: an ISO 8601 timestamp (Mastodon), epoch seconds
    /// (large numbers: X, Bluesky, GitHub), or seconds from now (small numbers: Reddit, IETF).
    static func resetDate(_ text: String, dialect: Dialect, now: Date) -> Date? {
        let value = text.trimmingSpaces
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
            if dialect != .reddit && seconds > 1_000_000_000 { return Date(timeIntervalSince1970: seconds) }
            return now.addingTimeInterval(seconds)
        }
        return ISO8601Timestamp.parse(value)
    }
}
