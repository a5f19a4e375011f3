public import Foundation
public import ChorusModel

/// Everything a run remembers between runs, behind one small interface so that the run never
/// assumes a storage engine. ``SQLiteStateStore`` is the embedded default; a shared
/// PostgreSQL store (leases with `FOR UPDATE SKIP LOCKED`) can implement the same calls.
public protocol StateStore: Sendable {
    /// Every source's saved record, keyed by source name.
    func sourceRecords() throws(StateError) -> [String: SourceRecord]
    /// The seen records of those `ids` that are known.
    func seenRecords(_ ids: [String]) throws(StateError) -> [String: SeenRecord]
    /// Notes an output file that is durable under its temporary name and about to be published,
    /// with the seen records its commit will write, so that a crash before ``commit(_:)`` can be
    /// reconciled by ``pendingOutputs()`` without reading the file. Noting the same temporary
    /// path again replaces the earlier note (the run retries under another final name).
    func beginOutput(_ output: PendingOutput) throws(StateError)
    /// Output files noted by ``beginOutput(_:)`` whose commit never happened.
    func pendingOutputs() throws(StateError) -> [PendingOutput]
    /// Applies one run's changes atomically: all of them or none.
    func commit(_ change: StateCommit) throws(StateError)
    /// The circuit breaker's records (``SourceBreaker``), keyed by source name.
    func breakerRecords() throws(StateError) -> [String: BreakerRecord]
    /// Saves breaker records (strikes counted at the start of a run), at once.
    func saveBreaker(_ records: [BreakerRecord]) throws(StateError)
}

extension StateStore {
    /// A store without a breaker remembers no strikes.
    public func breakerRecords() throws(StateError) -> [String: BreakerRecord] { [:] }
    public func saveBreaker(_ records: [BreakerRecord]) throws(StateError) {}
}

/// What the store keeps per source.
public struct SourceRecord: Sendable, Equatable {
    public var name: String
    /// Validators, current URL and cursors, as the connector returned them.
    public var state: SourceState
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    public var consecutiveFailures: Int
    /// The source is skipped until this time.
    public var nextDue: Date?
    public var lastStatus: Int?
    public var lastError: String?

    public init(
        name: String, state: SourceState = SourceState(), lastSuccess: Date? = nil, lastAttempt: Date? = nil,
        consecutiveFailures: Int = 0, nextDue: Date? = nil, lastStatus: Int? = nil, lastError: String? = nil
    ) {
        self.name = name
        self.state = state
        self.lastSuccess = lastSuccess
        self.lastAttempt = lastAttempt
        self.consecutiveFailures = consecutiveFailures
        self.nextDue = nextDue
        self.lastStatus = lastStatus
        self.lastError = lastError
    }
}

/// What the store keeps per emitted item id, for dedup and revisions.
public struct SeenRecord: Sendable, Equatable {
    public var id: String
    /// The source that first emitted it.
    public var source: String
    public var firstSeen: Date
    /// The last run that read it from any source; retention counts from here.
    public var lastSeen: Date
    /// ``ContentFingerprint`` of the last emitted version.
    public var contentHash: String
    /// `updated_at` of the last emitted version.
    public var updatedAt: Date?
    /// The revision number last emitted (0 for the first emission).
    public var revision: Int

    public init(id: String, source: String, firstSeen: Date, lastSeen: Date, contentHash: String, updatedAt: Date?, revision: Int) {
        self.id = id
        self.source = source
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.contentHash = contentHash
        self.updatedAt = updatedAt
        self.revision = revision
    }
}

/// An output file between "durable under its temporary name" and "state committed".
public struct PendingOutput: Sendable, Equatable {
    /// The final path.
    public var path: String
    /// The temporary path it was written under (what identifies the note).
    public var temporaryPath: String
    public var createdAt: Date
    /// The seen records of the file's items, as the commit will write them; recovery adopts
    /// these when the file was published. Nil for a note written by a version that did not
    /// record them (recovery then reads the file, if it is still there and readable).
    public var seen: [SeenRecord]?
    /// The file's NDJSON lines, for a store with an output table (``PostgresItemTable``); empty otherwise.
    public var documents: [UInt8] = []

    public init(path: String, temporaryPath: String, createdAt: Date, seen: [SeenRecord]? = nil) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.createdAt = createdAt
        self.seen = seen
    }
}

/// One run's state changes, applied in one transaction.
public struct StateCommit: Sendable {
    public var sources: [SourceRecord]
    /// Inserted or replaced seen records.
    public var seen: [SeenRecord]
    /// Ids to mark as seen again at `now` (duplicates), keeping them inside the retention window.
    public var touched: [String]
    /// The pending output this commit completes, if any.
    public var completedOutput: String?
    /// `completedOutput` was never published (recovery after a run that died between its note
    /// and its publish): none of its items is delivered, so an output table drops their rows.
    public var outputWithdrawn = false
    /// Seen records last seen before this instant are deleted.
    public var pruneBefore: Date?
    /// Sources that finished in this run: their breaker strikes are cleared.
    public var finished: [String] = []
    /// NDJSON lines of items written without an output file (stdout), for a store with an
    /// output table; a file's lines go with its note (``PendingOutput/documents``).
    public var documents: [UInt8] = []
    public var now: Date

    public init(sources: [SourceRecord] = [], seen: [SeenRecord] = [], touched: [String] = [], completedOutput: String? = nil, pruneBefore: Date? = nil, now: Date) {
        self.sources = sources
        self.seen = seen
        self.touched = touched
        self.completedOutput = completedOutput
        self.pruneBefore = pruneBefore
        self.now = now
    }
}

/// The state store failed. Messages start with "state:" and name the store.
public struct StateError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The store was lost during the call (a PostgreSQL connection cut): a write may have been
    /// committed although the call failed.
    public var outcomeUnknown = false

    public init(_ message: String, outcomeUnknown: Bool = false) {
        self.message = message
        self.outcomeUnknown = outcomeUnknown
    }

    public var description: String { message }
}
