import Foundation

/// Leases a run's planned sources from a shared store (``SourceLeasing``) a chunk at a time, as
/// the run reaches them, so that runs started together share the work: a run leases the next
/// chunk it needs, a chunk another run holds is skipped at once, and the runs leapfrog through
/// the source list. A source is admitted when this run leased it and no other run polled it
/// since this run read the state (its fresh record is the one the run planned from). The lease
/// statement runs on the run's ``BlockingQueue``, never on the cooperative pool. Owned by the
/// run's task, never shared.
final class LeaseFeeder {
    private let leasing: any SourceLeasing
    private let blocking: BlockingQueue
    private let planned: [(name: String, saved: SourceRecord)]
    /// Sources leased per statement.
    private let chunk: Int
    /// How long a lease lasts (renewed by the store while the run works).
    private let length: Double
    private let clock: @Sendable () -> Date
    /// Per planned index: admitted or not, once its chunk was leased.
    private var admitted: [Bool?]

    /// Nil when `store` is not shared.
    init?(
        store: any StateStore, blocking: BlockingQueue, planned: [(name: String, saved: SourceRecord)], chunk: Int, length: Double,
        clock: @escaping @Sendable () -> Date
    ) {
        guard let leasing = store as? any SourceLeasing else { return nil }
        self.leasing = leasing
        self.blocking = blocking
        self.planned = planned
        self.chunk = max(chunk, 1)
        self.length = length
        self.clock = clock
        admitted = Array(repeating: nil, count: planned.count)
    }

    /// Whether the run may poll planned source `index`; leases its chunk first if needed.
    func admits(_ index: Int) async throws(StateError) -> Bool {
        if let known = admitted[index] { return known }
        let range = index..<min(index + chunk, planned.count)
        let names = range.map { planned[$0].name }
        let now = clock()
        let until = now.addingTimeInterval(length)
        let leasing = self.leasing
        let fresh = try await blocking.run { () throws(StateError) in try leasing.lease(names, until: until, now: now) }
        for i in range { admitted[i] = fresh[planned[i].name].map { $0 == planned[i].saved } ?? false }
        return admitted[index] ?? false
    }
}
