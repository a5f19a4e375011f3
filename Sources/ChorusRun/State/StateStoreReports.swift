public import Foundation

/// A store that keeps, for `chorus status`, when each failing source began to fail.
public protocol SourceFailureLog {
    /// Called after a committed run, under the run lock.
    func recordFailingSince() throws(StateError)
}

/// A store that answers `chorus status`'s health questions (``SourceHealth``).
public protocol SourceHealthReading {
    /// Per source: since when it has been failing, and how many items it first emitted since `since`.
    func health(itemsSince since: Date) throws(StateError) -> [String: SourceHealth]
}

extension SQLiteStateStore: SourceFailureLog {}

extension SQLiteStateStore: SourceHealthReading {}
