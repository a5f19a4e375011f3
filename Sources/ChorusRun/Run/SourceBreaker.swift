import ChorusModel
import Foundation
import Logging

/// The circuit breaker for poison pills: a source whose input crashes, exhausts memory or hangs
/// the process must not keep every other source from landing. A run notes the sources it works
/// on (``InFlightLog``); the next run finds the ones a dead run left there and counts a strike
/// against each; at ``strikeLimit`` strikes a source is quarantined: skipped (status
/// `quarantined`, with the cause) until a back-off passes, then tried again. A source that
/// finishes clears its strikes. docs/ingest.md, "Poison pills".
struct SourceBreaker {
    /// Strikes before a source is quarantined.
    static let strikeLimit = 3
    /// The first quarantine; each further strike doubles it, up to ``longestQuarantine``.
    static let firstQuarantine: Double = 3600
    static let longestQuarantine: Double = 7 * 86_400

    let store: any StateStore
    let log: InFlightLog?

    init(store: any StateStore, state: URL) {
        self.store = store
        log = InFlightLog(url: state.appendingPathExtension("inflight"))
    }

    /// Counts a strike against every source a dead run left in flight, saves it, and empties
    /// the log. Returns the records that changed (for logs).
    func countStrikes(now: Date, logger: Logger) throws(StateError) -> [BreakerRecord] {
        guard let log else { return [] }
        let left = Array(Set(InFlightLog.leftover(at: log.url))).sorted()
        guard !left.isEmpty else { return [] }
        let known = try store.breakerRecords()
        var changed: [BreakerRecord] = []
        for name in left {
            var r = known[name] ?? BreakerRecord(name: name, strikes: 0, lastStrike: now, cause: "")
            r.strikes += 1
            r.lastStrike = now
            r.cause = "the run died (crash, out-of-memory kill or hang) while this source was in flight, \(r.strikes) run\(r.strikes == 1 ? "" : "s") in a row"
            if r.strikes >= Self.strikeLimit {
                r.quarantinedUntil = now.addingTimeInterval(Self.quarantine(strikes: r.strikes))
            }
            changed.append(r)
            if let until = r.quarantinedUntil {
                logger.warning("run: source \(name) quarantined until \(RFC3339.format(until)): \(r.cause)", metadata: ["source": "\(name)"])
            } else {
                logger.warning("run: source \(name) was in flight when the previous run died (strike \(r.strikes) of \(Self.strikeLimit))", metadata: ["source": "\(name)"])
            }
        }
        try store.saveBreaker(changed)
        log.clear()
        return changed
    }

    /// Seconds a source with `strikes` strikes stays quarantined.
    static func quarantine(strikes: Int) -> Double {
        let doublings = Double(min(max(strikes - strikeLimit, 0), 20))
        return min(firstQuarantine * pow(2, doublings), longestQuarantine)
    }

    /// The cause when `record` keeps its source out at `now`, else nil.
    static func quarantined(_ record: BreakerRecord?, now: Date) -> String? {
        guard let record, let until = record.quarantinedUntil, until > now else { return nil }
        return "quarantined until \(RFC3339.format(until)) after \(record.strikes) strikes: \(record.cause)"
    }
}
