public import Foundation

/// A store shared by several machines remembers hosts that asked clients to back off (HTTP 429,
/// `Retry-After` or a rate-limit reset), so that no machine asks them again before then: N
/// machines must not hammer a platform N times as hard as one (``SharedBackoffFetcher``).
public protocol HostBackoffSharing: Sendable {
    /// Hosts (`scheme://host:port`, lowercased) backing off after `now`, with until when and why.
    func hostBackoffs(now: Date) throws(StateError) -> [String: (until: Date, reason: String)]
    /// Records that `host` asked for a pause until `until` (a later pause already recorded stays).
    func recordHostBackoff(host: String, until: Date, reason: String) throws(StateError)
}
