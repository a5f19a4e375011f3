import Foundation
import Testing
@testable import ChorusRun

/// `state: { url, password }` names a PostgreSQL state; `state.path` keeps meaning SQLite.
@Suite("Config: a PostgreSQL state")
struct PostgresStateConfigTests {
    let file = URL(fileURLWithPath: "/srv/chorus/chorus.yaml")

    private func config(_ state: String, env: [String: String] = [:]) throws(ConfigError) -> ChorusConfig {
        let yaml = """
            output: { dir: out }
            state: \(state)
            sources:
              - { name: news, type: feed, url: "https://example.com/feed.xml" }
            """
        return try ConfigLoader.parse(yaml, file: file, environment: env)
    }

    private func messages(_ state: String, env: [String: String] = [:]) -> [String] {
        do {
            _ = try config(state, env: env)
            Issue.record("accepted: \(state)")
            return []
        } catch {
            return error.problems.map(\.message)
        }
    }

    @Test func aURLWithAPasswordFromTheEnvironmentKeepsTheLocalFilesInTheOutputFolder() throws {
        let c = try config(#"{ url: "postgres://chorus@db.internal/chorus?sslmode=require", password: "${PG_PW}", retention: 7d }"#, env: ["PG_PW": "s3cret"])
        #expect(c.state.url == "postgres://chorus@db.internal/chorus?sslmode=require")
        #expect(c.state.password == "s3cret")
        #expect(c.state.retention == 7 * 86_400)
        #expect(c.state.lockPath.path == "/srv/chorus/out/.chorus/run.lock")
        #expect(c.summaryLog.path == "/srv/chorus/out/.chorus/runs.log")
        #expect(c.state.lease == 120, "two minutes unless state.lease says otherwise")
        #expect(try config(#"{ url: "postgres://chorus@db/chorus", lease: 45s }"#).state.lease == 45)
    }

    @Test func withoutAPasswordLibpqFindsItAndAPathStaysSQLite() throws {
        #expect(try config(#"{ url: "postgresql://chorus@db/chorus" }"#).state.password == nil)
        let sqlite = try config("{ path: state/chorus.sqlite }")
        #expect(sqlite.state.url == nil)
        #expect(sqlite.state.path.path == "/srv/chorus/state/chorus.sqlite")
    }

    @Test(arguments: [
        (#"{ url: "postgres://chorus@db/chorus", path: state/chorus.sqlite }"#, "not both"),
        (#"{ path: state/chorus.sqlite, password: x }"#, "state.password: only with state.url"),
        (#"{ url: "postgres://chorus:s3cret@db/chorus" }"#, "state.url: holds a password"),
        (#"{ url: "mysql://chorus@db/chorus" }"#, "state.url: must start with postgres://"),
        (#"{ retention: 7d }"#, "missing required key 'path' (or 'url' for PostgreSQL)"),
        (#"{ path: state/chorus.sqlite, lease: 1m }"#, "state.lease: only with state.url"),
        (#"{ url: "postgres://chorus@db/chorus", lease: 0s }"#, "state.lease: must be at least 1s"),
    ])
    func aWrongStateIsAProblemNamingTheKey(state: String, expected: String) {
        let found = messages(state)
        #expect(found.contains { $0.contains(expected) }, "\(found)")
        #expect(!found.contains { $0.contains("s3cret") })
    }
}
