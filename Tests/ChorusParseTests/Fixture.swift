import ChorusModel
import ChorusOutput
import ChorusParse
import ChorusTestSupport
import Foundation

/// Reads test fixtures (beside the tests) and Samples/, and parses them the way the tests need.
enum Fixture {
    static let directory = RepoPaths.root.appendingPathComponent("Tests/ChorusParseTests/Fixtures")
    /// The fetched_at every golden file uses.
    static let fetchedAt = Date(timeIntervalSince1970: 1_526_292_000)  // 2018-05-14T10:00:00Z

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func sample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: RepoPaths.samples.appendingPathComponent(name)))
    }

    static func context(_ source: String = "test", baseURL: String? = nil, charset: String? = nil, platform: Platform? = nil) -> ParseContext {
        ParseContext(source: source, baseURL: baseURL, httpCharset: charset, platform: platform, fetchedAt: fetchedAt)
    }

    /// Parses an inline UTF-8 document.
    static func parse(_ xml: String, baseURL: String? = nil, platform: Platform? = nil) throws -> ParseResult {
        try DocumentParser.parse(Array(xml.utf8), context: context(baseURL: baseURL, platform: platform))
    }

    /// The one item of an inline RSS 2.0 item body.
    static func rssItem(_ body: String, channel: String = "", namespaces: String = "") throws -> Item {
        let xml = "<rss version=\"2.0\" \(namespaces)><channel><title>T</title><link>https://feed.example/</link>\(channel)<item>\(body)</item></channel></rss>"
        let result = try parse(xml)
        guard result.items.count == 1 else { throw ParseError("expected 1 item, got \(result.items.count)") }
        return result.items[0]
    }

    /// NDJSON of the items, as `chorus parse` writes it.
    static func ndjson(_ items: [Item]) -> String {
        var w = JSONWriter()
        for item in items { ItemEncoder.append(item, to: &w) }
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
