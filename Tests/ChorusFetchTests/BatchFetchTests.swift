import ChorusFetch
import Foundation
import Testing

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

    @Test("cancelling the task of a batch stops every transfer in it")
    func cancellingABatch() async throws {
        // Its own fetcher, so the hit counter below does not queue behind the hanging transfers.
        let fetcher = CurlFetcher(maxPerHost: 4)
        let requests = (0..<3).map { _ in fixture.request("hang") { $0.totalTimeout = 600 } }
        let task = Task { await fetcher.fetchAll(requests) }
        while try await fixture.hits("hang") < 3 { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        let results = await task.value
        #expect(results.count == 3)
        for result in results {
            guard case .failure(let error) = result else {
                Issue.record("a cancelled batch fetch returned a response")
                continue
            }
            #expect(error.cancelled)
        }
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
