import ChorusFetch
import ChorusTestSupport
import Foundation
import Testing

/// Fetches from Debian's nginx on loopback: status, body, validators, conditional GET, gzip.
@Suite("Fetching from nginx")
struct NginxFetchTests {
    static let site = RepoPaths.root.appendingPathComponent("Tests/ChorusFetchTests/Fixtures/site")
    let nginx: NginxServer
    let fetcher = CurlFetcher()

    init() throws {
        nginx = try NginxServer(root: Self.site)
    }

    var feedBytes: [UInt8] {
        get throws { try [UInt8](Data(contentsOf: Self.site.appendingPathComponent("feed.xml"))) }
    }

    @Test("a first fetch returns 200 with the whole body, its type and validators")
    func firstFetchReturnsBodyAndValidators() async throws {
        let response = try await fetcher.fetch(FetchRequest(url: "\(nginx.baseURL)/feed.xml", label: "fixture"))
        #expect(response.status == 200)
        #expect(!response.notModified)
        #expect(response.body == (try feedBytes))
        #expect(response.contentType == "text/xml")
        #expect(response.etag != nil)
        #expect(response.lastModified != nil)
        #expect(response.finalURL == "\(nginx.baseURL)/feed.xml")
        #expect(response.permanentRedirect == nil)
        #expect(response.retries == 0)
        #expect(response.timings.total > 0)
        #expect(response.timings.total >= response.timings.firstByte)
    }

    @Test("sending back the ETag gets 304 Not Modified with an empty body")
    func etagGivesNotModified() async throws {
        let url = "\(nginx.baseURL)/feed.xml"
        let first = try await fetcher.fetch(FetchRequest(url: url))
        let second = try await fetcher.fetch(FetchRequest(url: url, etag: first.etag))
        #expect(second.status == 304)
        #expect(second.notModified)
        #expect(second.body.isEmpty)
    }

    @Test("sending back Last-Modified gets 304 Not Modified")
    func lastModifiedGivesNotModified() async throws {
        let url = "\(nginx.baseURL)/feed.xml"
        let first = try await fetcher.fetch(FetchRequest(url: url))
        let lastModified = try #require(first.lastModified)
        let second = try await fetcher.fetch(FetchRequest(url: url, lastModified: lastModified))
        #expect(second.notModified)
        #expect(second.body.isEmpty)
    }

    @Test("a stale ETag gets the full body again")
    func staleETagGetsBody() async throws {
        let response = try await fetcher.fetch(FetchRequest(url: "\(nginx.baseURL)/feed.xml", etag: "\"stale-0\""))
        #expect(response.status == 200)
        #expect(response.body == (try feedBytes))
    }

    @Test("a gzip-encoded response is decoded, and fewer bytes cross the wire than the body holds")
    func gzipIsDecoded() async throws {
        let response = try await fetcher.fetch(FetchRequest(url: "\(nginx.baseURL)/feed.xml"))
        #expect(response.headers["content-encoding"] == "gzip")
        #expect(response.body == (try feedBytes))
        let headerBytes = response.headers.reduce(0) { $0 + $1.key.count + $1.value.count + 4 }
        #expect(response.bytesOnWire - headerBytes < response.body.count)
    }

    @Test("a missing file is an http_status error naming the source and status")
    func missingFileIsHTTPStatusError() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await fetcher.fetch(FetchRequest(url: "\(nginx.baseURL)/nope.xml", label: "fixture"))
        }
        #expect(error.kind == .httpStatus)
        #expect(error.status == 404)
        #expect(error.retries == 0)
        #expect(error.message.hasPrefix("fetch: fixture: \(nginx.baseURL)/nope.xml: HTTP 404"))
    }

    @Test("many concurrent fetches all complete with the right bodies")
    func concurrentFetchesComplete() async throws {
        let expected = try feedBytes
        let fetcher = self.fetcher
        let url = "\(nginx.baseURL)/feed.xml"
        let count = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 {
                group.addTask { try await fetcher.fetch(FetchRequest(url: url)).body == expected ? 1 : 0 }
            }
            return try await group.reduce(0, +)
        }
        #expect(count == 64)
    }
}
