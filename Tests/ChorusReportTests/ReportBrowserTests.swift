import ChorusTestSupport
import Foundation
import Testing

/// The report over the samples' output (Config/samples.yaml ingested from the loopback samples
/// server, as `scripts/demo` does), rendered by a real browser: Debian's headless Chromium
/// (installed by `scripts/setup test`) screenshots it in the light scheme at 1200 px and the
/// dark one at 360 px; the PNGs are checked for size, drawn chart colours and the page
/// background, the browser's log for console messages. The screenshots are kept in
/// `.build/test-artifacts/report/`.
@Suite("chorus report in a browser", .serialized)
struct ReportBrowserTests {
    static let chromium = "/usr/bin/chromium"
    static var artifacts: URL { RepoPaths.root.appendingPathComponent(".build/test-artifacts/report") }

    /// Ingests the samples into a fresh folder and returns the config copy that points at it.
    static func samplesOutput() throws -> (root: URL, config: URL) {
        let root = try RepoPaths.temporaryDirectory("chorus-report-samples")
        let server = try LoopbackServer(
            executable: "/usr/bin/env",
            arguments: ["python3", "-u", RepoPaths.root.appendingPathComponent("scripts/lib/samples_server.py").path, RepoPaths.samples.path])
        defer { server.stop() }
        let config = root.appendingPathComponent("config/samples.yaml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RepoPaths.config.appendingPathComponent("samples.yaml"), to: config)
        let ingest = try CommandRun(RepoPaths.chorusBinary, ["ingest", "--config", config.path], environment: ["CHORUS_SAMPLES_URL": server.baseURL])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return (root, config)
    }

    /// Screenshots `page` and returns the PNG and the browser's stderr.
    static func screenshot(_ page: URL, name: String, width: Int, height: Int, dark: Bool = false) throws -> (png: URL, log: String) {
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let png = artifacts.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: png)
        let profile = try RepoPaths.temporaryDirectory("chorus-report-chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)", "--screenshot=\(png.path)",
            "--enable-logging=stderr", "--v=0",
        ]
        if dark { arguments.append("--force-dark-mode") }
        arguments.append(page.absoluteString)
        let run = try CommandRun(URL(fileURLWithPath: chromium), arguments, environment: ["HOME": profile.path])
        #expect(run.status == 0, "chromium: \(run.stderr)")
        return (png, run.stderr)
    }

    /// The browser's console messages (Chromium logs each as `INFO:CONSOLE`).
    static func consoleMessages(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
    }

    @Test func theSamplesReportTellsTheStoryAndRendersInChromium() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.chromium), "run scripts/setup test (installs chromium)")
        let (root, config) = try Self.samplesOutput()
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("report.html")
        // The config's output folder uses `layout: date`; the report finds the files below it,
        // and needs no CHORUS_SAMPLES_URL (the config names it, but a report never fetches).
        let report = try CommandRun(RepoPaths.chorusBinary, ["report", "--config", config.path, "-o", page.path], clearing: ["CHORUS_SAMPLES_URL"])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        // The seed story: the ban's negative wave, the turn after the post, the reactions with their rules.
        #expect(html.contains("U.S. bans American companies from selling to China’s ZTE"))
        #expect(html.contains("<time datetime=\"2018-05-13T19:00:00Z\">2018-05-13 19:00 UTC</time>: mean up"))
        #expect(html.contains("Wow! Breaking good news!"))
        #expect(html.contains("<code>breaking-good-news</code>"))
        #expect(html.contains("Almost there"))
        #expect(html.contains("<code>almost-there</code>"))
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        try Data(html.utf8).write(to: Self.artifacts.appendingPathComponent("samples-report.html"), options: .atomic)

        let light = try Self.screenshot(page, name: "samples-report-light-1200.png", width: 1200, height: 2400)
        #expect(Self.consoleMessages(light.log).isEmpty, "\(Self.consoleMessages(light.log))")
        let image = try PNGImage(contentsOf: light.png)
        #expect(image.width == 1200 && image.height == 2400)
        let colours = image.histogram()
        let background = colours[0xFFFFFF] ?? 0
        #expect(background < image.width * image.height * 95 / 100, "more than background: \(background) white pixels")
        #expect(colours.count > 50, "text and charts give many colours: \(colours.count)")
        #expect((colours[0x0072B2] ?? 0) > 200, "positive bars drawn")
        #expect((colours[0xD55E00] ?? 0) > 200, "negative bars drawn (the ban's wave)")

        let dark = try Self.screenshot(page, name: "samples-report-dark-360.png", width: 360, height: 2000, dark: true)
        #expect(Self.consoleMessages(dark.log).isEmpty, "\(Self.consoleMessages(dark.log))")
        let narrow = try PNGImage(contentsOf: dark.png)
        #expect(narrow.width == 360)
        #expect(narrow.rgb(2, narrow.height - 2) == 0x16181C, "the dark scheme's background")
        #expect((narrow.histogram()[0x56B4E9] ?? 0) > 20, "the dark scheme's positive colour")
    }

    @Test func theConsoleCheckSeesAPageThatLogs() throws {
        let root = try RepoPaths.temporaryDirectory("chorus-report-console")
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("bad.html")
        try Data("<html><body><p>x</p><script>console.error('report-test-marker'); missing();</script></body></html>".utf8).write(to: page)
        let shot = try Self.screenshot(page, name: "console-control.png", width: 200, height: 100)
        let messages = Self.consoleMessages(shot.log)
        #expect(messages.contains { $0.contains("report-test-marker") })
        #expect(messages.contains { $0.contains("missing is not defined") })
    }
}
