@testable import ChorusReport
import ChorusModel
import Foundation
import Testing

/// The three formats: hostile item text stays text, the page and each SVG are well-formed XML
/// (checked with xmllint), nothing is fetched from elsewhere, JSON reads back.
@Suite("report rendering")
struct ReportRenderTests {
    /// Items whose every string is an attack on the page.
    static let hostile: [String] = [
        #"{"id":"1","source":"<script>alert('s')</script>","platform":"mastodon","kind":"post","url":"javascript:alert(1)","title":"<script>alert(\"t\")</script> & 'quotes' \"double\"","text":"</blockquote><img src=x onerror=alert(1)> ]]> <!-- --> \u0007bell","published_at":"2018-05-13T15:00:00Z","keywords":["<b>k</b>"],"revision":0,"metrics":{"likes":5},"sentiment":{"label":"positive","compound":0.5,"tags":["<i>tag</i>"],"rules":["</code><script>r()</script>"]}}"#,
        #"{"id":"2","source":"s\"><svg onload=alert(1)>","platform":"x","kind":"post","url":"https://example.com/a?b=1&c=\"><script>","text":"negative | pipe `tick`","published_at":"2018-05-13T16:00:00Z","revision":0,"sentiment":{"label":"negative","compound":-0.5,"tags":["</title><script>"],"rules":["lexicon"]}}"#,
    ]

    static func hostileSummary(_ grouping: ReportOptions.Grouping = .source) -> ReportSummary {
        ReportFixture.summary(lines: hostile, ReportOptions(grouping: grouping))
    }

    @Test(arguments: ReportOptions.Grouping.allCases)
    func hostileTextNeverBecomesMarkup(grouping: ReportOptions.Grouping) throws {
        let page = ReportFormat.html.render(Self.hostileSummary(grouping))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<svg onload"))
        #expect(!page.contains("javascript:alert(1)\""), "a javascript: link is never an href")
        #expect(!page.contains("href=\"javascript"))
        #expect(page.contains("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"))
        #expect(!page.contains("\u{7}"))
        try XMLLint.check(page, name: "hostile-\(grouping.rawValue).html")
    }

