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

/// Many fetches handed over as one batch.
@Suite("Batch fetching")
struct BatchFetchTests {
    let fixture: FaultServerFixture

    init() throws { fixture = try FaultServerFixture() }

    @Test("fetchAll returns one result per request, in request order, retrying those that need it")
    func resultsInOrder() async throws {
        let requests = [
            fixture.request("ok?size=1"), fixture.request("status/404"), fixture.request("flaky/batch?fails=1", retries: 2),
            fixture.request("to-file"), fixture.request("ok?size=4"),
        ]
        let results = await fixture.fetcher.fetchAll(requests)
        #expect(results.count == 5)
        #expect((try? results[0].get().body) == Array("x".utf8))
        #expect(results[1].failureKind == .httpStatus)
        #expect((try? results[2].get().retries) == 1)
        #expect(results[3].failureKind == .protocolNotAllowed)
        #expect((try? results[4].get().body) == Array("xxxx".utf8))
        #expect(fixture.sleeper.recorded == [0.5])
    }

    @Test("fetchAll of nothing is nothing")
    func emptyBatch() async {
        #expect(await fixture.fetcher.fetchAll([]).isEmpty)
    }

    @Test("a batch of 200 against one host completes with every body")
    func largeBatch() async throws {
        let requests = (0..<200).map { fixture.request("ok?size=\($0 % 7)") }
        let results = await fixture.fetcher.fetchAll(requests)
        for (index, result) in results.enumerated() {
            #expect((try? result.get().body.count) == index % 7)
        }
    }
}

extension Result where Failure == FetchError {
    /// The error kind of a failure, nil on success.
    var failureKind: FetchError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }
}
