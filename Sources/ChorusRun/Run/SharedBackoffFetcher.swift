import ChorusFetch
import ChorusModel
import Foundation
import Synchronization

/// A fetcher that respects host back-offs shared through the state (``HostBackoffSharing``): a
/// request to a host that asked any machine to back off is not sent until the pause is over (the
/// source fails as rate limited, and the next run tries it again); a fetch that ends in HTTP 429
/// records its host's pause (the server's `Retry-After` or rate-limit reset, else a minute) for
/// every machine. The list is read at the first request and again every ``refresh`` seconds.
struct SharedBackoffFetcher: HTTPFetching {
    let base: any HTTPFetching
    let shared: any HostBackoffSharing
    private let known = Known()
    /// Seconds between reads of the shared list.
    static let refresh = 10.0
    /// The pause recorded for a 429 that named none.
    static let defaultPause = 60.0

    /// The pauses known, and when they were read.
    private final class Known: Sendable {
        let state = Mutex<(read: Date?, hosts: [String: (until: Date, reason: String)])>((nil, [:]))
    }

    /// `fetcher`, wrapped when `store` shares back-offs.
    static func wrap(_ fetcher: any HTTPFetching, store: any StateStore) -> any HTTPFetching {
        guard let shared = store as? any HostBackoffSharing else { return fetcher }
        return SharedBackoffFetcher(base: fetcher, shared: shared)
    }

    init(base: any HTTPFetching, shared: any HostBackoffSharing) {
        self.base = base
        self.shared = shared
    }

    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let host = Self.host(request.url)
        let now = Date()
        if let pause = pause(host, now: now) {
            throw FetchError(
                kind: .rateLimited,
                message: "fetch: \(host) asked for a pause until \(RFC3339.format(pause.until)) (\(pause.reason)); not requested before then",
                status: 429, retryAfter: pause.until.timeIntervalSince(now))
        }
        do {
            return try await base.fetch(request)
        } catch {
            if error.kind == .rateLimited || error.status == 429 {
                let until = Date().addingTimeInterval(max(error.retryAfter ?? Self.defaultPause, 1))
                let reason = "HTTP 429 at \(RFC3339.format(Date()))"
                known.state.withLock { $0.hosts[host] = (until, reason) }
                // Best effort: a failure to record is the commit's to report.
                try? shared.recordHostBackoff(host: host, until: until, reason: reason)
            }
            throw error
        }
    }

    /// The pause `host` is in at `now`, reading the shared list when it is older than ``refresh``.
    private func pause(_ host: String, now: Date) -> (until: Date, reason: String)? {
        let stale = known.state.withLock { $0.read.map { now.timeIntervalSince($0) >= Self.refresh } ?? true }
        if stale, let fresh = try? shared.hostBackoffs(now: now) {
            known.state.withLock { state in
                state.read = now
                for (h, p) in fresh where (state.hosts[h]?.until ?? .distantPast) < p.until { state.hosts[h] = p }
            }
        }
        return known.state.withLock { state in state.hosts[host].flatMap { $0.until > now ? $0 : nil } }
    }

    /// `scheme://host:port` of `url`, lowercased (the port only when the URL names one).
    static func host(_ url: String) -> String {
        guard let c = URLComponents(string: url), let scheme = c.scheme, let host = c.host else { return url.lowercased() }
        return "\(scheme)://\(host)\(c.port.map { ":\($0)" } ?? "")".lowercased()
    }
}
