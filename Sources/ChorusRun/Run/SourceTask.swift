import Foundation
import ChorusConnectors
import ChorusFetch
import ChorusModel
import ChorusOutput
import ChorusSentiment

/// The work for one source inside the run's task group: poll, then classify every item
/// against the store (new, revision, duplicate), match keywords, filter and score. Pure
/// with respect to state: nothing is written here.
struct SourceTask: Sendable {
    let source: SourceConfig
    let connector: any SourceConnector
    let saved: SourceRecord
    let fetcher: any HTTPFetching
    /// The run's seen-id lookups (off the cooperative pool, coalesced across sources).
    let lookup: SeenLookup
    let matcher: KeywordMatcher
    let keywordFilter: Bool
    let analyzer: SentimentAnalyzer?
    /// Also score items that will not be written (the dry-run table shows them).
    let scoreDuplicates: Bool
    let now: Date

    /// One item ready for the collector.
    /// Only what the collector needs, so each item's strings are freed here, in parallel, not
    /// in the single consumer; the whole item is kept only for the dry-run table.
    struct Classified: Sendable {
        var id: String
        var source: String
        var updatedAt: Date?
        var revision: Int
        /// The whole item, for the dry-run table only (`scoreDuplicates`).
        var preview: Item?
        var fingerprint: String
        /// The stored record when the id was emitted before.
        var prior: SeenRecord?
        /// False when the stored version is the same (or newer): a duplicate.
        var emit: Bool
        /// True when `prior` was found under the item's ``Item/formerID``: its record moves to `id`.
        var migrated = false
        /// Where the NDJSON line is in ``Result/lines`` when `emit` (encoded here, in parallel,
        /// not in the single consumer); empty otherwise.
        var line: Range<Int>
    }

    /// What the task hands back.
    struct Result: Sendable {
        var report: SourceReport
        var poll: PollResult?
        var items: [Classified]
        /// The NDJSON lines of the emitted items, back to back in item order (one buffer per
        /// source instead of one array per line).
        var lines: [UInt8] = []
        /// The store failed while the items were classified: the run's failure, not the source's
        /// (the collector stops the run with it; a later run repeats the source).
        var stateFailure: String? = nil
    }

    func run(clock: @Sendable () -> Date) async -> Result {
        let started = clock()
        var report = SourceReport(name: source.name, status: .ok)
        var poll: PollResult
        do {
            poll = try await connector.poll(from: saved.state, using: fetcher, now: now)
        } catch {
            if Task.isCancelled {
                // Stopped by a signal or --max-duration: not a failure of the source.
                report.status = .cancelled
                return Result(report: report, poll: nil, items: [])
            }
            report.status = .error
            report.errors = 1
            report.error = error.message
            report.httpStatus = error.httpStatus
            report.durationMs = Self.ms(clock().timeIntervalSince(started))
            return Result(report: report, poll: nil, items: [])
        }
        if Task.isCancelled {
            report.status = .cancelled
            return Result(report: report, poll: nil, items: [])
        }
        // Test hook for the circuit breaker (docs/ingest.md, "Poison pills"): a source named
        // here kills the process the way a trap or an out-of-memory kill would.
        if let poison = Self.poisonSource, poison == source.name {
            kill(getpid(), SIGKILL)
        }
        report.httpStatus = poll.httpStatus
        report.fetched = poll.items.count
        report.recovered = poll.recoveredDocuments
        report.damaged = poll.damagedItems
        report.truncated = poll.truncatedDocuments
        if poll.notModified { report.status = .notModified }
        var items: [Classified] = []
        var writer = JSONWriter(capacity: 0)
        var polled = poll.items
        poll.items = []
        do {
            // Items whose id changed when attribute references began to be decoded are also
            // looked up under their former id, so state written before still dedups them.
            // One lookup for the whole poll, on the blocking queue, shared with the sources
            // that look up at the same time.
            var ids = polled.map(\.id)
            for item in polled { if let former = item.formerID { ids.append(former) } }
            let known = try await lookup.records(ids)
            items.reserveCapacity(polled.count)
            writer.bytes.reserveCapacity(polled.count * 1024)
            // Items are moved out one at a time (in order), not copied: each is freed here once
            // classified and encoded.
            polled.reverse()
            // One scoring session per source: its scratch buffers serve every item of the poll.
            var session = analyzer.map(SentimentSession.init)
            while var item = polled.popLast() {
                item.keywords = matcher.matches(title: item.title, text: item.text)
                if keywordFilter && item.keywords.isEmpty {
                    report.filtered += 1
                    continue
                }
                var fingerprint = ContentFingerprint.of(item)
                var prior = known[item.id]
                var migrated = false
                if prior == nil, let former = item.formerID, let old = known[former] {
                    prior = old
                    migrated = true
                }
                // Under its former id only a later `updated_at` is a new version: the url the
                // fingerprint covers changed with the decoding, not with the item.
                if let prior, !migrated, let formerURL = item.formerURL, fingerprint != prior.contentHash {
                    // Stored under the same id with the url as it was read before decoding: the
                    // same version when nothing else changed.
                    var old = item
                    old.url = formerURL
                    if ContentFingerprint.of(old) == prior.contentHash { fingerprint = prior.contentHash }
                }
                let emit = prior.map {
                    migrated ? Self.isLater(item, than: $0) : Self.isRevision(item, fingerprint: fingerprint, of: $0)
                } ?? true
                if emit || scoreDuplicates, session != nil {
                    item.sentiment = session?.score(title: item.title, text: item.text, lang: item.lang)
                }
                let start = writer.bytes.count
                if emit {
                    item.revision = prior.map { $0.revision + 1 } ?? 0
                    ItemEncoder.append(item, to: &writer)
                }
                let line = start..<writer.bytes.count
                items.append(Classified(
                    id: item.id, source: item.source, updatedAt: item.updatedAt, revision: item.revision,
                    preview: scoreDuplicates ? item : nil, fingerprint: fingerprint, prior: prior, emit: emit, migrated: migrated,
                    line: line))
            }
        } catch {
            report.status = .error
            report.errors = 1
            report.error = error.message
            return Result(report: report, poll: nil, items: [], stateFailure: error.message)
        }
        report.durationMs = Self.ms(clock().timeIntervalSince(started))
        return Result(report: report, poll: poll, items: items, lines: writer.bytes)
    }

    /// The revision rule: an id emitted before is emitted again only when its content
    /// fingerprint changed and either its `updated_at` is later than the emitted one, or it
    /// comes from the source that first emitted it with an `updated_at` that is not earlier.
    static func isRevision(_ item: Item, fingerprint: String, of prior: SeenRecord) -> Bool {
        guard fingerprint != prior.contentHash else { return false }
        if let new = item.updatedAt, let old = prior.updatedAt {
            if new > old { return true }
            if new < old { return false }
        } else if item.updatedAt != nil && prior.updatedAt == nil {
            return true
        }
        return item.source == prior.source
    }

    /// True when `item` states an `updated_at` later than the one emitted before (both known).
    static func isLater(_ item: Item, than prior: SeenRecord) -> Bool {
        guard let new = item.updatedAt, let old = prior.updatedAt else { return false }
        return new > old
    }

    static func ms(_ seconds: TimeInterval) -> Int { Int((seconds * 1000).rounded()) }

    /// The source the poison-pill test hook names, read once per process: `ProcessInfo`'s
    /// `environment` builds a dictionary of every variable on each call, which per source was
    /// 11% of a warm 1,000-feed run's CPU under perf.
    static let poisonSource: String? = getenv("CHORUS_FAULT_KILL_SOURCE").map { String(cString: $0) }
}