    @Test func thePageIsSelfContained() throws {
        let page = ReportFormat.html.render(try ReportFixture.summary([ReportFixture.story, ReportFixture.extra]))
        for forbidden in ["<script", "<link", "src=", "@import", "url(", "<iframe", "<object"] {
            #expect(!page.contains(forbidden), "\(forbidden)")
        }
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("prefers-color-scheme:dark"))
    }

    @Test func everyChartIsWellFormedSVGWithATitleADescAndATable() throws {
        let page = ReportFormat.html.render(try ReportFixture.summary([ReportFixture.story, ReportFixture.extra]))
        try XMLLint.check(page, name: "story.html")
        let charts = page.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
            .filter { $0.contains("class=\"chart\"") }
        #expect(charts.count == 2)
        for (i, svg) in charts.enumerated() {
            try XMLLint.check("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg, name: "chart-\(i).svg")
            #expect(svg.contains("<title id="))
            #expect(svg.contains("<desc id="))
            #expect(svg.contains("role=\"img\""))
        }
        #expect(page.components(separatedBy: "<summary>Table:").count - 1 == charts.count, "one table per chart")
    }

    @Test func theTimelineDrawsOneBarSegmentPerLabelAndBucket() throws {
        let s = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra])
        let svg = TimelineChart(summary: s, groups: ["s1", "s2", "s3"]).svg(id: "t")
        // 14h: positive; 15h: positive, negative, neutral; 16h: positive, mixed, not scored; 23h: positive.
        #expect(svg.components(separatedBy: "<rect class=\"l-").count - 1 == 8)
        #expect(svg.components(separatedBy: "Turning point, ").count - 1 == 3, "one band per turning point")
        #expect(svg.components(separatedBy: "class=\"l-not-scored\"").count - 1 == 1)
        #expect(svg.contains("2 not scored"))
        // One path for all items and one per group that has a scored item.
        #expect(svg.components(separatedBy: "<path ").count - 1 == 4)
    }

    @Test func manyBucketsDrawLinesWithoutDotsAndFewTickLabels() {
        let lines = (0..<300).map { h in
            #"{"id":"\#(h)","published_at":"\#(ReportTestTime.hour(h))","sentiment":{"label":"positive","compound":0.5}}"#
        }
        let s = ReportFixture.summary(lines: lines)
        #expect(s.series.count == 300)
        let few = TimelineChart(summary: ReportFixture.summary(lines: Array(lines.prefix(20))), groups: []).svg(id: "t")
        let many = TimelineChart(summary: s, groups: []).svg(id: "t")
        #expect(few.components(separatedBy: "<circle").count - 1 == 20)
        #expect(!many.contains("<circle"), "300 dots in 666 units would merge into a band")
        #expect(s.turningPoints.isEmpty, "the mean never moves")
        #expect(many.components(separatedBy: "text-anchor=\"middle\"").count - 1 == 3, "five tick labels (one per 120 of 666 units): first, three between, last")
    }

    @Test func labelsOfNeighbouringTurningPointsDoNotOverlap() {
        let lines = (0..<20).map { h in
            let compound = h == 10 ? -0.5 : 0.5
            return #"{"id":"\#(h)","published_at":"\#(ReportTestTime.hour(h))","sentiment":{"label":"positive","compound":\#(compound)}}"#
        }
        let s = ReportFixture.summary(lines: lines)
        #expect(s.turningPoints.map(\.start) == [ReportTestTime.hour(10), ReportTestTime.hour(11)])
        let svg = TimelineChart(summary: s, groups: []).svg(id: "t")
        let labels = svg.components(separatedBy: "font-size=\"13\" class=\"ink\"").count - 1 + svg.components(separatedBy: "font-size=\"12\" class=\"ink\"").count - 1
        #expect(labels == 2)
        #expect(svg.contains("y=\"21.0\" text-anchor=\"middle\" font-size=\"12\""), "the first label above the panel")
        #expect(svg.contains("y=\"38.0\" text-anchor=\"middle\" font-size=\"12\""), "its neighbour a line lower")
    }

    @Test func metricsReadAsWords() throws {
        let renderer = HTMLReportRenderer(ReportFixture.summary(lines: []))
        #expect(renderer.metrics(Metrics(likes: 12, reposts: 1, replies: 0, score: nil, quotes: 2)) == "12 likes, 1 repost, 2 quotes")
        #expect(renderer.metrics(Metrics(replies: 1, score: 57)) == "1 reply, 57 score")
    }

    @Test func countsGetThousandsSeparators() {
        #expect(ReportNumbers.count(1_000_000) == "1,000,000")
        #expect(ReportNumbers.count(999) == "999")
        #expect(ReportNumbers.count(1234) == "1,234")
        #expect(ReportNumbers.fixed(-0.04999, places: 3) == "-0.050")
        #expect(ReportNumbers.fixed(-0.0001, places: 3) == "0.000")
    }

    @Test func markdownEscapesCellsAndKeepsOneRowPerLine() {
        let md = ReportFormat.md.render(Self.hostileSummary())
        #expect(md.contains("\\<script\\>"))
        #expect(!md.replacingOccurrences(of: "\\<", with: "").contains("<"), "every < is escaped")
        for line in md.split(separator: "\n") where line.hasPrefix("|") {
            #expect(line.hasSuffix("|"))
        }
        #expect(md.contains("## Most positive reactions"))
    }

    @Test func markdownHasThePageTablesWithAColumnPerGroup() throws {
        let md = ReportFormat.md.render(try ReportFixture.summary([ReportFixture.story, ReportFixture.extra]))
        #expect(md.contains("| bucket | items | positive | negative | neutral | mixed | not scored | mean | mean, s2 | mean, s1 | mean, s3 |"))
        #expect(md.contains("| 2018-05-13T15:00:00Z | 3 | 1 | 1 | 1 | 0 | 0 | 0.167 | 0.450 | -0.400 | – |"))
        for heading in ["## Reaction tags over time", "## Turning points", "## Most positive reactions", "## Most engaged posts", "## Per source"] {
            #expect(md.contains(heading), "\(heading)")
        }
    }

    @Test func jsonReadsBackIntoTheSameSummary() throws {
        let summary = try ReportFixture.summary([ReportFixture.story, ReportFixture.extra])
        let text = ReportFormat.json.render(summary)
        let back = try JSONDecoder().decode(ReportSummary.self, from: Data(text.utf8))
        #expect(back == summary)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["totals", "series", "turning_points", "most_positive", "sources", "top_lists_cover"]))
    }

    @Test func anEmptyInputStillMakesAValidPage() throws {
        let page = ReportFormat.html.render(ReportFixture.summary(lines: []))
        #expect(page.contains("No dated items."))
        try XMLLint.check(page, name: "empty.html")
    }
}

/// Hourly timestamps for generated lines.
enum ReportTestTime {
    /// `2018-05-01T00:00:00Z` plus `h` hours.
    static func hour(_ h: Int) -> String {
        let day = 1 + h / 24, hour = h % 24
        return "2018-05-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z"
    }
}

/// Runs `xmllint --noout` (libxml2-utils) on a document.
enum XMLLint {
    static func check(_ text: String, name: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-report-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        let run = try CommandRun(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--nonet", file.path])
        #expect(run.status == 0, "xmllint \(name): \(run.stderr)")
    }
}
