import ChorusModel
import ChorusOutput
import Foundation
import Testing
@testable import ChorusParse

/// Numbers no Int64 can hold, in every decoder that converts one: the value is dropped
/// (null), the item is kept, and nothing traps.
@Suite("Numbers out of range in feeds and payloads")
struct NumericTrapTests {
    static let huge = ["1e999", "-1e999", "18446744073709551616", "9223372036854775808", "1e19", "-1e300", "0.5", "-3"]

    @Test("A JSON Feed attachment size beyond Int64 (or not positive) is null; the item is kept", arguments: huge)
    func jsonFeedSize(value: String) throws {
        let body = """
            {"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","url":"https://x.example/1",
            "attachments":[{"url":"https://x.example/a.mp3","mime_type":"audio/mpeg","size_in_bytes":\(value)}]}]}
            """
        let result = try DocumentParser.parse(Array(body.utf8), context: ParseContext(source: "jf"))
        let item = try #require(result.items.first)
        #expect(item.enclosures.count == 1)
        #expect(item.enclosures.first?.length == nil)
        #expect(String(decoding: ItemEncoder.line(item), as: UTF8.self).contains("\"length\":null"))
    }

    @Test("A size that fits is kept as whole bytes")
    func jsonFeedSizeFits() throws {
        #expect(Enclosure.length(1234.0) == 1234)
        #expect(Enclosure.length(9.1e18) == 9_100_000_000_000_000_000)
        #expect(Enclosure.length(.nan) == nil)
        #expect(Enclosure.length(.infinity) == nil)
    }

    @Test("Social counts beyond Int64 are null metrics, not a rejected page", arguments: ["1e999", "18446744073709551616", "-1e30"])
    func socialCounts(value: String) throws {
        let body = """
            {"kind":"Listing","data":{"after":null,"children":[{"kind":"t3","data":{"id":"x1","name":"t3_x1",
            "title":"t","subreddit":"s","permalink":"/r/s/comments/x1/t/","created_utc":1700000000,
            "score":\(value),"num_comments":\(value),"author":"a"}}]}}
            """
        let result = try SocialPayloadParser.parse(Array(body.utf8), platform: .reddit, context: ParseContext(source: "r"))
        let item = try #require(result.items.first)
        #expect(item.metrics?.score == nil)
        #expect(item.metrics?.replies == nil)
    }

    @Test("Mastodon counts beyond Int64 are null")
    func mastodonCounts() throws {
        let body = """
            [{"id":"1","uri":"https://m.example/u/1","created_at":"2024-01-01T00:00:00Z","url":"https://m.example/@a/1","content":"<p>hi</p>",
            "account":{"acct":"a","display_name":"A","url":"https://m.example/@a"},
            "favourites_count":1e999,"reblogs_count":18446744073709551616,"replies_count":2}]
            """
        let result = try SocialPayloadParser.parse(Array(body.utf8), platform: .mastodon, context: ParseContext(source: "m"))
        let item = try #require(result.items.first)
        #expect(item.metrics?.likes == nil)
        #expect(item.metrics?.reposts == nil)
        #expect(item.metrics?.replies == 2)
    }

    @Test("A fractional count is still a type error (a wrong payload, not an overflow)")
    func fractionalCount() throws {
        let document = try JSONReader.parse(Array(#"{"n":1.5,"m":1e999}"#.utf8))
        #expect(throws: JSONTypeError.self) { try document.root.int("n") }
        #expect(try document.root.int("m") == nil)
    }
}
