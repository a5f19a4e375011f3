import ChorusFetch
import ChorusTestSupport
import ChorusOutput
import Foundation
import Testing
@testable import ChorusRun

/// A run that dies after publishing its file and before committing its state, then a rerun of
/// the real binary, when a downstream job moved or damaged the published file in between.
@Suite("chorus ingest after a crash between publishing and committing", .serialized)
struct IngestRecoveryTests {
    /// The real store, except that the commit fails: the run stops exactly where a crash
    /// between publication and commit would leave it.
    struct StoreDyingAtCommit: StateStore {
        let store: SQLiteStateStore
        func sourceRecords() throws(StateError) -> [String: SourceRecord] { try store.sourceRecords() }
        func seenRecords(_ ids: [String]) throws(StateError) -> [String: SeenRecord] { try store.seenRecords(ids) }
        func beginOutput(_ output: PendingOutput) throws(StateError) { try store.beginOutput(output) }
        func pendingOutputs() throws(StateError) -> [PendingOutput] { try store.pendingOutputs() }
        func commit(_ change: StateCommit) throws(StateError) { throw StateError("state: died before the commit") }
    }

    /// Runs one ingest in process that publishes its file and dies before the commit; returns the file.
    private func crashAfterPublishing(_ h: IngestHarness, gzip: Bool = false) async throws -> URL {
        try h.writeFeed("news", items: 0..<5)
        try """
            output: { dir: out, gzip: \(gzip) }
            state: { path: state/chorus.sqlite }
            sources:
              - { name: news, type: feed, url: "\(h.url("news.rss"))" }
            """.write(to: h.configURL, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: h.configURL.path, environment: [:])
        let store = StoreDyingAtCommit(store: try SQLiteStateStore(path: config.state.path))
        await #expect(throws: RunError.self) {
            _ = try await IngestRun(config: config, options: RunOptions(), fetcher: CurlFetcher(), store: store, analyzer: nil).run()
        }
        let files = h.outputFiles()
        #expect(files.count == 1)
        #expect(try store.pendingOutputs().map(\.path) == files.map(\.path))
        return try #require(files.first)
    }

    @Test func aPublishedFileConsumedBeforeTheRerunIsNotWrittenAgain() async throws {
        let h = try IngestHarness()
        let file = try await crashAfterPublishing(h)
        #expect(try h.records(file).count == 5)
        try FileManager.default.moveItem(at: file, to: h.root.appendingPathComponent("consumed.ndjson"))
        let rerun = try h.run([])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(h.outputFiles().isEmpty, "no item is emitted again")
        let summary = try #require(try h.summaries().last)
        #expect(summary["recovered"] as? [String] == [file.path])
        #expect((summary["totals"] as? [String: Any])?["duplicate"] as? Int == 5)
    }

    @Test(arguments: [false, true])
    func aCorruptPublishedFileDoesNotStopLaterRuns(_ gzip: Bool) async throws {
        let h = try IngestHarness()
        let file = try await crashAfterPublishing(h, gzip: gzip)
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)
        try h.writeFeed("news", items: 0..<7)
        let rerun = try h.run([])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let fresh = h.outputFiles().filter { $0 != file }
        #expect(try fresh.flatMap(h.records).compactMap { $0?["id"] as? String }.count == 2, "only the two new items")
        let again = try h.run(["--ignore-schedule"])
        #expect(again.status == 0, "\(again.stderr)")
    }
}
