@testable import ChorusReport
import Foundation
import Testing

/// The aggregates over Fixtures/story.ndjson and story-extra.ndjson (gzipped), against numbers
/// worked out by hand in the comments of the fixture generator: bucket boundaries, offsets in
/// timestamps, revisions in either order, repeated lines, unscored items, an undated item.
@Suite("report aggregates over the hand-computed fixture")
struct ReportAggregateTests {
    @Test func totalsCountEachIDOnceAtItsLatestRevision() throws {
        let dir = try ReportFixture.outputFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try ReportInputs.files(under: dir)
        #expect(files.count == 2, "the hidden temporary is skipped: \(files)")
        let s = try ReportFixture.summary(files)
        #expect(s.input.files == 2)
        #expect(s.input.lines == 14)
        #expect(s.input.malformed == 1)
        // The folder's files are read in path order: the gzip file (with a3's revision 1) first,
        // so story.ndjson's a3 revision 0 is a repeat of an older revision.
        #expect(s.input.duplicates == 3)
        #expect(s.input.superseded == 0)
        #expect(s.input.items == 10)
        #expect(s.input.undated == 1)
        #expect(s.totals.items == 10)
        #expect(s.totals.scored == 8)
        #expect(s.totals.count(.positive) == 5)
        #expect(s.totals.count(.negative) == 1)
        #expect(s.totals.count(.neutral) == 1)
        #expect(s.totals.count(.mixed) == 1)
        #expect(s.totals.count(.notScored) == 2)
        #expect(s.totals.meanCompound == 0.275)
    }

