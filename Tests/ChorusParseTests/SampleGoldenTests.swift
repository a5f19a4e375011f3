import ChorusModel
import ChorusParse
import ChorusTestSupport
import Foundation
import Testing

/// Every feed in Samples/ parses to exactly the NDJSON in Samples/expected/ (fetched_at fixed).
@Suite("Samples golden NDJSON")
struct SampleGoldenTests {
    static let samples = [
        "reuters-zte.rss", "techwire-zte.atom", "zte-wire.rdf", "zte-notes.json", "zte-weibo-gb18030.rss",
        "telegraphe-cp1252.rss", "zte-broken.rss",
    ]

    @Test("Sample feed parses to its expected NDJSON byte for byte", arguments: samples)
    func golden(sample: String) throws {
        let stem = (sample as NSString).deletingPathExtension
        let result = try DocumentParser.parse(try Fixture.sample(sample), context: Fixture.context(stem))
        let expected = try String(contentsOf: RepoPaths.samples.appendingPathComponent("expected/\(stem).ndjson"), encoding: .utf8)
        #expect(Fixture.ndjson(result.items) == expected)
    }

    @Test("The broken sample is flagged as recovered and keeps all three items")
    func brokenIsRecovered() throws {
        let result = try DocumentParser.parse(try Fixture.sample("zte-broken.rss"), context: Fixture.context("zte-broken"))
        #expect(result.recovered)
        #expect(!result.warnings.isEmpty)
        #expect(result.items.map(\.nativeID) == ["mt-101", "mt-102", "mt-103"])
        #expect(result.unparsedDates == 1)
    }

    @Test("Well-formed samples are not flagged as recovered", arguments: samples.filter { $0 != "zte-broken.rss" })
    func cleanSamples(sample: String) throws {
        let result = try DocumentParser.parse(try Fixture.sample(sample), context: Fixture.context())
        #expect(!result.recovered)
        #expect(!result.items.isEmpty)
    }
}
