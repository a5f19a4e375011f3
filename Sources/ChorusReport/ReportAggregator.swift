import Foundation

/// Reads NDJSON lines one at a time and keeps only aggregates: counts per bucket and group,
/// per source, per tag, and the few items the report displays. Each id counts once, at its
/// latest revision: a later revision takes the earlier one's contribution back out (see
/// ``RevisionTable``), an equal or older one is a duplicate. Memory grows with the number of
/// distinct ids (32-40 bytes each), buckets and groups, never with the text read.
public final class ReportAggregator {
    let options: ReportOptions
    var table = RevisionTable()
    var profiles: ProfileTable
    var stats = ReportSummary.InputStats()
    var totals = LabelCounts()
    var groupTotals: [LabelCounts] = []
    var sourceTotals: [LabelCounts] = []
    var sourceSpans: [SourceSpan] = []
    /// Keyed by ``cellKey(_:_:)``; group -1 is the whole bucket.
    var cells: [Int64: LabelCounts] = [:]
    /// Keyed by ``cellKey(_:_:)`` with the tag index.
    var tagCells: [Int64: Int] = [:]
    var tagTotals: [Int] = []
    /// Per bucket: its most positive and most negative items (the turning points' movers), at
    /// the index ``moverIndex`` gives, so the lists are changed in place.
    var movers: [(rising: RankedList, falling: RankedList)] = []
    var moverIndex: [Int32: Int] = [:]
    /// The top lists over reactions (every kind but `article`), and over every item for input
    /// that holds no reactions at all.
    var mostPositive: (reactions: RankedList, all: RankedList)
    var mostNegative: (reactions: RankedList, all: RankedList)
    var mostEngaged: RankedList
    /// Whether any counted item is a reaction.
    var sawReaction = false
    /// The --keyword needles, lowercased.
    private let needles: [String]

    public init(options: ReportOptions) {
        self.options = options
        profiles = ProfileTable(grouping: options.grouping)
        mostPositive = (RankedList(capacity: options.topCount), RankedList(capacity: options.topCount))
        mostNegative = (RankedList(capacity: options.topCount), RankedList(capacity: options.topCount))
        mostEngaged = RankedList(capacity: options.topCount)
        needles = options.keywords.map { $0.lowercased() }.filter { !$0.isEmpty }
    }

    /// Reads every line of the NDJSON file at `path` (plain or gzip; `-` is standard input).
    public func read(path: String) throws(ReportError) {
        // One record for every line of the file, a local so reading it never copies its arrays.
        var record = ReportRecord()
        let counts = try NDJSONLineReader.read(path: path) { add(line: $0, record: &record) }
        stats.files += 1
        stats.malformed += counts.oversized
    }

    /// Adds one NDJSON line, read into `record` (storage reused from line to line).
    func add(line: UnsafeBufferPointer<UInt8>, record: inout ReportRecord) {
        if Self.isBlank(line) { return }
        stats.lines += 1
        guard ReportRecordReader.read(line, into: &record), let id = record.id else {
            stats.malformed += 1
            return
        }
        let key = ItemKey(UnsafeBufferPointer(rebasing: line[id.start..<id.end]))
        let revision = Int32(clamping: record.revision)
        let existing = table.find(key)
        if let existing {
            let old = table[existing]
            guard revision > old.revision else {
                stats.duplicates += 1
                return
            }
            stats.superseded += 1
            apply(old.contribution, sign: -1)
            forget(key, bucket: old.contribution.bucket)
        }
        let contribution = contribution(of: record, line: line)
        if let existing {
            table.update(existing, revision: revision, contribution: contribution)
        } else {
            table.insert(.init(key: key, revision: revision, contribution: contribution))
        }
        apply(contribution, sign: 1)
        if contribution.bucket != RevisionTable.Contribution.excluded {
            consider(record, key: key, contribution: contribution, line: line)
        }
    }

    /// What the record adds: its bucket (or excluded/undated), profile, label and compound.
    private func contribution(of record: ReportRecord, line: UnsafeBufferPointer<UInt8>) -> RevisionTable.Contribution {
        let profile = profiles.profile(of: record, in: line)
        var bucket = RevisionTable.Contribution.undated
        if let time = record.time {
            bucket = Int32(clamping: Self.floorDiv(time, options.bucket.seconds))
        }
        if options.since != nil || options.until != nil {
            if let time = record.time, time >= options.since ?? .min, time < options.until ?? .max {} else {
                bucket = RevisionTable.Contribution.excluded
            }
        }
        if !needles.isEmpty, !matchesKeyword(record, line: line) { bucket = RevisionTable.Contribution.excluded }
        return .init(bucket: bucket, profile: profile, compound: record.compound, label: UInt8(record.label.index))
    }

    /// True when the item's `keywords`, title or text hold one of the --keyword needles.
    private func matchesKeyword(_ record: ReportRecord, line: UnsafeBufferPointer<UInt8>) -> Bool {
        let keywords = record.keywords.map { $0.decode(in: line).lowercased() }
        if needles.contains(where: keywords.contains) { return true }
        for field in [record.title, record.text] {
            guard let text = field?.decode(in: line) else { continue }
            if needles.contains(where: { text.range(of: $0, options: [.caseInsensitive]) != nil }) { return true }
        }
        return false
    }

