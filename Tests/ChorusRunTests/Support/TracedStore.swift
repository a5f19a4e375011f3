import Foundation
import Synchronization
@testable import ChorusRun

/// A shared state store as a run sees it (``StateStore``, ``SourceLeasing``, ``SeenClaiming``):
/// every call goes on to the real ``PostgresStateStore``, and is noted with whether it ran on a
/// ``BlockingQueue``, so a test can tell where a run made its store calls and how many.
final class TracedStore: StateStore, SourceLeasing, SeenClaiming {
    let base: PostgresStateStore
    private let entries = Mutex<[(call: String, onQueue: Bool)]>([])

    init(_ base: PostgresStateStore) { self.base = base }

    /// The calls so far, in order.
    var calls: [(call: String, onQueue: Bool)] { entries.withLock { $0 } }

    private func note(_ call: String) { entries.withLock { $0.append((call, BlockingQueue.isCurrent)) } }

    func sourceRecords() throws(StateError) -> [String: SourceRecord] {
        note("sourceRecords")
        return try base.sourceRecords()
    }

    func seenRecords(_ ids: [String]) throws(StateError) -> [String: SeenRecord] {
        note("seenRecords")
        return try base.seenRecords(ids)
    }

    func beginOutput(_ output: PendingOutput) throws(StateError) {
        note("beginOutput")
        try base.beginOutput(output)
    }

    func pendingOutputs() throws(StateError) -> [PendingOutput] {
        note("pendingOutputs")
        return try base.pendingOutputs()
    }

    func commit(_ change: StateCommit) throws(StateError) {
        note("commit")
        try base.commit(change)
    }

    func breakerRecords() throws(StateError) -> [String: BreakerRecord] {
        note("breakerRecords")
        return try base.breakerRecords()
    }

    func saveBreaker(_ records: [BreakerRecord]) throws(StateError) {
        note("saveBreaker")
        try base.saveBreaker(records)
    }

    func lease(_ names: [String], until: Date, now: Date) throws(StateError) -> [String: SourceRecord] {
        note("lease")
        return try base.lease(names, until: until, now: now)
    }

    func claim(_ items: [(id: String, revision: Int)]) throws(StateError) -> Set<String> {
        note("claim")
        return try base.claim(items)
    }
}
