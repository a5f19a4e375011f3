import ChorusOutput
import ChorusTestSupport
import Foundation
@testable import ChorusRun

/// Several `chorus ingest` workers on one PostgreSQL state, for the scale-out tests: worker `n`
/// has its own config (`worker-n.yaml`) and output folder (`out-n`), all over the feeds of one
/// ``IngestHarness`` (loopback nginx).
struct WorkerCluster {
    let harness: IngestHarness
    /// The test's own database.
    let url: String
    /// YAML added to every worker's top level (`state` keys go in ``stateExtra``).
    var extra = "concurrency: 4"
    /// Keys added to the `state` mapping, such as `lease: 1s`.
    var stateExtra = ""
    /// Every source's `user_agent`, if set (it may name an environment variable, `${VAR}`).
    var userAgent: String?

    init(_ harness: IngestHarness, database: String) throws {
        self.harness = harness
        url = try TestPostgres.database(database + "_" + UUID().uuidString.prefix(8))
    }

    /// Writes worker `n`'s config over `sources` (feed names served by the harness).
    @discardableResult
    func writeConfig(worker n: Int, sources: [String]) throws -> URL {
        let state = "url: \"\(url)\", password: \"${CHORUS_TEST_PG_PASSWORD}\"" + (stateExtra.isEmpty ? "" : ", \(stateExtra)")
        var yaml = "output: { dir: out-\(n) }\nstate: { \(state) }\n\(extra)\nsources:\n"
        let agent = userAgent.map { ", user_agent: \"\($0)\"" } ?? ""
        for name in sources { yaml += "  - { name: \(name), type: feed, url: \"\(harness.url("\(name).rss"))\"\(agent) }\n" }
        let file = harness.root.appendingPathComponent("worker-\(n).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A started worker: its process and the file its stderr goes to.
    struct Worker {
        let process: Process
        let stderr: URL
        var said: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

        /// Waits for the end; the exit status.
        func wait() -> Int32 {
            IngestHarness.wait(process)
            return process.terminationStatus
        }
    }

    /// Starts `chorus ingest --ignore-schedule` for worker `n` (its config written before).
    func start(worker n: Int, environment: [String: String] = [:]) throws -> Worker {
        let (process, _, err) = try harness.start(["--ignore-schedule"], environment: environment,
                                                  config: harness.root.appendingPathComponent("worker-\(n).yaml"))
        return Worker(process: process, stderr: err)
    }

    /// The `field` (`id` unless given) of every line in the published files of the workers
    /// `workers`, with repetitions.
    func ids(workers: ClosedRange<Int>, field: String = "id") throws -> [String] {
        var out: [String] = []
        for n in workers { out += try ids(worker: n, field: field) }
        return out
    }

    /// The `field` (`id` unless given) of every line in worker `n`'s published files, with repetitions.
    func ids(worker n: Int, field: String = "id") throws -> [String] {
        let dir = harness.root.appendingPathComponent("out-\(n)")
        guard let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { return [] }
        var out: [String] = []
        for case let file as URL in walker where OutputPath.isPublished(file.lastPathComponent) {
            out += try harness.records(file).map { ($0?[field] as? String) ?? "unreadable line" }
        }
        return out
    }

    /// Runs `sql` on the test database (one value: the first column of the first row).
    func query(_ sql: String) throws -> String? {
        try PostgresConnection(url: url, password: TestPostgres.password).execute(sql).scalar
    }

    /// Polls `condition` every 20 ms for up to `limit` seconds; whether it became true.
    static func until(_ limit: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return false
    }
}
