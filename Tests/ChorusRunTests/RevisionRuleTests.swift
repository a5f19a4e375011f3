import ChorusModel
import Foundation
import Testing
@testable import ChorusRun

@Suite("Dedup and revision rule")
struct RevisionRuleTests {
    let t = Date(timeIntervalSince1970: 1_800_000_000)

    private func item(source: String = "news", text: String, updated: Date?) -> Item {
        Item(id: "id1", source: source, platform: .rss, title: "T", text: text, updatedAt: updated)
    }

    private func prior(of item: Item) -> SeenRecord {
        SeenRecord(
            id: item.id, source: item.source, firstSeen: t, lastSeen: t, contentHash: ContentFingerprint.of(item),
            updatedAt: item.updatedAt, revision: 0)
    }

    @Test func theSameContentIsADuplicate() {
        let a = item(text: "x", updated: t)
        #expect(!SourceTask.isRevision(a, fingerprint: ContentFingerprint.of(a), of: prior(of: a)))
    }

    @Test func changedContentWithALaterUpdatedAtIsARevisionFromAnySource() {
        let before = prior(of: item(text: "x", updated: t))
        let after = item(source: "other", text: "y", updated: t.addingTimeInterval(60))
        #expect(SourceTask.isRevision(after, fingerprint: ContentFingerprint.of(after), of: before))
    }

    @Test func changedContentWithAnEarlierUpdatedAtIsADuplicate() {
        let before = prior(of: item(text: "x", updated: t))
        let older = item(text: "y", updated: t.addingTimeInterval(-60))
        #expect(!SourceTask.isRevision(older, fingerprint: ContentFingerprint.of(older), of: before))
    }

    @Test func changedContentWithoutDatesIsARevisionOnlyFromTheFirstSource() {
        let before = prior(of: item(text: "x", updated: nil))
        let same = item(text: "edited", updated: nil)
        let other = item(source: "mirror", text: "edited", updated: nil)
        #expect(SourceTask.isRevision(same, fingerprint: ContentFingerprint.of(same), of: before))
        #expect(!SourceTask.isRevision(other, fingerprint: ContentFingerprint.of(other), of: before))
    }

    @Test func theFingerprintFromNDJSONFieldsEqualsTheOneFromTheItem() {
        let a = Item(id: "i", source: "s", platform: .atom, url: "https://e.example/a", title: "Tí", text: "body", updatedAt: t)
        #expect(ContentFingerprint.of(a) == ContentFingerprint.make(title: "Tí", text: "body", url: "https://e.example/a", updatedAt: RFC3339.format(t)))
    }

    @Test(arguments: [(1, 900.0), (2, 1800), (3, 3600), (10, 21_600)])
    func failingSourcesBackOffUpToSixHours(_ failures: Int, _ seconds: Double) {
        #expect(RunCollector.backoff(interval: 900, failures: failures) == seconds)
    }

    @Test func aDayLongIntervalIsNeverShortenedByBackoff() {
        #expect(RunCollector.backoff(interval: 86_400, failures: 5) == 86_400)
    }

    @Test(arguments: [(nil as Double?, true), (-10, true), (30, true), (200, false)])
    func aSourceIsDueWithinSlackOfItsNextDueTime(_ dueIn: Double?, _ due: Bool) {
        let now = t
        let record = SourceRecord(name: "n", nextDue: dueIn.map { now.addingTimeInterval($0) })
        #expect(SourceScheduler(now: now).isDue(record, interval: 900) == due)
    }
}
