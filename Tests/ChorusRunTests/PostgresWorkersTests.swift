import ChorusOutput
import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Two `chorus ingest` processes at once against one PostgreSQL state, each with its own output
/// folder, over the same loopback feeds: leases keep them from polling one source together, the
/// shared seen ids from writing one item twice. Round after round, every item is in exactly one
/// output file.
@Suite("Two workers on one PostgreSQL state", .enabled(if: TestPostgres.runs, "CHORUS_TEST_PG_URL is not set (scripts/test starts a cluster)"))
struct PostgresWorkersTests {
    static let feeds = (0..<24).map { "f\($0)" }

    /// Worker `n`'s config (`worker-n.yaml`, output in `out-n`), all sources on `h`'s nginx.
    private func config(_ h: IngestHarness, worker n: Int, url: String) throws -> URL {
        var yaml = "output: { dir: out-\(n) }\nstate: { url: \"\(url)\", password: \"${CHORUS_TEST_PG_PASSWORD}\" }\nconcurrency: 4\nsources:\n"
        for name in Self.feeds { yaml += "  - { name: \(name), type: feed, url: \"\(h.url("\(name).rss"))\" }\n" }
        let file = h.root.appendingPathComponent("worker-\(n).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    private func start(_ config: URL, in root: URL) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = RepoPaths.chorusBinary
        process.arguments = ["ingest", "--config", config.path, "--ignore-schedule"]
        process.currentDirectoryURL = root
        let err = root.appendingPathComponent("\(config.lastPathComponent)-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, err)
    }

    /// The ids in every published file under `out-1` and `out-2`, with repetitions.
    private func ids(_ h: IngestHarness) throws -> [String] {
        var out: [String] = []
        for n in 1...2 {
            let dir = h.root.appendingPathComponent("out-\(n)")
            guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in walker where OutputPath.isPublished(file.lastPathComponent) {
                out += try h.records(file).map { ($0?["id"] as? String) ?? "unreadable line" }
            }
        }
        return out
    }

    @Test func everyItemIsWrittenExactlyOnceAcrossBothWorkersRoundAfterRound() throws {
        let h = try IngestHarness()
        let url = try TestPostgres.database("workers_" + UUID().uuidString.prefix(8))
        let configs = [try config(h, worker: 1, url: url), try config(h, worker: 2, url: url)]
        for (round, count) in [4, 7, 11].enumerated() {
            for name in Self.feeds { try h.writeFeed(name, items: 0..<count) }
            let runs = try configs.map { try start($0, in: h.root) }
            for (process, err) in runs {
                IngestHarness.wait(process)
                let said = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
                #expect(process.terminationStatus == 0, "round \(round): \(said)")
            }
            let written = try ids(h)
            #expect(written.count == Self.feeds.count * count, "round \(round): every item once, none twice")
            #expect(Set(written).count == written.count, "round \(round): no id in two files")
        }
    }
}
