import Foundation
import Testing
import ChorusTestSupport

/// What an operator sees at a terminal and under cron: the closing line of a run, the dry-run
/// table in a pseudo-terminal of 80 and 200 columns with wide characters, `chorus check`'s
/// per-type count.
@Suite("The operator's view at a terminal")
struct OperatorViewTests {
    static let tools = RepoPaths.root.appendingPathComponent("Tests/Tools")

    /// Runs `chorus args...` in a pseudo-terminal `columns` wide; returns the exit status and
    /// everything it printed (stdout and stderr mixed, as on a screen).
    static func inTerminal(_ h: IngestHarness, columns: Int, _ args: [String]) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", tools.appendingPathComponent("pty_run.py").path, "\(columns)", "30", RepoPaths.chorusBinary.path]
            + args
        process.currentDirectoryURL = h.root
        let out = h.root.appendingPathComponent("pty-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.standardError
        try process.run()
        IngestHarness.wait(process)
        return (process.terminationStatus, try Data(contentsOf: out))
    }

    /// Display widths of the lines of `screen`, measured by Python's Unicode database.
    static func lineWidths(_ screen: Data) throws -> [Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", tools.appendingPathComponent("line_widths.py").path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(screen)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the output holds U+FFFD or is not UTF-8")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
    }

    /// A feed whose titles and texts are long and full of CJK characters and emoji.
    static func writeWideFeed(_ h: IngestHarness) throws {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>wide</title><link>https://news.example/</link>\n"
        for n in 0..<4 {
            xml += """
                <item><guid isPermaLink="false">urn:wide:\(n)</guid><title>中兴通讯恢复出货 ZTE \(n) 🎉👍 好消息！</title>
                <link>https://news.example/wide/\(n)</link><author>王小明 (Wang Xiaoming) 📈</author>
                <description>美国商务部解除禁令，员工转发：“Wow! Breaking good news!” 👍 \(String(repeating: "全角テキスト、ｆｕｌｌｗｉｄｔｈ ", count: 8))</description>
                <pubDate>Mon, 14 May 2018 09:3\(n):00 GMT</pubDate></item>

                """
        }
        try (xml + "</channel></rss>\n").write(to: h.www.appendingPathComponent("wide.rss"), atomically: true, encoding: .utf8)
    }

    @Test(arguments: [80, 200])
    func theDryRunTableFitsTheTerminalWithWideCharacters(_ columns: Int) throws {
        let h = try IngestHarness()
        try Self.writeWideFeed(h)
        try h.writeConfig(feeds: [("wide", h.url("wide.rss"))], extra: "keywords: { track: [ZTE, good news] }")
        let (status, screen) = try Self.inTerminal(h, columns: columns, ["ingest", "--config", h.configURL.path, "--dry-run"])
        #expect(status == 0, "\(String(decoding: screen, as: UTF8.self))")
        let text = String(decoding: screen, as: UTF8.self)
        #expect(text.contains("中兴通讯"), "\(text)")
        #expect(text.components(separatedBy: " NEW\r\n").count - 1 == 4, "\(text)")
        let widths = try Self.lineWidths(screen)
        #expect(widths.max() ?? 0 <= columns, "\(zip(widths, text.components(separatedBy: "\n")).filter { $0.0 > columns })")
        // The wide terminal is used: some line is wider than the narrow one could hold.
        if columns == 200 { #expect(widths.max() ?? 0 > 80) }
        // The summary is a human line, not JSON.
        #expect(text.contains("dry run: 4 new, 0 revised, 0 duplicate (1 source fetched); nothing written"))
        #expect(!text.contains("\"dry_run\""))
    }

    @Test func withoutATerminalTheTableIs80ColumnsOrCOLUMNS() throws {
        let h = try IngestHarness()
        try Self.writeWideFeed(h)
        try h.writeConfig(feeds: [("wide", h.url("wide.rss"))])
        let plain = try h.run(["--dry-run"])
        #expect(try Self.lineWidths(Data(plain.stdout.utf8)).max() ?? 0 <= 80)
        let (process, out, _) = try h.start(["--dry-run"], environment: ["COLUMNS": "50"])
        IngestHarness.wait(process)
        let narrow = try Data(contentsOf: out)
        let widths = try Self.lineWidths(narrow)
        #expect(widths.max() ?? 0 <= 50 && widths.max() ?? 0 > 40, "\(widths)")
    }

    @Test func aRunAtATerminalEndsWithOneLineSayingWhereTheItemsWent() throws {
        let h = try IngestHarness()
        try h.writeFeed("alpha", items: 0..<3)
        try h.writeConfig(feeds: [("alpha", h.url("alpha.rss")), ("gone", h.url("missing.rss"))])
        let (status, screen) = try Self.inTerminal(h, columns: 100, ["ingest", "--config", h.configURL.path])
        #expect(status == 1)
        let text = String(decoding: screen, as: UTF8.self)
        let file = try #require(h.outputFiles().first)
        let relative = String(file.path.dropFirst(h.root.path.count + 1))
        #expect(text.contains("chorus ingest: 3 items to \(relative) (1 source fetched, 1 failed)\r\n"), "\(text)")
        // Under cron (no terminal) the same kind of run prints only the failing source's warning.
        try h.writeFeed("alpha", items: 0..<5)
        let quiet = try h.run(["--ignore-schedule"])
        #expect(quiet.status == 1)
        #expect(!quiet.stderr.contains("chorus ingest:"), "\(quiet.stderr)")
        #expect(quiet.stderr.split(separator: "\n").count == 1 && quiet.stderr.contains("gone"), "\(quiet.stderr)")
        let again = try Self.inTerminal(h, columns: 100, ["ingest", "--config", h.configURL.path, "--source", "alpha"])
        #expect(String(decoding: again.1, as: UTF8.self).contains("chorus ingest: nothing new (1 source fetched)"))
    }

    @Test func checkCountsOnlyEnabledSourcesPerType() throws {
        let h = try IngestHarness()
        try """
            output: { dir: out }
            state: { path: state/chorus.sqlite }
            sources:
              - { name: a, type: feed, url: "https://example.com/a.xml" }
              - { name: b, type: feed, url: "https://example.com/b.xml", enabled: false }
              - { name: m, type: mastodon, instance: "https://mastodon.social", hashtag: zte, enabled: false }
            """.write(to: h.configURL, atomically: true, encoding: .utf8)
        let check = try h.run(command: "check")
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("OK, 3 sources (1 enabled: 1 feed)\n"), "\(check.stdout)")
    }

    @Test func checkFlagsSourcesThatLackCredentialsTheyNeed() throws {
        let h = try IngestHarness()
        try """
            output: { dir: out }
            state: { path: state/chorus.sqlite }
            sources:
              - { name: bsky-search, type: bluesky, query: zte }
              - { name: bsky-login, type: bluesky, query: zte, handle: ana.example.net, app_password: "${CHORUS_TEST_PW:-x}" }
              - { name: bsky-author, type: bluesky, author: newsdesk.example.com }
              - { name: masto-search, type: mastodon, instance: "https://mastodon.social", query: zte }
              - { name: reddit-anon, type: reddit, subreddit: technology }
              - { name: reddit-app, type: reddit, subreddit: technology, client_id: a, client_secret: b }
            """.write(to: h.configURL, atomically: true, encoding: .utf8)
        let check = try h.run(command: "check")
        #expect(check.status == 0, "\(check.stderr)")
        let warnings = check.stderr.split(separator: "\n").map(String.init)
        #expect(warnings.count == 3, "\(check.stderr)")
        #expect(warnings.contains { $0.hasSuffix(":4: warning: source bsky-search: Bluesky refuses searches without a login: set handle and app_password (an app password from the account's settings)") })
        #expect(warnings.contains { $0.contains("source masto-search: Mastodon searches statuses only for a logged-in user: set token") })
        #expect(warnings.contains { $0.contains("source reddit-anon: Reddit refuses or throttles anonymous reads: set client_id and client_secret") })
    }

    @Test func aLoginKeyWithoutItsCompanionIsAConfigError() throws {
        let h = try IngestHarness()
        try """
            output: { dir: out }
            state: { path: state/chorus.sqlite }
            sources:
              - { name: r, type: reddit, subreddit: technology, client_id: a }
              - { name: b, type: bluesky, author: x.example, app_password: p }
            """.write(to: h.configURL, atomically: true, encoding: .utf8)
        let check = try h.run(command: "check")
        #expect(check.status == 78)
        #expect(check.stderr.contains("sources[0]: a reddit source with 'client_id' needs 'client_secret'"), "\(check.stderr)")
        #expect(check.stderr.contains("sources[1]: a bluesky source with 'app_password' needs 'handle'"), "\(check.stderr)")
    }
}
