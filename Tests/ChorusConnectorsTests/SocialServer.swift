import Foundation
import ChorusConnectors
import ChorusFetch
import ChorusModel
import ChorusTestSupport

/// Records the waits the fetcher asks for, so retry tests never sleep.
actor DelayRecorder {
    private(set) var delays: [Double] = []
    func add(_ delay: Double) { delays.append(delay) }
}

/// Starts Tests/Servers/social_server.py once for the whole test process.
actor SharedSocialServer {
    static let shared = SharedSocialServer()
    private var server: LoopbackServer?

    func get() throws -> LoopbackServer {
        if let server { return server }
        let started = try LoopbackServer(pythonScript: "social_server.py")
        server = started
        return started
    }
}

/// A test's view of the shared social server: its own path prefix (so its state and log are
/// its own) and its own real CurlFetcher, whose retry waits are recorded instead of slept.
final class SocialServer: Sendable {
    let server: LoopbackServer
    let fetcher: CurlFetcher
    let recorder = DelayRecorder()
    let testID: String

    static func make() async throws -> SocialServer {
        SocialServer(server: try await SharedSocialServer.shared.get())
    }

    private init(server: LoopbackServer) {
        self.server = server
        let recorder = self.recorder
        fetcher = CurlFetcher(sleep: { await recorder.add($0) }, random: { 0.5 })
        testID = "t" + UUID().uuidString.prefix(8).lowercased()
    }

    /// `http://127.0.0.1:<port>/<test id>`: the base URL a connector is given.
    var base: String { "\(server.baseURL)/\(testID)" }

    /// Sets this test's scenario (see the server's docstring) and resets its log and counter.
    func scenario(_ query: String = "") async throws {
        let response = try await fetcher.fetch(FetchRequest(url: "\(base)/_control?\(query)"))
        guard response.status == 200 else { throw ConnectorError("test server control failed: HTTP \(response.status)") }
    }

    /// The requests the server received since the last scenario.
    func requests() async throws -> [LoggedRequest] {
        let response = try await fetcher.fetch(FetchRequest(url: "\(base)/_log"))
        let list = try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
        return list.map {
            LoggedRequest(
                path: $0["path"] as? String ?? "", query: $0["query"] as? [String: String] ?? [:],
                headers: $0["headers"] as? [String: String] ?? [:])
        }
    }

    deinit {
        fetcher.shutdown()
    }
}

/// A request as the server saw it.
struct LoggedRequest {
    var path: String
    var query: [String: String]
    var headers: [String: String]
}

/// Test policy: no retries unless asked, short timeouts.
func testPolicy(retries: Int = 0) -> FetchPolicy {
    var policy = FetchPolicy()
    policy.retries = retries
    policy.totalTimeout = 20
    return policy
}

/// A fixed clock in May 2018, after every fixture.
let fixtureNow = Date(timeIntervalSince1970: 1_526_385_600)  // 2018-05-15T12:00:00Z
