import ChorusTestSupport
import Foundation
@testable import ChorusRun

/// A PostgreSQL cluster of one test's own, for the tests that restart or stop the server: made
/// by scripts/lib/postgres.sh (`chorus_postgres_start`, on a free port, as the cluster's own
/// user) and driven by its `chorus_postgres_ctl`, so the shared cluster of the other tests is
/// never disturbed. Removed (stopped at once, its folder deleted) when the value goes.
final class PrivatePostgres {
    /// The cluster's `chorus` database.
    let url: String
    let password: String
    /// The folder holding the cluster (its data, socket and server log).
    let folder: String

    /// Why the cluster could not be made or driven: the script's output.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        let said = try Self.script("chorus_postgres_start && printf '%s\\n' \"$CHORUS_TEST_PG_URL\" \"$CHORUS_TEST_PG_PASSWORD\" \"$CHORUS_PG_DIR\"")
        let lines = said.split(separator: "\n").map(String.init)
        guard lines.count >= 3 else { throw Failure(description: "chorus_postgres_start: \(said)") }
        (url, password, folder) = (lines[lines.count - 3], lines[lines.count - 2], lines[lines.count - 1])
    }

    deinit { _ = try? Self.script("chorus_postgres_ctl \"$1\" remove", folder) }

    /// `pg_ctl restart -m fast`: every open session is cut; returns once the server is ready again.
    func restart() throws { _ = try Self.script("chorus_postgres_ctl \"$1\" restart", folder) }

    /// `pg_ctl stop -m fast`: every open session is cut and no new one is accepted until ``start()``.
    func stop() throws { _ = try Self.script("chorus_postgres_ctl \"$1\" stop", folder) }

    /// Starts the stopped server; returns once it is ready.
    func start() throws { _ = try Self.script("chorus_postgres_ctl \"$1\" start", folder) }

    /// A new connection to the `chorus` database.
    func connect() throws -> PostgresConnection { try PostgresConnection(url: url, password: password) }

    /// Runs `command` in bash after sourcing scripts/lib/postgres.sh, `arguments` as $1…; its
    /// output. The server it starts must hold nothing of ours: output goes to a file, and bash
    /// first closes every descriptor above 2 (Foundation tells a child's end by one it inherits,
    /// which the server would otherwise keep open, so the child would never seem to end).
    private static func script(_ command: String, _ arguments: String...) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-pgctl-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: out) }
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let closeInherited = "for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done"
        process.arguments = ["-c", "\(closeInherited); . scripts/lib/postgres.sh && \(command)", "bash"] + arguments
        process.currentDirectoryURL = RepoPaths.root
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        IngestHarness.wait(process, limit: 120)
        try? handle.close()
        let said = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else { throw Failure(description: "\(command): exit \(process.terminationStatus): \(said)") }
        return said
    }
}
