import Foundation
import Testing
import ChorusModel
@testable import ChorusOutput

@Suite("NDJSON item encoding")
struct ItemEncoderTests {
    static let keys = [
        "schema_version", "id", "source", "platform", "kind", "native_id", "url", "title", "text", "lang", "author",
        "published_at", "updated_at", "fetched_at", "tags", "enclosures", "feed", "metrics", "in_reply_to", "repost_of",
        "quote_of", "content_warning", "keywords", "revision", "sentiment",
    ]

    @Test("A minimal item has every key, in order, with nulls and empty lists")
    func minimalItemShape() throws {
        let item = Item(id: "abc", source: "s", platform: .rss)
        let line = ItemEncoder.line(item)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        let text = String(decoding: line, as: UTF8.self)
        var cursor = text.startIndex
        for key in Self.keys {
            let range = try #require(text.range(of: "\"\(key)\":", range: cursor..<text.endIndex), "missing \(key)")
            cursor = range.upperBound
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object.count == Self.keys.count)
        #expect(object["title"] is NSNull)
        #expect((object["tags"] as? [Any])?.isEmpty == true)
        #expect(object["schema_version"] as? Int == 1)
    }

    @Test("Strings with quotes, controls, newlines and non-Latin text round-trip")
    func escaping() throws {
        let nasty = "He said \"back in business\"\n\ttab \\ slash \u{01} 好消息 🎉 \u{2028}"
        let item = Item(id: "x", source: "s", platform: .mastodon, kind: .post, text: nasty,
                        author: Author(name: "Ana", handle: "ana@other.example"),
                        publishedAt: Date(timeIntervalSince1970: 1_526_290_200),
                        metrics: Metrics(likes: 9, reposts: 2, replies: 0),
                        sentiment: Sentiment(label: .positive, compound: 0.61249, pos: 0.5, neu: 0.5, neg: 0, tags: ["excitement"], rules: ["breaking good news"]))
        let line = ItemEncoder.line(item)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["text"] as? String == nasty)
        #expect(object["published_at"] as? String == "2018-05-14T09:30:00Z")
        let sentiment = try #require(object["sentiment"] as? [String: Any])
        #expect(sentiment["label"] as? String == "positive")
        #expect(String(decoding: line, as: UTF8.self).contains("\"compound\":0.6125"))
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["likes"] as? Int == 9)
        #expect(metrics["score"] is NSNull)
    }

    @Test("Text that was not scored keeps the sentiment object with null label and numbers, scored false and its language")
    func notScoredSentiment() throws {
        let item = Item(id: "x", source: "s", platform: .mastodon, kind: .post, text: "これは",
                        sentiment: .notScored(lang: "ja", rules: ["lang-unsupported"]))
        let line = String(decoding: ItemEncoder.line(item), as: UTF8.self)
        #expect(line.hasSuffix(",\"sentiment\":{\"label\":null,\"compound\":null,\"pos\":null,\"neu\":null,\"neg\":null,"
            + "\"tags\":[],\"rules\":[\"lang-unsupported\"],\"scored\":false,\"lang\":\"ja\"}}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let sentiment = try #require(object["sentiment"] as? [String: Any])
        #expect(sentiment["label"] is NSNull)
        #expect(sentiment["scored"] as? Bool == false)
    }

    @Test("A scored sentiment ends with scored true and its language, after the keys it always had")
    func scoredSentimentKeys() throws {
        let item = Item(id: "x", source: "s", platform: .mastodon, kind: .post, text: "yay",
                        sentiment: Sentiment(label: .positive, compound: 0.5, pos: 1, neu: 0, neg: 0, lang: "en"))
        let line = String(decoding: ItemEncoder.line(item), as: UTF8.self)
        #expect(line.hasSuffix("\"sentiment\":{\"label\":\"positive\",\"compound\":0.5000,\"pos\":1.000,\"neu\":0.000,\"neg\":0.000,"
            + "\"tags\":[],\"rules\":[],\"scored\":true,\"lang\":\"en\"}}\n"))
    }

    @Test("An item whose every string needs the longest escapes encodes and round-trips")
    func worstCaseEscaping() throws {
        let worst = String(repeating: "\u{01}", count: 300)
        let item = Item(id: worst, source: worst, platform: .json, kind: .reply, nativeID: worst, url: worst, title: worst,
                        text: worst, lang: worst, author: Author(name: worst, handle: worst, url: worst, email: worst),
                        tags: [worst, worst], enclosures: [Enclosure(url: worst, type: worst, length: Int64.min)],
                        feed: FeedRef(title: worst, url: worst), metrics: Metrics(likes: Int64.min, reposts: Int64.max),
                        inReplyTo: worst, repostOf: worst)
        let line = ItemEncoder.line(item)
        #expect(line.count > 6 * 300 * 19)  // nineteen strings, each byte written as \u0001
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["text"] as? String == worst)
        #expect((object["author"] as? [String: Any])?["email"] as? String == worst)
        #expect(((object["enclosures"] as? [[String: Any]])?.first?["length"] as? NSNumber)?.int64Value == Int64.min)
    }

    @Test("Numbers are written exactly", arguments: [
        (0.0, "0.0000"), (-0.5, "-0.5000"), (1.0, "1.0000"), (-0.00001, "0.0000"), (0.99995, "1.0000"),
    ])
    func fixedDecimals(value: Double, expected: String) {
        var w = JSONWriter()
        w.fixed(value)
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
    }

    @Test("Integers at the 64-bit edges", arguments: [Int64.min, -1, 0, 7, Int64.max])
    func integers(value: Int64) {
        var w = JSONWriter()
        w.int(value)
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(value))
    }
}
