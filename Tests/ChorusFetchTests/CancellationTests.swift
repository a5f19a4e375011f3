import ChorusFetch
import Foundation
import Testing

/// Cancelling the calling task removes the transfer from the curl thread at once.
@Suite("Cancellation and shutdown")
struct CancellationTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    /// The fetch's result as a value (Task cannot carry a typed error).
    static func outcome(_ fetcher: CurlFetcher, _ request: FetchRequest) async -> Result<FetchResponse, FetchError> {
        do throws(FetchError) {
            return .success(try await fetcher.fetch(request))
        } catch {
            return .failure(error)
        }
    }

    @Test("cancelling a task stops its transfer and reports a cancelled error")
    func cancellingStopsTransfer() async throws {
        let fetcher = fixture.fetcher
        let request = fixture.request("hang") { $0.totalTimeout = 600 }
        let task = Task { await Self.outcome(fetcher, request) }
        // Wait until the server has the request, so the transfer is really in flight.
        while try await fixture.hits("hang") == 0 { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        let result = await task.value
        guard case .failure(let error) = result else {
            Issue.record("a cancelled fetch returned a response")
            return
        }
        #expect(error.cancelled)
        #expect(error.message.hasSuffix("cancelled"))
    }

    @Test("a task cancelled before it starts never reaches the server")
    func cancelledBeforeStart() async throws {
        let fetcher = fixture.fetcher
        let request = fixture.request("ok?size=5")
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await Self.outcome(fetcher, request)
        }
        let result = await task.value
        guard case .failure(let error) = result else {
            Issue.record("a cancelled fetch returned a response")
            return
        }
        #expect(error.cancelled)
        #expect(try await fixture.hits("ok") == 0)
    }

    @Test("other fetches carry on when one is cancelled")
    func othersCarryOn() async throws {
        let fetcher = fixture.fetcher
        let hangRequest = fixture.request("hang") { $0.totalTimeout = 600 }
        let hang = Task { await Self.outcome(fetcher, hangRequest) }
        while try await fixture.hits("hang") == 0 { try await Task.sleep(for: .milliseconds(20)) }
        hang.cancel()
        let response = try await fetcher.fetch(fixture.request("ok?size=3"))
        #expect(response.body == Array("xxx".utf8))
        if case .success = await hang.value { Issue.record("the cancelled fetch returned a response") }
    }

    @Test("after shutdown, fetches fail as cancelled instead of hanging")
    func shutdownFailsNewFetches() async throws {
        let fetcher = CurlFetcher()
        fetcher.shutdown()
        let error = try await #require(throws: FetchError.self) {
            try await fetcher.fetch(fixture.request("ok"))
        }
        #expect(error.cancelled)
    }
}

