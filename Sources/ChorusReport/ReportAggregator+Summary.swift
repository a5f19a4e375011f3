import ChorusModel
import Foundation

extension ReportAggregator {
    /// The report's content from what was read so far.
    public func summary() -> ReportSummary {
        let groupNames = profiles.groups
        let tagNames = profiles.tags
        let series = points(groupNames: groupNames, tagNames: tagNames)
        let groups = groupTotals.indices.map { ReportSummary.Group(name: groupNames[$0], counts: .init(groupTotals[$0])) }
            .filter { $0.counts.items > 0 }
            .sorted { ($0.counts.items, $1.name) > ($1.counts.items, $0.name) }
        let tags = tagTotals.indices.map { ReportSummary.TagCount(tag: tagNames[$0], items: tagTotals[$0]) }
            .filter { $0.items > 0 }
            .sorted { ($0.items, $1.tag) > ($1.items, $0.tag) }
        let sources = sourceTotals.indices.map { i in
            let span = i < sourceSpans.count ? sourceSpans[i] : SourceSpan()
            return ReportSummary.SourceRow(
                source: profiles.sources[i], platform: profiles.sourcePlatforms[i], counts: .init(sourceTotals[i]),
                first: span.first.map { .init(time: Self.format($0.time), excerpt: $0.excerpt()) },
                last: span.last.map { .init(time: Self.format($0.time), excerpt: $0.excerpt()) })
        }
        .filter { $0.counts.items > 0 }
        .sorted { ($0.counts.items, $1.source) > ($1.counts.items, $0.source) }
        return ReportSummary(
            options: .init(
                by: options.grouping, bucket: options.bucket, since: options.since.map(Self.format),
                until: options.until.map(Self.format), keywords: options.keywords),
            input: stats, totals: .init(totals), groups: groups, series: series, tags: tags,
            turningPoints: turningPoints(series), topListsCover: sawReaction ? .reactions : .allItems,
            mostPositive: (sawReaction ? mostPositive.reactions : mostPositive.all).items,
            mostNegative: (sawReaction ? mostNegative.reactions : mostNegative.all).items,
            mostEngaged: mostEngaged.items, sources: sources)
    }

    /// One point per bucket that holds an item, oldest first.
    private func points(groupNames: [String], tagNames: [String]) -> [ReportSummary.Point] {
        var byBucket: [Int32: (groups: [String: ReportSummary.Counts], tags: [String: Int])] = [:]
        for (key, counts) in cells where counts.items > 0 {
            let (bucket, index) = Self.split(key)
            if index >= 0 { byBucket[bucket, default: ([:], [:])].groups[groupNames[Int(index)]] = .init(counts) }
        }
        for (key, count) in tagCells where count > 0 {
            let (bucket, index) = Self.split(key)
            byBucket[bucket, default: ([:], [:])].tags[tagNames[Int(index)]] = count
        }
        return cells.compactMap { key, counts -> ReportSummary.Point? in
            let (bucket, index) = Self.split(key)
            guard index < 0, counts.items > 0 else { return nil }
            let epoch = Int64(bucket) * options.bucket.seconds
            let extra = byBucket[bucket]
            return .init(start: Self.format(epoch), epoch: epoch, counts: .init(counts), groups: extra?.groups ?? [:], tags: extra?.tags ?? [:])
        }
        .sorted { $0.epoch < $1.epoch }
    }

    /// The buckets whose mean moved most from the previous bucket with a scored item, ranked by
    /// the change times the square root of the bucket's scored items (one stray item moving an
    /// empty hour is not a turn; a crowd moving it is).
    private func turningPoints(_ series: [ReportSummary.Point]) -> [ReportSummary.TurningPoint] {
        var moves: [(turn: ReportSummary.TurningPoint, weight: Double)] = []
        var previous: ReportSummary.Point?
        for point in series {
            guard let mean = point.counts.meanCompound else { continue }
            if let previous, let before = previous.counts.meanCompound,
               case let delta = ((mean - before) * 10_000).rounded() / 10_000, delta != 0 {
                let bucket = Int32(clamping: point.epoch / options.bucket.seconds)
                let pair = moverIndex[bucket].map { movers[$0] }
                // The items that pulled the mean the way it moved: above the previous mean for a
                // rise, below it for a fall.
                let items = delta >= 0
                    ? (pair?.rising.items ?? []).filter { ($0.compound ?? before) > before }
                    : (pair?.falling.items ?? []).filter { ($0.compound ?? before) < before }
                let turn = ReportSummary.TurningPoint(start: point.start, mean: mean, previousStart: previous.start, previousMean: before, delta: delta, items: items)
                moves.append((turn, abs(delta) * Double(point.counts.scored).squareRoot()))
            }
            previous = point
        }
        let chosen = moves.enumerated().sorted { a, b in
            a.element.weight != b.element.weight ? a.element.weight > b.element.weight : a.offset < b.offset
        }
        return chosen.prefix(options.turningPoints).sorted { $0.offset < $1.offset }.map(\.element.turn)
    }

    private static func split(_ key: Int64) -> (bucket: Int32, index: Int32) {
        (Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: key)) &- 1)
    }

    static func format(_ seconds: Int64) -> String {
        RFC3339.format(Date(timeIntervalSince1970: Double(seconds)))
    }
}
