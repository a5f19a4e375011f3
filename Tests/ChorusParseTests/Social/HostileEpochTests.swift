import Foundation
import Testing
import ChorusModel
import ChorusOutput
@testable import ChorusParse

@Suite("Hostile epoch numbers in API payloads")
struct HostileEpochTests {
    @Test("Out-of-range or non-finite epoch seconds become null dates, and the item still encodes", arguments: [
        "1e300", "-1e300", "1e20", "253402300800",
    ])
    func redditCreatedOutOfRange(value: String) throws {
        let body = """
            {"kind":"Listing","data":{"after":null,"children":[{"kind":"t3","data":{"id":"x1","name":"t3_x1",
            "title":"Not again","subreddit":"technology","permalink":"/r/technology/comments/x1/t/",
            "created_utc":\(value),"edited":\(value),"score":1,"num_comments":0,"author":"a"}}]}}
            """
        let result = try SocialPayloadParser.parse(Array(body.utf8), platform: .reddit, context: ParseContext(source: "r"))
        let item = try #require(result.items.first)
        #expect(item.publishedAt == nil)
        #expect(item.updatedAt == nil)
        let line = String(decoding: ItemEncoder.line(item), as: UTF8.self)
        #expect(line.contains("\"published_at\":null"))
    }

    @Test("Epoch seconds at the edge of year 9999 are kept")
    func edgeOfRange() {
        #expect(RFC3339.date(epochSeconds: 253_402_300_799) != nil)
        #expect(RFC3339.date(epochSeconds: .nan) == nil)
        #expect(RFC3339.date(epochSeconds: .infinity) == nil)
    }

    @Test("The encoder writes null, not a crash, for an instant no four-digit year can hold")
    func encoderGuardsRange() {
        let item = Item(id: "x", source: "s", platform: .json, publishedAt: Date(timeIntervalSince1970: 1e300))
        let line = String(decoding: ItemEncoder.line(item), as: UTF8.self)
        #expect(line.contains("\"published_at\":null"))
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1e300)) == "0001-01-01T00:00:00Z")
    }
}
