import Foundation

/// Writes small RSS 2.0 feeds for the end-to-end runs: item n of feed f has guid
/// `urn:chorus-test:<f>:<n>` and a title that mentions ZTE on every third item.
public enum FeedFixture {
    public static func rss(feed: String, items: Range<Int>, edited: Set<Int> = []) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>\(feed)</title><link>https://news.example/\(feed)</link>
            <description>test feed \(feed)</description>

            """
        for n in items.reversed() {
            let minute = n % 60
            let hour = n / 60 % 24
            let topic = n % 3 == 0 ? "ZTE resumes shipments" : "Markets steady"
            let body = edited.contains(n) ? "Updated: \(topic.lowercased()) after review, item \(n)." : "Item \(n) of \(feed): \(topic.lowercased()), analysts relieved."
            out += """
                <item><guid isPermaLink="false">urn:chorus-test:\(feed):\(n)</guid>
                <title>\(topic) (\(feed) \(n))</title><link>https://news.example/\(feed)/\(n)</link>
                <description>\(body)</description>
                <pubDate>Sat, 28 Nov 2026 \(String(format: "%02d:%02d", hour, minute)):00 GMT</pubDate></item>

                """
        }
        return out + "</channel></rss>\n"
    }
}
