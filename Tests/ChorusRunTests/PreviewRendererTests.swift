import Foundation
import Testing
import ChorusModel
@testable import ChorusRun

/// The dry-run table in display columns: wide characters and emoji count two, text is cut only
/// between graphemes, every line fits the width, and tags and keywords stay in their own columns.
@Suite("Dry-run table width")
struct PreviewRendererTests {
    @Test(arguments: [
        ("abc", 3), ("中文", 4), ("ｚｔｅ", 6), ("한국", 4), ("👍", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇨🇳", 2),
        ("❤️", 2), ("e\u{301}", 1), ("Zürich", 6), ("\u{200B}", 0),
    ])
    func graphemesAreMeasuredInColumns(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test(arguments: 1...12)
    func clippingNeverSplitsAGraphemeOrOverflows(_ columns: Int) {
        let text = "中兴👨‍👩‍👧e\u{301}🇨🇳通讯ZTE"
        let clipped = DisplayWidth.clip(text, to: columns)
        #expect(DisplayWidth.of(clipped) <= columns)
        #expect(text.hasPrefix(String(clipped.dropLast())) || clipped == text)
        #expect(!clipped.unicodeScalars.contains { $0.value == 0xFFFD })
        // The text is cut after whole graphemes only: every grapheme of the clip is one of the text's.
        #expect(clipped.allSatisfy { $0 == "…" || text.contains($0) })
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(DisplayWidth.singleLine("a\tb\n\u{1B}[31mred\u{202E}x  y ") == "a b [31mred x y")
    }

    static func row(title: String, author: String, tags: [String], keywords: [String]) -> PreviewRow {
        let sentiment = Sentiment(label: .positive, compound: 0.62, pos: 0.3, neu: 0.7, neg: 0, tags: tags)
        let item = Item(
            id: UUID().uuidString, source: "s", platform: .rss, title: title, text: "本文：中兴通讯恢复出货 👍🏽 " + String(repeating: "analysts relieved ", count: 12),
            author: Author(name: author), publishedAt: Date(timeIntervalSince1970: 1_526_290_200), keywords: keywords, sentiment: sentiment)
        return PreviewRow(item: item, verdict: "NEW")
    }

    static let rows = [
        row(title: "中兴通讯 ZTE 👨‍👩‍👧 back into business", author: "王小明 (Wang Xiaoming)", tags: ["exclamation", "emoji"], keywords: ["zte"]),
        row(title: "Breaking good news!", author: "ZTE employee", tags: [], keywords: ["zte", "export ban"]),
    ]

    @Test(arguments: [40, 60, 80, 120, 200])
    func everyLineFitsTheWidth(_ width: Int) {
        let text = PreviewRenderer.render(sources: ["s"], reports: ["s": SourceReport(name: "s", status: .ok)], rows: ["s": Self.rows], width: width)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        for line in lines { #expect(DisplayWidth.of(line) <= width, "\(line)") }
        #expect(!text.unicodeScalars.contains { $0.value == 0xFFFD })
        // From 60 columns on the table itself fits (narrower, lines are cut at the edge).
        if width >= 60 { #expect(lines.dropFirst(2).allSatisfy { $0.hasSuffix(" NEW") }) }
    }

    @Test func tagsAndKeywordsHaveTheirOwnColumns() throws {
        let text = PreviewRenderer.render(sources: ["s"], reports: ["s": SourceReport(name: "s", status: .ok)], rows: ["s": Self.rows], width: 200)
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[1]
        let tagsAt = try #require(header.range(of: "TAGS")).lowerBound
        let keywordsAt = try #require(header.range(of: "KEYWORDS")).lowerBound
        let first = lines[2]
        #expect(first.contains("exclamation,emoji  zte  "), "\(first)")
        #expect(lines[3].contains("zte,export ban"), "\(lines[3])")
        #expect(!first.contains("#zte"))
        #expect(tagsAt < keywordsAt)
    }

    @Test func aWiderTerminalShowsMoreOfTheExcerpt() {
        func excerptLength(_ width: Int) -> Int {
            let text = PreviewRenderer.render(sources: ["s"], reports: ["s": SourceReport(name: "s", status: .ok)], rows: ["s": Self.rows], width: width)
            return text.split(separator: "\n")[2].components(separatedBy: "analysts").count
        }
        #expect(excerptLength(200) > excerptLength(80))
    }
}
