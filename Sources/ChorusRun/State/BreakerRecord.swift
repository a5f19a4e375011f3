public import Foundation

/// The circuit breaker's memory of one source (see ``SourceBreaker``): how many runs in a row
/// died while it was in flight, and until when it is skipped.
public struct BreakerRecord: Sendable, Equatable {
    public var name: String
    /// Runs that died (crash, out-of-memory kill, hang cut short) with this source in flight,
    /// since it last finished.
    public var strikes: Int
    public var lastStrike: Date
    /// Skipped until then; nil while under the strike limit.
    public var quarantinedUntil: Date?
    /// Why, for the summary and `chorus check`.
    public var cause: String

    public init(name: String, strikes: Int, lastStrike: Date, quarantinedUntil: Date? = nil, cause: String) {
        self.name = name
        self.strikes = strikes
        self.lastStrike = lastStrike
        self.quarantinedUntil = quarantinedUntil
        self.cause = cause
    }
}
