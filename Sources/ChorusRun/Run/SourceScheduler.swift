import Foundation

/// Decides whether a source is due. A source is due when it was never fetched, or its next
/// due time has come, allowing a slack of 10% of its interval (at most 60 s) so that a cron
/// job started a few seconds early does not skip a source whose interval equals the cron period.
struct SourceScheduler {
    let now: Date

    func isDue(_ record: SourceRecord, interval: Double) -> Bool {
        guard let due = record.nextDue else { return true }
        let slack = min(60, interval * 0.1)
        return due.timeIntervalSince(now) <= slack
    }
}
