public import Foundation
public import Logging
import CCurlShim

/// The libcurl-backed ``HTTPFetching``: every transfer of a process goes through one multi
/// handle on a thread of its own (connections reused, HTTP/2 multiplexed where offered, at
/// most `maxConcurrent` transfers at once and `maxPerHost` connections per host). Each
/// ``fetch(_:)`` suspends without blocking the cooperative pool, retries per ``RetryPolicy``
/// and its request's ``FetchPolicy``, and honours task cancellation.
public final class CurlFetcher: HTTPFetching {
    private let multi: CurlMulti
    private let logger: Logger
    private let retryPolicy: RetryPolicy
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) async throws -> Void
    private let random: @Sendable () -> Double

    /// Why libcurl cannot be used in this process ("fetch: cannot load libcurl: ..."), or nil when
    /// it is loaded. libcurl is opened on first use, not at start-up; commands that fetch ask this
    /// before creating a fetcher, to fail with one clear line.
    public static var libraryProblem: String? {
        chorus_curl_load_error().map { "fetch: " + String(cString: $0) }
    }

    /// - Parameters:
    ///   - logger: where retries and failures are logged (label `chorus.fetch` by convention).
    ///   - maxConcurrent: transfers in flight at once (and total connections).
    ///   - maxPerHost: connections per host.
    ///   - retryPolicy: the backoff shape.
    ///   - now: the clock, for HTTP-date `Retry-After` and rate-limit resets.
    ///   - sleep: waits the given seconds between retries (injected so tests need not wait).
    ///   - random: a value in [0, 1) for backoff jitter.
    public init(
        logger: Logger = Logger(label: "chorus.fetch"), maxConcurrent: Int = 16, maxPerHost: Int = 2,
        retryPolicy: RetryPolicy = RetryPolicy(),
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        multi = CurlMulti(maxConcurrent: maxConcurrent, maxPerHost: maxPerHost)
        self.logger = logger
        self.retryPolicy = retryPolicy
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// Lets the curl thread wind down on its own: a deinit must not block its caller.
    deinit { multi.requestStop() }

    /// Stops the curl thread; fetches still running fail as cancelled. Idempotent.
    public func shutdown() { multi.shutdown() }

    /// Performs `request` with its policy: conditional headers, redirects, caps, retries. A 304
    /// is a success; a cancelled task ends with a `FetchError` whose `cancelled` is true.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        try await perform(request, first: nil)
    }

    /// Fetches every request concurrently within the fetcher's limits and returns the results in
    /// the order of `requests`. The first attempts go to the curl thread as one batch (one
    /// hand-off, one wake-up), which is cheaper than as many ``fetch(_:)`` tasks; requests that
    /// need retries then continue on their own, each with its own policy.
    public func fetchAll(_ requests: [FetchRequest]) async -> [Result<FetchResponse, FetchError>] {
        let outcomes = await attemptAll(requests)
        var results: [Result<FetchResponse, FetchError>?] = Array(repeating: nil, count: requests.count)
        var later: [Int] = []
        for (index, outcome) in outcomes.enumerated() {
            let request = requests[index]
            if request.policy.retries > 0 && FailureDescriber.isRetryable(outcome) {
                later.append(index)
                continue
            }
            results[index] = await result(request, first: outcome)
        }
        if !later.isEmpty {
            await withTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
                for index in later {
                    group.addTask { (index, await self.result(requests[index], first: outcomes[index])) }
                }
                for await (index, result) in group { results[index] = result }
            }
        }
        return results.enumerated().map { index, result in
            result ?? .failure(FailureDescriber(request: requests[index]).cancelled(retries: 0))
        }
    }

    private func result(_ request: FetchRequest, first: TransferOutcome) async -> Result<FetchResponse, FetchError> {
        do throws(FetchError) {
            return .success(try await perform(request, first: first))
        } catch {
            return .failure(error)
        }
    }

    /// The retry loop; `first` is the outcome of an attempt already made (by ``fetchAll(_:)``).
    private func perform(_ request: FetchRequest, first: TransferOutcome?) async throws(FetchError) -> FetchResponse {
        let describer = FailureDescriber(request: request)
        var retries = 0
        var waited = 0.0
        var pending = first
        while true {
            var outcome: TransferOutcome
            if let made = pending {
                outcome = made
                pending = nil
            } else {
                outcome = await attempt(request)
            }
            outcome = await followAcrossOrigins(outcome, request)
            let verdict = describer.judge(outcome, retries: retries, now: now())
            switch verdict {
            case .success(var response):
                response.retries = retries
                logger.debug("fetched", metadata: [
                    "source": "\(request.label)", "url": "\(describer.safeURL)", "http.status": "\(response.status)",
                    "bytes": "\(response.body.count)", "retries": "\(retries)",
                ])
                return response
            case .failure(let error, let retryable, let serverDelay):
                guard retryable, retries < request.policy.retries else { throw describer.givingUp(error) }
                let delay = serverDelay ?? retryPolicy.backoff(retry: retries, random: random())
                let budget = request.policy.retryBudget - waited
                guard delay <= budget else {
                    throw describer.budgetExceeded(error, delay: delay, budget: request.policy.retryBudget)
                }
                // notice, not warning: a retry that then succeeds must not make cron mail stderr.
                logger.notice("\(describer.retryNotice(error, delay: delay, retry: retries + 1))", metadata: [
                    "source": "\(request.label)", "url": "\(describer.safeURL)",
                ])
                do {
                    try await sleep(delay)
                } catch {
                    throw describer.cancelled(retries: retries)
                }
                if Task.isCancelled { throw describer.cancelled(retries: retries) }
                waited += delay
                retries += 1
            }
        }
    }

    /// Continues a transfer stopped at a redirect to another origin (see
    /// ``TransferOutcome/crossOriginRedirect``) without the request's extra headers, within the
    /// redirects it has left; the hops of both legs are kept so permanent redirects still show.
    private func followAcrossOrigins(_ first: TransferOutcome, _ request: FetchRequest) async -> TransferOutcome {
        guard let target = first.crossOriginRedirect, !first.cancelled else { return first }
        var next = request
        next.url = target
        next.headers = [] // Authorization, API keys, cookies: meant for the first origin only
        next.policy.maxRedirects = max(0, request.policy.maxRedirects - first.hops.count)
        logger.debug("redirected to another origin: following without the source's headers", metadata: [
            "source": "\(request.label)", "url": "\(FailureDescriber(request: request).safeURL)",
        ])
        var outcome = await attempt(next)
        outcome.hops = first.hops + outcome.hops
        return outcome
    }

    /// One transfer on the multi thread; cancellation of the calling task removes it.
    private func attempt(_ request: FetchRequest) async -> TransferOutcome {
        let id = multi.makeID()
        let multi = self.multi
        let gate = SubmitGate()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<TransferOutcome, Never>) in
                let job = CurlMulti.Job(id: id, request: request) { continuation.resume(returning: $0) }
                if !gate.submit({ multi.submit(job) }) {
                    continuation.resume(returning: TransferOutcome(cancelled: true))
                }
            }
        } onCancel: {
            gate.cancel { multi.cancel(id) }
        }
    }

    /// First attempts of many requests, handed to the multi thread at once; outcomes in order.
    private func attemptAll(_ requests: [FetchRequest]) async -> [TransferOutcome] {
        guard !requests.isEmpty else { return [] }
        let firstID = multi.makeIDs(requests.count)
        let multi = self.multi
        let collector = BatchCollector(count: requests.count)
        let gate = SubmitGate()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[TransferOutcome], Never>) in
                collector.start(continuation)
                let jobs = requests.enumerated().map { index, request in
                    CurlMulti.Job(id: firstID + UInt64(index), request: request) { collector.store(index, $0) }
                }
                if !gate.submit({ multi.submit(jobs) }) {
                    for job in jobs { job.completion(TransferOutcome(cancelled: true)) }
                }
            }
        } onCancel: {
            gate.cancel { multi.cancel(firstID..<firstID + UInt64(requests.count)) }
        }
    }
}
