import ChorusConnectors
import ChorusTestSupport
import Foundation
import Testing
@testable import ChorusRun

/// Logins from the config to the connectors, and through a whole `chorus ingest` against the
/// loopback social server that enforces them: the session is kept in the state and reused,
/// and no password or token reaches stderr, the preview or `chorus status`.
@Suite("Platform logins from the config")
struct LoginConfigTests {
    static let yaml = """
        output: { dir: out }
        state: { path: state/chorus.sqlite }
        sources:
          - { name: r-app, type: reddit, subreddit: technology, client_id: cid, client_secret: "${SECRET}" }
          - { name: r-script, type: reddit, subreddit: technology, client_id: cid, client_secret: s, username: ana, password: pw,
              base_url: "http://127.0.0.1:9", oauth_url: "http://localhost:9" }
          - { name: b-login, type: bluesky, query: zte, handle: ana.example.net, app_password: "${BSKY_APP_PASSWORD:-unset}" }
          - { name: b-anon, type: bluesky, query: zte }
        """

    func source(_ name: String) throws -> SourceConfig {
        let config = try ConfigLoader.parse(Self.yaml, file: URL(fileURLWithPath: "/tmp/c.yaml"), environment: ["SECRET": "s3"])
        return try #require(config.source(named: name))
    }

    @Test func redditGrantsAndHostsAreMapped() throws {
        let app = try #require(try ConnectorFactory.make(source("r-app")).get() as? RedditConnector)
        #expect(app.options.login == .redditAppOnly(clientID: "cid", clientSecret: "s3"))
        #expect(app.apiBase(authorized: true) == "https://oauth.reddit.com")
        #expect(app.apiBase(authorized: false) == "https://www.reddit.com")
        let script = try #require(try ConnectorFactory.make(source("r-script")).get() as? RedditConnector)
        #expect(script.options.login == .redditPassword(clientID: "cid", clientSecret: "s", username: "ana", password: "pw"))
        #expect(script.apiBase(authorized: true) == "http://localhost:9")
    }

    @Test func aBlueskyLoginReadsThroughTheEntryway() throws {
        let login = try #require(try ConnectorFactory.make(source("b-login")).get() as? BlueskyConnector)
        #expect(login.options.login == .bluesky(identifier: "ana.example.net", appPassword: "unset"))
        #expect(login.options.baseURL == "https://bsky.social")
        let anonymous = try #require(try ConnectorFactory.make(source("b-anon")).get() as? BlueskyConnector)
        #expect(anonymous.options.login == nil)
        #expect(anonymous.options.baseURL == "https://public.api.bsky.app")
    }

    /// GETs a control URL of the social server with curl.
    func control(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sf", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aBlueskySessionIsKeptInTheStateAndNeverShown() throws {
        let server = try LoopbackServer(pythonScript: "social_server.py")
        defer { server.stop() }
        let base = "\(server.baseURL)/e2e"
        _ = try control("\(base)/_control?login=bluesky")
        let h = try IngestHarness()
        try """
            output: { dir: out }
            state: { path: state/chorus.sqlite }
            sources:
              - { name: zte-bsky, type: bluesky, query: zte, base_url: "\(base)", handle: ana.example.net, app_password: "${BSKY_PW}" }
            """.write(to: h.configURL, atomically: true, encoding: .utf8)
        let env = ["BSKY_PW": "app-pw"]
        let (first, firstOut, firstErr) = try h.start(["--verbose", "--log-level", "trace"], environment: env)
        IngestHarness.wait(first)
        let stderr = try String(contentsOf: firstErr, encoding: .utf8)
        #expect(first.terminationStatus == 0, "\(stderr)")
        #expect(try h.allRecords().count == 5)
        let auth = try JSONSerialization.jsonObject(with: Data(control("\(base)/_auth").utf8)) as? [String: Any]
        #expect(auth?["logins"] as? Int == 1)

        // The second run reuses the saved session: no second login.
        let (second, _, secondErr) = try h.start(["--ignore-schedule", "--dry-run"], environment: env)
        IngestHarness.wait(second)
        #expect(second.terminationStatus == 0, "\((try? String(contentsOf: secondErr, encoding: .utf8)) ?? "")")
        let again = try JSONSerialization.jsonObject(with: Data(control("\(base)/_auth").utf8)) as? [String: Any]
        #expect(again?["logins"] as? Int == 1)

        let (statusRun, statusOut, statusErr) = try h.start(["--format", "json"], command: "status", environment: env)
        IngestHarness.wait(statusRun)
        let status = (stdout: try String(contentsOf: statusOut, encoding: .utf8), stderr: try String(contentsOf: statusErr, encoding: .utf8))
        #expect(status.stdout.contains("\"session\":true"), "\(status)")
        // Nothing printed anywhere holds the password or a token the server issued.
        let shown = [stderr, try String(contentsOf: firstOut, encoding: .utf8), try String(contentsOf: secondErr, encoding: .utf8), status.stdout, status.stderr]
        for text in shown {
            #expect(!text.contains("app-pw"))
            #expect(!text.contains("refresh-"))
            #expect(!text.contains("eyJ"), "a JWT in: \(text)")
        }
    }
}
