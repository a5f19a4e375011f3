import ChorusFetch
import ChorusTestSupport
import Foundation
import Synchronization

/// Records the waits a ``CurlFetcher`` asks for between retries, without waiting.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Double]>([])

    /// The waits asked for so far, in order.
    var recorded: [Double] { delays.withLock { $0 } }

    @Sendable func sleep(_ seconds: Double) async throws {
        delays.withLock { $0.append(seconds) }
        try Task.checkCancellation()
    }
}

/// The Python fault server plus a fetcher whose retry waits are recorded, not slept.
struct FaultServerFixture {
    let server: LoopbackServer
    let sleeper = SleepRecorder()
    let fetcher: CurlFetcher

    /// A fixed instant the fixture's clock reads (2027-01-15T08:00:00Z).
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// `random` fixes the jitter (0 → the lower bound, half of the exponential delay); the
    /// clock is fixed at ``now`` unless `realClock` is set.
    init(random: Double = 0, realClock: Bool = false) throws {
        server = try LoopbackServer(pythonScript: "fault_server.py")
        let sleeper = self.sleeper
        let fixed = Self.now
        fetcher = CurlFetcher(now: { realClock ? Date() : fixed }, sleep: { try await sleeper.sleep($0) }, random: { random })
    }

    func url(_ path: String) -> String { "\(server.baseURL)/\(path)" }

    /// A request with short limits so failing cases end quickly.
    func request(_ path: String, retries: Int = 0, _ adjust: (inout FetchPolicy) -> Void = { _ in }) -> FetchRequest {
        var policy = FetchPolicy()
        policy.retries = retries
        policy.connectTimeout = 2
        policy.totalTimeout = 5
        adjust(&policy)
        return FetchRequest(url: url(path), policy: policy, label: "fault")
    }

    /// How many requests the server saw for `path` (without query).
    func hits(_ path: String) async throws -> Int {
        let response = try await fetcher.fetch(FetchRequest(url: url("hits/\(path)")))
        return Int(String(decoding: response.body, as: UTF8.self)) ?? -1
    }
}
