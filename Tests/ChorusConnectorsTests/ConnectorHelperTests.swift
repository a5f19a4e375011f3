import Foundation
import Testing
@testable import ChorusConnectors
import ChorusFetch
import ChorusModel
import ChorusParse

@Suite("Connector helpers")
struct ConnectorHelperTests {
    @Test("Link headers map relations to URLs", arguments: [
        (#"<https://s.example/api?max_id=7>; rel="next", <https://s.example/api?min_id=9>; rel="prev""#,
         ["next": "https://s.example/api?max_id=7", "prev": "https://s.example/api?min_id=9"]),
        (#"<https://a.example/x?a=1,2>; rel="next"; title="a, b""#, ["next": "https://a.example/x?a=1,2"]),
        (#"<https://a.example/x>; rel="prev next""#, ["prev": "https://a.example/x", "next": "https://a.example/x"]),
        ("", [:]),
        ("garbage", [:]),
    ])
    func linkHeader(value: String, expected: [String: String]) {
        #expect(LinkHeader.parse(value) == expected)
    }

    @Test("Query values are percent-encoded, nil values left out")
    func queryString() {
        let url = QueryString.url("http://h.example/base/", "/r/新闻/new.json", [("q", "#zte back, fast & soon"), ("after", nil), ("limit", "2")])
        #expect(url == "http://h.example/base/r/新闻/new.json?q=%23zte%20back%2C%20fast%20%26%20soon&limit=2")
        #expect(QueryString.encode("中兴~a-b_c.d") == "%E4%B8%AD%E5%85%B4~a-b_c.d")
    }

    @Test("An exhausted window is read from every dialect", arguments: [
        (["x-ratelimit-remaining": "0"], true), (["x-ratelimit-remaining": "0.0"], true), (["ratelimit-remaining": "0"], true),
        (["x-rate-limit-remaining": "0"], true), (["x-ratelimit-remaining": "12"], false), ([:], false),
        (["ratelimit-remaining": "soon"], false),
    ])
    func exhausted(headers: [String: String], expected: Bool) {
        // The one reading of rate-limit headers, ChorusFetch's, is what the pagers stop on.
        #expect((RateLimit(headers: headers, now: Date())?.isExhausted ?? false) == expected)
    }

    @Test("A watermark covers older items and the ids at its own instant, and survives the cursor")
    func watermark() throws {
        let t = Date(timeIntervalSince1970: 1_526_290_200.5)
        let mark = Watermark(millis: Watermark.millis(t), keys: ["a"])
        let a = Item(id: "1", source: "s", platform: .x, nativeID: "a")
        let b = Item(id: "2", source: "s", platform: .x, nativeID: "b")
        #expect(mark.covers(a, sortTime: t))
        #expect(!mark.covers(b, sortTime: t))
        #expect(mark.covers(b, sortTime: t.addingTimeInterval(-1)))
        #expect(!mark.covers(b, sortTime: t.addingTimeInterval(0.001)))
        #expect(mark.isBelow(sortTime: t.addingTimeInterval(-0.001)))
        #expect(!mark.isBelow(sortTime: nil))
        var cursor = SourceCursor()
        cursor.write(NewestFirstCursor(newest: mark))
        #expect(cursor.read(NewestFirstCursor.self)?.newest == mark)
        // The string keys of earlier versions read as the same mark.
        #expect(Watermark(cursor: ["newest_time": "1526290200500", "newest_keys": "a"], prefix: "newest_") == mark)
        let later = Watermark(millis: mark.millis, keys: ["b"])
        #expect(Watermark.latest(mark, later)?.keys == ["a", "b"])
        #expect(Watermark.latest(nil, mark) == mark)
        let page = SocialPage(items: [a, b], sortTimes: [t, t.addingTimeInterval(-5)])
        #expect(Watermark.top(of: page) == mark)
    }
}
