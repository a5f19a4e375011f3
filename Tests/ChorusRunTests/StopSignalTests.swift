import Testing
@testable import ChorusRun

/// The stop signal a run awaits (``StopSignal/wait()``) instead of polling it.
@Suite("Stop signal")
struct StopSignalTests {
    @Test func aStopRequestedBeforeTheWaitIsReturnedAtOnceAndTheFirstReasonWins() async {
        let stop = StopSignal()
        stop.request("SIGTERM")
        stop.request("SIGINT")
        #expect(await stop.wait() == "SIGTERM")
        #expect(stop.requested == "SIGTERM")
    }

    @Test func waitersAreResumedByALaterRequest() async {
        let stop = StopSignal()
        let waiters = (0..<3).map { _ in Task { await stop.wait() } }
        stop.request("max-duration")
        for waiter in waiters { #expect(await waiter.value == "max-duration") }
    }

    @Test func aCancelledWaiterReturnsNilAndTheSignalStillWorks() async {
        let stop = StopSignal()
        let waiter = Task { await stop.wait() }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(stop.requested == nil)
        stop.request("SIGINT")
        #expect(await stop.wait() == "SIGINT")
    }
}
