import Foundation
import Testing
@testable import ChorusConnectors
import ChorusFetch
import ChorusModel

/// Behaviour every social connector shares, driven against the loopback social server with
/// the real CurlFetcher: incremental runs, resumption, rate limits and failures.
@Suite("Social connectors against the loopback APIs")
struct SocialConnectorTests {
    /// Polls until a run returns nothing new (at most `limit` runs); the items of every run.
    func drain(_ connector: any SourceConnector, from state: SourceState, fetcher: any HTTPFetching, limit: Int = 10) async throws -> ([Item], SourceState) {
        var state = state
        var items: [Item] = []
        for _ in 0..<limit {
            let result = try await connector.poll(from: state, using: fetcher, now: fixtureNow)
            state = result.state
            if result.items.isEmpty && state.cursor.read(NewestFirstCursor.self)?.drain == nil { break }
            items += result.items
        }
        return (items, state)
    }

    @Test("A second run returns only the posts published since the first", arguments: SocialCase.allCases)
    func secondRunReturnsOnlyNewPosts(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        // Everything there is, read by a fresh source.
        try await server.scenario()
        let everything = try await platform.connector(base: server.base).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(everything.items.count >= 4)

        try await server.scenario("visible=3")
        let connector = platform.connector(base: server.base)
        let first = try await connector.poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(!first.items.isEmpty)
        #expect(first.items.count <= 3)
        #expect(first.pages == 1)
        #expect(first.httpStatus == 200)
        #expect(first.items.allSatisfy { $0.source == platform.source })

        try await server.scenario()
        let second = try await connector.poll(from: first.state, using: server.fetcher, now: fixtureNow)
        let firstIDs = Set(first.items.map(\.id))
        let secondIDs = second.items.map(\.id)
        #expect(!second.items.isEmpty)
        #expect(Set(secondIDs).isDisjoint(with: firstIDs), "the second run repeated posts")
        #expect(Set(secondIDs).count == secondIDs.count)
        #expect(firstIDs.union(secondIDs) == Set(everything.items.map(\.id)))

        let third = try await connector.poll(from: second.state, using: server.fetcher, now: fixtureNow)
        #expect(third.items.isEmpty)
        #expect(third.state.cursor == second.state.cursor)
    }

    @Test("A run interrupted between pages resumes with nothing lost and nothing repeated", arguments: SocialCase.allCases)
    func interruptedRunResumes(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        let connector = platform.connector(base: server.base, pageSize: platform.pageSize)
        var state = SourceState()
        var baseline: [Item] = []
        if platform.firstRunReadsOnePage {
            try await server.scenario("extra=\(platform.extra)&visible=2")
            let first = try await connector.poll(from: state, using: server.fetcher, now: fixtureNow)
            baseline = first.items
            state = first.state
        }
        // All the items a clean run reads (after the same baseline).
        try await server.scenario("extra=\(platform.extra)")
        let (clean, _) = try await drain(connector, from: state, fetcher: server.fetcher)
        #expect(clean.count > 2 * platform.pageSize, "the scenario needs several pages")

        try await server.scenario("extra=\(platform.extra)&fail_at=2&fail=503")
        let interrupted = try await connector.poll(from: state, using: server.fetcher, now: fixtureNow)
        #expect(interrupted.pages == 1)
        #expect(!interrupted.items.isEmpty)
        #expect(interrupted.warnings.contains { $0.contains("HTTP 503") && $0.contains("next run continues") })
        let (rest, final) = try await drain(connector, from: interrupted.state, fetcher: server.fetcher)
        let all = interrupted.items + rest
        #expect(all.count == Set(all.map(\.id)).count, "an item was delivered twice")
        #expect(Set(all.map(\.id)) == Set(clean.map(\.id)), "an item was lost")
        #expect(Set(all.map(\.id)).isDisjoint(with: baseline.map(\.id)))
        #expect(final.cursor.read(NewestFirstCursor.self)?.drain == nil)
    }

