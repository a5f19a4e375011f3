import Foundation
import Synchronization

/// The seen-id lookups of a run's sources, coalesced: a source asks for the ids of its poll and
/// waits; the lookups asked for while the run's ``BlockingQueue`` is busy go to the store
/// together, in one call, once it is free, and each source gets back the records of its own
/// ids. A lookup asked for while the queue is idle runs at once, alone. On PostgreSQL every
/// call is a round trip: sources that finish together share one instead of one each.
final class SeenLookup: Sendable {
    private let store: any StateStore
    private let blocking: BlockingQueue
    /// The lookups asked for since the last call began, and whether a call is queued or running.
    private let state = Mutex(Waiting())

    private typealias Reply = CheckedContinuation<Result<[String: SeenRecord], StateError>, Never>
    /// The state behind ``state``'s lock.
    private struct Waiting {
        var lookups: [(ids: [String], reply: Reply)] = []
        var scheduled = false
    }

    init(store: any StateStore, blocking: BlockingQueue) {
        self.store = store
        self.blocking = blocking
    }

    /// The stored records of those of `ids` that were emitted before (missing ids are new).
    func records(_ ids: [String]) async throws(StateError) -> [String: SeenRecord] {
        guard !ids.isEmpty else { return [:] }
        let result = await withCheckedContinuation { (reply: Reply) in
            let schedule = state.withLock { w in
                w.lookups.append((ids, reply))
                defer { w.scheduled = true }
                return !w.scheduled
            }
            if schedule { blocking.submit { self.drain() } }
        }
        return try result.get()
    }

    /// On the queue: answers every lookup waiting now with one store call, then queues the next
    /// call if more were asked for meanwhile (behind whatever else the queue has by then).
    private func drain() {
        let lookups = state.withLock { w in
            defer { w.lookups = [] }
            return w.lookups
        }
        var unique = Set<String>()
        let ids = lookups.flatMap(\.ids).filter { unique.insert($0).inserted }
        let answer = Result { () throws(StateError) in try store.seenRecords(ids) }
        for lookup in lookups {
            lookup.reply.resume(returning: answer.map { found in
                var own: [String: SeenRecord] = [:]
                for id in lookup.ids { if let record = found[id] { own[id] = record } }
                return own
            })
        }
        let again = state.withLock { w in
            if w.lookups.isEmpty { w.scheduled = false }
            return w.scheduled
        }
        if again { blocking.submit { self.drain() } }
    }
}
