import Foundation
import Testing
import ChorusTestSupport

/// Exit codes the README documents: a malformed lexicon or rule file is a configuration error
/// (78, nothing ran), found by `chorus check` as well as by `chorus ingest`; `chorus parse`
/// exits 74 (EX_IOERR) when stdout cannot be written.
@Suite("Exit codes for bad sentiment files and unwritable output")
struct ExitCodeTests {
    /// A rule file whose YAML is cut off mid-list.
    static let badRules = "lang: en\nrules:\n  - name: x\n    match: [a, b\n"

    func harness() throws -> IngestHarness {
        let h = try IngestHarness()
        try h.writeFeed("a", items: 0..<2)
        let rules = h.root.appendingPathComponent("bad-rules.yaml")
        try Self.badRules.write(to: rules, atomically: true, encoding: .utf8)
        try h.writeConfig(feeds: [("a", h.url("a.rss"))], extra: "sentiment: { rules: [bad-rules.yaml] }")
        return h
    }

    @Test func ingestWithAMalformedRuleFileExits78AndRunsNothing() throws {
        let h = try harness()
        let run = try h.run([])
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stderr.contains("config: \(h.configURL.path): sentiment: "), "\(run.stderr)")
        #expect(run.stderr.contains("bad-rules.yaml"))
        #expect(h.outputFiles().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: h.statePath.path))
    }

    @Test func checkReportsAMalformedRuleFileWithExit78() throws {
        let h = try harness()
        let run = try h.run([], command: "check")
        #expect(run.status == 78, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("bad-rules.yaml"), "\(run.stderr)")
    }

    @Test func checkAcceptsTheConfigOnceTheRuleFileIsFixed() throws {
        let h = try harness()
        try "lang: en\nrules: []\n".write(to: h.root.appendingPathComponent("bad-rules.yaml"), atomically: true, encoding: .utf8)
        let run = try h.run([], command: "check")
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func ingestWithoutALoadableLibcurlExits70AndTouchesNothing() throws {
        let h = try IngestHarness()
        try h.writeFeed("a", items: 0..<2)
        try h.writeConfig(feeds: [("a", h.url("a.rss"))])
        let (process, out, err) = try h.start([], environment: ["CHORUS_LIBCURL": "/nonexistent/libcurl.so.4"])
        IngestHarness.wait(process)
        #expect(process.terminationStatus == 70)
        #expect(try String(contentsOf: out, encoding: .utf8).isEmpty)
        #expect(try String(contentsOf: err, encoding: .utf8).hasPrefix("fetch: cannot load libcurl: /nonexistent/libcurl.so.4"))
        #expect(h.outputFiles().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: h.statePath.path))
    }

    @Test func parseExits74WhenStdoutCannotBeWritten() throws {
        let feed = RepoPaths.root.appendingPathComponent("Samples/reuters-zte.rss")
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = ["parse", feed.path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        process.standardError = FileHandle.nullDevice
        try process.run()
        IngestHarness.wait(process)
        #expect(process.terminationStatus == 74)
    }
}
