import Foundation
import Testing
@testable import ChorusFetch

/// A cancellation that reaches the curl thread after its job completed is dropped: it must not
/// be remembered (memory that grew with every late cancel, and a slower submit path) nor
/// refuse a later job.
@Suite("Late cancellations")
struct LateCancellationTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    /// Submits one job and waits for its outcome.
    static func run(_ multi: CurlMulti, id: UInt64, _ request: FetchRequest) async -> TransferOutcome {
        await withCheckedContinuation { continuation in
            multi.submit(CurlMulti.Job(id: id, request: request) { continuation.resume(returning: $0) })
        }
    }

    @Test("cancelling a completed job leaves nothing behind: the same id submitted again runs")
    func cancelAfterCompletionIsDropped() async throws {
        let multi = CurlMulti(maxConcurrent: 2, maxPerHost: 2)
        defer { multi.shutdown() }
        let request = fixture.request("ok")
        let first = await Self.run(multi, id: 7, request)
        #expect(first.status == 200 && !first.cancelled)

        multi.cancel(7) // too late: job 7 has completed
        multi.cancel(8..<12) // a whole batch, completed too
        // Another job: the loop takes the cancellations before it starts this one.
        let other = await Self.run(multi, id: 100, request)
        #expect(other.status == 200)
        #expect(multi.queuedCancellations == 0)

        for id: UInt64 in [7, 8, 11] {
            let again = await Self.run(multi, id: id, request)
            #expect(!again.cancelled, "job \(id) was refused by a stale cancellation")
            #expect(again.status == 200)
        }
    }
}