    @Test func hourBucketsFollowUTCBoundariesWhateverTheOffset() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra])
        #expect(s.series.map(\.start) == ["2018-05-13T14:00:00Z", "2018-05-13T15:00:00Z", "2018-05-13T16:00:00Z", "2018-05-13T23:00:00Z"])
        #expect(s.series.map(\.counts.items) == [1, 3, 4, 1])
        #expect(s.series.map(\.counts.scored) == [1, 3, 2, 1])
        #expect(s.series.map(\.counts.meanCompound) == [0.5, ReportFixture.mean(0.5 / 3), 0.35, 0.3])
        let hour15 = s.series[1].counts
        #expect([hour15.count(.positive), hour15.count(.negative), hour15.count(.neutral)] as [Int] == [1, 1, 1])
        let hour16 = s.series[2].counts
        #expect([hour16.count(.positive), hour16.count(.mixed), hour16.count(.notScored)] as [Int] == [1, 1, 2])
        #expect(s.series[1].groups["s1"]?.items == 1)
        #expect(s.series[1].groups["s2"]?.items == 2)
    }

    @Test func dayBucketsRunFromMidnightUTC() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra], ReportOptions(bucket: .day))
        #expect(s.series.map(\.start) == ["2018-05-13T00:00:00Z"], "01:30+02:00 on the 14th is the 13th in UTC")
        #expect(s.series.first?.counts.items == 9)
    }

    @Test func quarterHourBucketsSplitAnHour() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra], ReportOptions(bucket: .quarterHour))
        #expect(s.series.map(\.start).prefix(3) == ["2018-05-13T14:45:00Z", "2018-05-13T15:00:00Z", "2018-05-13T15:30:00Z"])
        #expect(s.series.map(\.counts.items) == [1, 1, 1, 1, 1, 1, 1, 1, 1])
    }

    @Test func aLaterRevisionTakesTheEarlierOneBackOut() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra])
        #expect(s.input.superseded == 1 && s.input.duplicates == 2)
        #expect(s.tags.map(\.tag) == ["excitement", "relief"], "rev 0's anger tag is gone: \(s.tags)")
        #expect(s.tags.map(\.items) == [1, 1])
        #expect(s.mostPositive.map(\.excerpt) == ["Wow! Breaking good news!", "changed my mind: good", "Almost there", "late", "undated", "The BAN is good and bad"])
        #expect(s.mostPositive.first?.revision == 1)
        #expect(s.mostPositive.first?.rules == ["wow", "breaking-good-news"])
        #expect(s.mostNegative.map(\.excerpt) == ["The ban stands"], "rev 0 of a5 came after rev 1 and never counted")
        #expect(s.mostEngaged.map(\.engagement) == [12])
    }

    @Test func theOrderOfFilesDoesNotChangeTheReport() throws {
        let forward = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra])
        var backward = try ReportFixture.summary([ReportFixture.extra, ReportFixture.story])
        #expect(backward.input.superseded == 0 && backward.input.duplicates == 3)
        backward.input = forward.input
        #expect(backward == forward)
    }

    @Test func turningPointsAreTheBiggestMovesWithTheItemsThatMadeThem() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra], ReportOptions(turningPoints: 1))
        let turn = try #require(s.turningPoints.first)
        #expect(s.turningPoints.count == 1)
        #expect(turn.start == "2018-05-13T15:00:00Z")
        #expect(turn.previousStart == "2018-05-13T14:00:00Z")
        #expect(turn.delta == ReportFixture.mean(0.5 / 3 - 0.5))
        // The items below the previous mean (0.5) pulled it down; 0.9 did not.
        #expect(turn.items.map(\.compound) == [-0.4, 0])
        let all = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra])
        #expect(all.turningPoints.map(\.start) == ["2018-05-13T15:00:00Z", "2018-05-13T16:00:00Z", "2018-05-13T23:00:00Z"])
        #expect(all.turningPoints[1].items.map(\.compound) == [0.6], "a rise shows the items above the previous mean (0.1667): not 0.1")
    }

    @Test func perSourceRowsHaveSharesAndTheFirstAndLastItem() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra])
        #expect(s.sources.map(\.source) == ["s2", "s1", "s3"])
        let s1 = try #require(s.sources.first { $0.source == "s1" })
        #expect(s1.platform == "mastodon")
        #expect(s1.counts.items == 3 && s1.counts.count(.positive) == 2 && s1.counts.count(.negative) == 1)
        #expect(s1.counts.meanCompound == ReportFixture.mean(0.7 / 3))
        #expect(s1.first?.time == "2018-05-13T14:59:59Z" && s1.first?.excerpt == "Almost there")
        #expect(s1.last?.time == "2018-05-13T16:10:00Z")
    }

    @Test func sinceAndUntilKeepAHalfOpenWindowAndDropUndatedItems() throws {
        let options = ReportOptions(since: ReportFixture.at("2018-05-13T15:00:00Z"), until: ReportFixture.at("2018-05-13T18:00:00+02:00"))
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra], options)
        #expect(s.totals.items == 3)
        #expect(s.input.excluded == 7)
        #expect(s.series.map(\.start) == ["2018-05-13T15:00:00Z"])
        #expect(s.options.since == "2018-05-13T15:00:00Z" && s.options.until == "2018-05-13T16:00:00Z")
    }

    @Test func keywordsMatchTheKeywordListOrTheTextIgnoringCase() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra], ReportOptions(keywords: ["Ban"]))
        #expect(s.totals.items == 2)
        #expect(Set(s.sources.map(\.source)) == ["s1", "s3"])
    }

    @Test(arguments: [
        (ReportOptions.Grouping.tag, ["(none)": 8, "excitement": 1, "relief": 1]),
        (.keyword, ["(none)": 9, "ban": 1]),
        (.platform, ["bluesky": 4, "mastodon": 3, "reddit": 3]),
        (.source, ["s2": 4, "s1": 3, "s3": 3]),
    ])
    func groupsFollowTheChosenGrouping(grouping: ReportOptions.Grouping, expected: [String: Int]) throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra], ReportOptions(grouping: grouping))
        #expect(Dictionary(uniqueKeysWithValues: s.groups.map { ($0.name, $0.counts.items) }) == expected)
    }
}
