import ChorusTestSupport
import Foundation
import Testing

/// A token in a source's URL, user info or headers reaches no output line, state file, summary
/// or log: relative links resolve against the URL without its secrets, and the state keeps a
/// moved URL masked (restored from the config when it is fetched again).
@Suite("Secrets stay out of items, state and logs", .serialized)
struct SecretLeakTests {
    static let feed = """
        <rss version="2.0"><channel><title>T</title><link>#top</link>
        <item><title>one</title><guid isPermaLink="false">g1</guid><link>#c1</link><enclosure url="a.mp3" type="audio/mpeg" length="9"/></item>
        <item><title>two</title><guid isPermaLink="false">g2</guid><link>?x=1</link><description>&lt;a href="#c2"&gt;here&lt;/a&gt;</description></item>
        </channel></rss>
        """

    @Test func aTokenInTheURLNeverLandsInItemsStateOrLogs() throws {
        let h = try IngestHarness(extraServerConfig: "location = /moved.rss { return 301 /tok.rss$is_args$args; }")
        try Self.feed.write(to: h.www.appendingPathComponent("tok.rss"), atomically: true, encoding: .utf8)
        let url = h.url("moved.rss") + "?AccessToken=SECRET123&page=1"
        let missing = h.url("missing.rss") + "?x-api-key=SECRET456"
        let yaml = """
            output: { dir: out }
            state: { path: state/chorus.sqlite }
            sources:
              - { name: tok, type: feed, url: "\(url)", headers: { X-Api-Key: HEADERSECRET789 } }
              - { name: gone, type: feed, url: "\(missing)" }
            """
        try yaml.write(to: h.configURL, atomically: true, encoding: .utf8)
        let first = try h.run(["--ignore-schedule", "--verbose"])
        #expect(first.status == 1, "the missing feed fails: \(first.stderr)")
        let second = try h.run(["--ignore-schedule", "--verbose"])
        #expect(second.status == 1, "\(second.stderr)")

        let records = try h.allRecords().compactMap { $0 }
        #expect(records.count == 2)
        let links = records.compactMap { $0["url"] as? String }
        #expect(links.contains { $0.hasSuffix("/tok.rss?page=1#c1") }, "\(links)")
        let enclosures = records.flatMap { ($0["enclosures"] as? [[String: Any]]) ?? [] }.compactMap { $0["url"] as? String }
        #expect(enclosures == [h.url("a.mp3")])

        var everything = Data()
        for file in h.outputFiles() { everything += try Data(contentsOf: file) }
        for name in try FileManager.default.contentsOfDirectory(atPath: h.stateDir.path) {
            everything += try Data(contentsOf: h.stateDir.appendingPathComponent(name))
        }
        everything += Data((first.stderr + second.stderr).utf8)
        let text = String(decoding: everything, as: UTF8.self)
        for secret in ["SECRET123", "SECRET456", "HEADERSECRET789"] {
            #expect(!text.contains(secret), "\(secret) leaked")
        }
        #expect(text.contains("REDACTED"), "the moved URL is kept masked in the state")
        let summary = try #require(try h.summaries().last)
        let statuses = (summary["sources"] as? [[String: Any]])?.map { $0["status"] as? String }
        #expect(statuses == ["not_modified", "error"], "the moved URL, restored from the config, is asked with its validators")
    }
}