    @Test("Page and item caps stop a run; the next run continues where it stopped", arguments: SocialCase.allCases)
    func capsStopAndResume(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        let state = try await platform.pagedStart(server)
        let (clean, _) = try await drain(platform.connector(base: server.base, pageSize: platform.pageSize), from: state, fetcher: server.fetcher)
        let capped = platform.connector(base: server.base, pageSize: platform.pageSize, maxPages: 2)
        let first = try await capped.poll(from: state, using: server.fetcher, now: fixtureNow)
        #expect(first.pages == 2)
        let (rest, _) = try await drain(capped, from: first.state, fetcher: server.fetcher, limit: 20)
        let all = first.items + rest
        #expect(all.map(\.id).count == Set(all.map(\.id)).count)
        #expect(Set(all.map(\.id)) == Set(clean.map(\.id)))
    }

    @Test("HTTP 401, 403, 404 and 410 give a clear error naming the source", arguments: SocialCase.allCases, [401, 403, 404, 410])
    func httpErrors(platform: SocialCase, status: Int) async throws {
        let server = try await SocialServer.make()
        try await server.scenario("fail_at=1&fail=\(status)")
        let error = try await #require(throws: ConnectorError.self) {
            try await platform.connector(base: server.base).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == platform.expectedMessage(status: status, tokenSent: platform == .x))
        #expect(error.httpStatus == status)
    }

    @Test("A wrong token is refused with a hint at the variable", arguments: SocialCase.allCases.filter { $0 != .hackernews })
    func wrongToken(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        try await server.scenario("token=right")
        let error = try await #require(throws: ConnectorError.self) {
            try await platform.connector(base: server.base, token: "wrong").poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == platform.expectedMessage(status: 401, tokenSent: true))
        let good = try await platform.connector(base: server.base, token: "right").poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(!good.items.isEmpty)
        let sent = try await server.requests().last?.headers["authorization"]
        #expect(sent == "Bearer right")
    }

    @Test("Malformed JSON is a parse error naming the source and the position", arguments: SocialCase.allCases)
    func malformedJSON(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        try await server.scenario("fail_at=1&fail=malformed")
        let error = try await #require(throws: ConnectorError.self) {
            try await platform.connector(base: server.base).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == "parse: \(platform.source): malformed JSON at line 1, column 31: unterminated string")
    }

    @Test("A value of the wrong type is a parse error naming its path", arguments: SocialCase.allCases)
    func unexpectedType(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        try await server.scenario("fail_at=1&fail=wrongtype")
        let error = try await #require(throws: ConnectorError.self) {
            try await platform.connector(base: server.base).poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        }
        #expect(error.message == "parse: \(platform.source): \(platform.wrongTypeMessage)")
    }

    @Test("A 429 is waited out through the fetch layer using the platform's reset headers", arguments: SocialCase.allCases)
    func rateLimited(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        try await server.scenario("limit_at=1")
        let result = try await platform.connector(base: server.base, policy: testPolicy(retries: 2))
            .poll(from: SourceState(), using: server.fetcher, now: fixtureNow)
        #expect(!result.items.isEmpty)
        let delays = await server.recorder.delays
        #expect(delays.count == 1)
        if platform.hasRateLimitHeaders {
            // The server's reset is 50 s ahead (whole seconds), in each platform's own dialect: a
            // wait read from it is at most 50 s and far above the fetcher's own first backoff
            // (0.75 s here); the lower bound leaves 45 s for a loaded machine to stall between
            // the server's clock reading and the fetcher's (a 20 s window once left nothing).
            #expect(delays.allSatisfy { $0 > 5 && $0 <= 50 }, "\(delays)")
        }
    }

    @Test("An exhausted rate-limit window stops paging until the next run", arguments: SocialCase.allCases.filter(\.hasRateLimitHeaders))
    func exhaustedWindow(platform: SocialCase) async throws {
        let server = try await SocialServer.make()
        let state = try await platform.pagedStart(server, scenario: "&exhaust_at=1")
        let connector = platform.connector(base: server.base, pageSize: platform.pageSize)
        let first = try await connector.poll(from: state, using: server.fetcher, now: fixtureNow)
        #expect(first.pages == 1)
        #expect(first.warnings.contains { $0.contains("rate limit exhausted") })
        let (rest, _) = try await drain(connector, from: first.state, fetcher: server.fetcher)
        #expect(!rest.isEmpty)
        #expect(Set(rest.map(\.id)).isDisjoint(with: first.items.map(\.id)))
    }
}
