import Foundation
import Synchronization
@testable import ChorusRun

/// The PostgreSQL server of the tests: the throwaway cluster scripts/lib/postgres.sh starts,
/// named by CHORUS_TEST_PG_URL (and CHORUS_TEST_PG_PASSWORD). Each test gets a database of its
/// own. In CI (CI=true) a missing cluster is a failure, never a skip; run by hand without one,
/// the PostgreSQL cases are left out with a message on stderr.
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["CHORUS_TEST_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let password = environment["CHORUS_TEST_PG_PASSWORD"]
    static let inCI = environment["CI"] == "true"

    /// Whether the PostgreSQL tests run: a cluster is there, or CI requires one.
    static let runs: Bool = {
        if url == nil && !inCI {
            FileHandle.standardError.write(Data(
                "TestPostgres: CHORUS_TEST_PG_URL is not set: the PostgreSQL state tests are SKIPPED (./scripts/test runs them)\n".utf8))
        }
        return url != nil || inCI
    }()

    /// Why there is no server, for a test that needs one.
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "CHORUS_TEST_PG_URL is not set: the PostgreSQL tests must run in CI (scripts/test starts the cluster)"
        }
    }

    private static let created = Mutex<Set<String>>([])

    /// The URL of database `name` (letters, digits, underscores), created on first use.
    static func database(_ name: String) throws -> String {
        guard let url else { throw Missing() }
        let db = "t_" + String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(55))
        try created.withLock { names in
            guard !names.contains(db) else { return }
            let admin = try PostgresConnection(url: url, password: password)
            try admin.execute("CREATE DATABASE \(db)")
            names.insert(db)
        }
        guard let slash = url.range(of: "/", options: .backwards), url[..<slash.lowerBound].contains("@") else { return url }
        return url[..<slash.upperBound] + db
    }
}

/// The two state stores, for tests that must hold for both.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when ``TestPostgres/runs``.
    static let all: [StoreKind] = TestPostgres.runs ? [.sqlite, .postgres] : [.sqlite]

    var description: String { rawValue }
}
