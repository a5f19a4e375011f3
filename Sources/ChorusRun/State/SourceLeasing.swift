public import Foundation

/// A store shared by several machines: a run leases the due sources it is about to poll, so
/// that two runs never poll one source at once. A live run renews its leases (`state.lease`,
/// renewed every third of it); its commit releases them; a run that dies or stalls keeps them
/// until they expire, then the sources return.
public protocol SourceLeasing: Sendable {
    /// Leases those of `names` that no other live run holds, until `until`; returns their
    /// records as they are now (another run may have polled and committed one since this run
    /// read the state). Names missing from the answer are held by another run.
    func lease(_ names: [String], until: Date, now: Date) throws(StateError) -> [String: SourceRecord]
}
