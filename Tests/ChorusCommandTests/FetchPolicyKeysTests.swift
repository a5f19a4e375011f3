import Foundation
import Testing
import ChorusTestSupport

/// The fetch safety keys of the config reach the fetcher of a real `chorus ingest` run.
@Suite("Fetch policy keys in an ingest run")
struct FetchPolicyKeysTests {
    @Test func denyPrivateNetworksUnderDefaultsRefusesTheLoopbackSource() throws {
        let h = try IngestHarness()
        try h.writeFeed("a", items: 0..<2)
        try h.writeConfig(feeds: [("a", h.url("a.rss"))], extra: "defaults: { deny_private_networks: true }")
        let run = try h.run([])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("deny_private_networks is on"), "\(run.stderr)")
        #expect(h.outputFiles().isEmpty)
    }

    /// A proxy on a port where nothing listens: a fetch through it fails.
    static let deadProxy = ["http_proxy": "http://127.0.0.1:9", "no_proxy": "", "NO_PROXY": ""]

    @Test func theEnvironmentsProxyIsUsedWhenTheConfigNamesNone() throws {
        let h = try IngestHarness()
        try h.writeFeed("a", items: 0..<2)
        try h.writeConfig(feeds: [("a", h.url("a.rss"))])
        let (process, _, _) = try h.start([], environment: Self.deadProxy)
        IngestHarness.wait(process)
        #expect(process.terminationStatus == 1)
        #expect(h.outputFiles().isEmpty)
    }

    @Test func anEmptyProxyOverridesTheEnvironmentsProxy() throws {
        let h = try IngestHarness()
        try h.writeFeed("a", items: 0..<2)
        try h.writeConfig(feeds: [("a", h.url("a.rss"))], extra: "defaults: { proxy: \"\" }")
        let (process, _, err) = try h.start([], environment: Self.deadProxy)
        IngestHarness.wait(process)
        #expect(process.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        #expect(try h.allRecords().count == 2)
    }
}