    /// Adds (`sign` 1) or takes back (`sign` -1) a contribution everywhere it counts.
    private func apply(_ c: RevisionTable.Contribution, sign: Int) {
        if c.bucket == RevisionTable.Contribution.excluded {
            stats.excluded += sign
            return
        }
        stats.items += sign
        let profile = profiles.profiles[Int(c.profile)]
        totals.add(label: c.label, compound: c.compound, sign: sign)
        grow(&sourceTotals, to: profiles.sources.count)
        sourceTotals[Int(profile.source)].add(label: c.label, compound: c.compound, sign: sign)
        grow(&groupTotals, to: profiles.groups.count)
        for g in profile.groups { groupTotals[Int(g)].add(label: c.label, compound: c.compound, sign: sign) }
        while tagTotals.count < profiles.tags.count { tagTotals.append(0) }
        for t in profile.tags { tagTotals[Int(t)] += sign }
        guard c.bucket != RevisionTable.Contribution.undated else {
            stats.undated += sign
            return
        }
        cells[Self.cellKey(c.bucket, -1), default: LabelCounts()].add(label: c.label, compound: c.compound, sign: sign)
        for g in profile.groups {
            cells[Self.cellKey(c.bucket, g), default: LabelCounts()].add(label: c.label, compound: c.compound, sign: sign)
        }
        for t in profile.tags { tagCells[Self.cellKey(c.bucket, t), default: 0] += sign }
    }

    /// Offers the item to the top lists, its bucket's movers and its source's first/last.
    private func consider(_ record: ReportRecord, key: ItemKey, contribution: RevisionTable.Contribution, line: UnsafeBufferPointer<UInt8>) {
        let time = record.time ?? .max
        let bucket = contribution.bucket
        if !record.isArticle { sawReaction = true }
        var item: ReportItem?
        func display() -> ReportItem {
            if let item { return item }
            let made = ReportItem(record, line: line)
            item = made
            return made
        }
        if record.label != .notScored {
            let up = RankedList.Rank(score: Int64(record.compound), time: time, key: key)
            let down = RankedList.Rank(score: -Int64(record.compound), time: time, key: key)
            if record.compound > 0 {
                if mostPositive.all.accepts(up) { mostPositive.all.insert(up, display()) }
                if !record.isArticle, mostPositive.reactions.accepts(up) { mostPositive.reactions.insert(up, display()) }
            }
            if record.compound < 0 {
                if mostNegative.all.accepts(down) { mostNegative.all.insert(down, display()) }
                if !record.isArticle, mostNegative.reactions.accepts(down) { mostNegative.reactions.insert(down, display()) }
            }
            if bucket != RevisionTable.Contribution.undated {
                let m = moverIndex[bucket] ?? {
                    movers.append((RankedList(capacity: 3), RankedList(capacity: 3)))
                    moverIndex[bucket] = movers.count - 1
                    return movers.count - 1
                }()
                if movers[m].rising.accepts(up) { movers[m].rising.insert(up, display()) }
                if movers[m].falling.accepts(down) { movers[m].falling.insert(down, display()) }
            }
        }
        let engagement = record.metrics.engagement
        let engaged = RankedList.Rank(score: engagement, time: time, key: key)
        if engagement > 0, mostEngaged.accepts(engaged) { mostEngaged.insert(engaged, display()) }
        noteSpan(record, key: key, source: Int(profiles.profiles[Int(contribution.profile)].source), line: line)
    }

    /// Moves the source's first or last item when this one is earlier or later.
    private func noteSpan(_ record: ReportRecord, key: ItemKey, source: Int, line: UnsafeBufferPointer<UInt8>) {
        guard let time = record.time else { return }
        while sourceSpans.count <= source { sourceSpans.append(SourceSpan()) }
        sourceSpans[source].note(time: time, key: key, text: record.text ?? record.title, line: line)
    }

    /// Takes an earlier revision out of the lists that hold display items.
    private func forget(_ key: ItemKey, bucket: Int32) {
        mostPositive.all.remove(key)
        mostPositive.reactions.remove(key)
        mostNegative.all.remove(key)
        mostNegative.reactions.remove(key)
        mostEngaged.remove(key)
        if let m = moverIndex[bucket] {
            movers[m].rising.remove(key)
            movers[m].falling.remove(key)
        }
    }

    /// True for a line of blanks only (the first other byte answers it, not a scan of the line).
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line where b != 0x20 && b != 0x09 && b != 0x0D { return false }
        return true
    }

    private func grow(_ list: inout [LabelCounts], to count: Int) {
        while list.count < count { list.append(LabelCounts()) }
    }

    /// One dictionary key for a bucket and a group or tag index.
    static func cellKey(_ bucket: Int32, _ index: Int32) -> Int64 {
        Int64(bucket) << 32 | Int64(UInt32(bitPattern: index &+ 1))
    }

    /// Division rounding toward negative infinity (buckets before 1970 start on their boundary).
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
