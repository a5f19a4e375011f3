import ChorusTestSupport
import Foundation
import Testing

/// The offline default (Config/samples.yaml over the loopback samples server): every source
/// type goes through the connector factory, the real fetcher, parser and sentiment stage.
@Suite("chorus ingest over the bundled samples", .serialized)
struct SamplesIngestTests {
    @Test func everyConfiguredSourceTypeIngestsFromTheSamplesServer() throws {
        let h = try IngestHarness()
        let server = try LoopbackServer(
            executable: "/usr/bin/env",
            arguments: ["python3", "-u", RepoPaths.root.appendingPathComponent("scripts/lib/samples_server.py").path, RepoPaths.samples.path])
        defer { server.stop() }
        // A copy beside the harness: the config's relative output and state paths land there.
        let config = h.root.appendingPathComponent("config/samples.yaml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RepoPaths.config.appendingPathComponent("samples.yaml"), to: config)

        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = ["ingest", "--config", config.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["CHORUS_SAMPLES_URL": server.baseURL]) { $1 }
        let err = h.root.appendingPathComponent("samples.err")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        IngestHarness.wait(process)
        #expect(process.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")

        let log = h.root.appendingPathComponent("state/samples/runs.log")
        let line = try #require(try String(contentsOf: log, encoding: .utf8).split(separator: "\n").last)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let sources = try #require(summary["sources"] as? [[String: Any]])
        #expect(sources.count == 12)
        for s in sources {
            #expect(s["status"] as? String == "ok", "\(s)")
            #expect((s["new"] as? Int ?? 0) > 0, "\(s)")
        }
        let out = h.root.appendingPathComponent("out/samples")
        let files = (FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".ndjson") }
        #expect(files.count == 1)
        let records = try h.records(out.appendingPathComponent(try #require(files.first)))
        let platforms = Set(records.compactMap { $0?["platform"] as? String })
        #expect(platforms.isSuperset(of: ["rss", "atom", "rdf", "jsonfeed", "mastodon", "bluesky", "reddit", "hackernews", "json"]), "\(platforms)")
        let ids = records.compactMap { $0?["id"] as? String }
        #expect(ids.count == Set(ids).count)
        #expect(records.contains { ($0?["keywords"] as? [String])?.contains("中兴") == true })
    }
}
