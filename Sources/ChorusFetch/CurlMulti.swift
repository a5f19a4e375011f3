import CCurlShim
import Foundation
import Synchronization


/// The one libcurl multi handle of a ``CurlFetcher``, driven by `curl_multi_poll` on a thread
/// of its own. Callers hand in jobs and cancellations through `inbox`; the loop thread owns
/// every easy handle, caps the number of active transfers, and calls each job's completion
/// exactly once.
///
/// `@unchecked Sendable`: the mutable state shared with callers lives in `inbox` (a lock);
/// `multi` is used only by the loop thread, except `curl_multi_wakeup`, which libcurl
/// documents as callable from any thread.
final class CurlMulti: @unchecked Sendable {
    /// A fetch attempt waiting for the loop.
    struct Job: Sendable {
        var id: UInt64
        var request: FetchRequest
        var completion: @Sendable (TransferOutcome) -> Void
    }

    private struct Inbox: Sendable {
        var jobs: [Job] = []
        /// Cancellations for the loop. Callers submit a job before they can cancel it (see
        /// ``SubmitGate``), so one that matches no queued or running job is for a completed job
        /// and is dropped: nothing is remembered past the next loop iteration.
        var cancels: [UInt64] = []
        var nextID: UInt64 = 1
        var stopping = false
        var stopped = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let maxActive: Int
    private let perHost: Int
    private let exited = DispatchSemaphore(value: 0)

    /// Creates the multi handle with the connection limits and starts the loop thread.
    init(maxConcurrent: Int, maxPerHost: Int) {
        CurlGlobal.ensureInitialized()
        // curl_multi_init fails only when out of memory or when libcurl cannot be loaded (the
        // commands check ``CurlFetcher/libraryProblem`` first); there is nothing sensible to do then.
        guard let multi = chorus_curl_multi_init() else {
            preconditionFailure(CurlFetcher.libraryProblem ?? "fetch: curl_multi_init failed (out of memory)")
        }
        self.multi = multi
        maxActive = max(1, maxConcurrent)
        perHost = max(1, maxPerHost)
        _ = chorus_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxActive)
        _ = chorus_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
        _ = chorus_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(4, maxActive * 2))
        _ = chorus_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in
            run()
            exited.signal()
        }
        thread.name = "chorus.fetch.curl"
        thread.start()
    }

    /// A fresh job id (used to cancel).
    func makeID() -> UInt64 {
        inbox.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// `count` consecutive fresh job ids; returns the first.
    func makeIDs(_ count: Int) -> UInt64 {
        inbox.withLock { state in
            defer { state.nextID += UInt64(count) }
            return state.nextID
        }
    }

    /// Queues many jobs with one hand-off and at most one wake-up.
    func submit(_ batch: [Job]) {
        let (refused, wake): ([Job], Bool) = inbox.withLock { state in
            if state.stopping { return (batch, false) }
            let wasEmpty = state.jobs.isEmpty && state.cancels.isEmpty
            state.jobs.append(contentsOf: batch)
            return ([], wasEmpty)
        }
        for job in refused { job.completion(TransferOutcome(cancelled: true)) }
        if wake { chorus_curl_multi_wakeup(multi) }
    }

    /// Queues a job; its completion runs on the loop thread (or here, if already cancelled or stopped).
    func submit(_ job: Job) {
        // Only the first message after the loop drained the inbox needs to wake it.
        let (refused, wake): (Bool, Bool) = inbox.withLock { state in
            if state.stopping { return (true, false) }
            let wasEmpty = state.jobs.isEmpty && state.cancels.isEmpty
            state.jobs.append(job)
            return (false, wasEmpty)
        }
        if refused {
            job.completion(TransferOutcome(cancelled: true))
        } else if wake {
            chorus_curl_multi_wakeup(multi)
        }
    }

    /// Cancels a submitted job: it is removed from the multi handle and completes as cancelled.
    /// A job that already completed is left alone. Call only after the job was submitted.
    func cancel(_ id: UInt64) {
        cancel(id..<id + 1)
    }

    /// Cancels submitted jobs by id, with one hand-off.
    func cancel(_ ids: Range<UInt64>) {
        let wake: Bool = inbox.withLock { state in
            guard !state.stopped else { return false }
            let wasEmpty = state.jobs.isEmpty && state.cancels.isEmpty
            state.cancels.append(contentsOf: ids)
            return wasEmpty
        }
        if wake { chorus_curl_multi_wakeup(multi) }
    }

    /// Cancellations handed in and not yet taken by the loop (for tests).
    var queuedCancellations: Int { inbox.withLock { $0.cancels.count } }

    /// Stops the loop: pending and active jobs complete as cancelled; waits for the thread to end.
    func shutdown() {
        guard requestStop() else { return }
        exited.wait()
    }

    /// Asks the loop to stop without waiting for it (the thread keeps this object alive until
    /// it has cleaned up). Returns false when a stop was already requested.
    @discardableResult
    func requestStop() -> Bool {
        let first: Bool = inbox.withLock { state in
            defer { state.stopping = true }
            return !state.stopping
        }
        if first { chorus_curl_multi_wakeup(multi) }
        return first
    }

    deinit {
        chorus_curl_multi_cleanup(multi)
    }

    // MARK: The loop (loop thread only)

    /// A started transfer and the host it counts against.
    private struct Running {
        var transfer: CurlTransfer
        var host: String
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: Running] = [:]
        var scheduler = HostScheduler<Job>(perHost: perHost, maxActive: maxActive)
        let pool = CurlEasyPool(capacity: maxActive * 2)

        func start(_ job: Job, host: String) -> Bool {
            guard let easy = pool.take() else {
                job.completion(TransferOutcome(code: Int(CURLE_OUT_OF_MEMORY.rawValue), curlMessage: "out of memory"))
                return false
            }
            do {
                let transfer = try CurlTransfer(id: job.id, easy: easy, request: job.request, completion: job.completion)
                let rc = chorus_curl_multi_add_handle(multi, easy)
                guard rc == CURLM_OK else {
                    pool.give(easy)
                    job.completion(TransferOutcome(code: Int(CURLE_FAILED_INIT.rawValue), curlMessage: String(cString: chorus_curl_multi_strerror(rc))))
                    return false
                }
                active[easy] = Running(transfer: transfer, host: host)
                return true
            } catch {
                pool.give(easy)
                let text = String(cString: chorus_curl_easy_strerror(CURLcode(error.code)))
                job.completion(TransferOutcome(code: Int(error.code), curlMessage: "libcurl refused option \(error.option): \(text)"))
                return false
            }
        }

        func complete(_ running: Running, code: CURLcode?) {
            let transfer = running.transfer
            chorus_curl_multi_remove_handle(multi, transfer.easy)
            active[transfer.easy] = nil
            let outcome = code.map { transfer.finish(code: $0) } ?? TransferOutcome(cancelled: true)
            scheduler.finished(host: running.host, multiplexed: outcome.multiplexed)
            pool.give(transfer.easy)
            transfer.completion(outcome)
        }

        func startWaiting() {
            while active.count < maxActive, let (job, host) = scheduler.next() {
                if !start(job, host: host) { scheduler.finished(host: host, multiplexed: false) }
            }
        }

        while true {
            let (jobs, cancels, stopping) = inbox.withLock { state in
                defer {
                    state.jobs.removeAll(keepingCapacity: true)
                    state.cancels.removeAll(keepingCapacity: true)
                }
                return (state.jobs, state.cancels, state.stopping)
            }
            for job in jobs { scheduler.enqueue(job, host: HostScheduler<Job>.hostKey(job.request.url)) }
            for id in cancels {
                if let running = active.values.first(where: { $0.transfer.id == id }) {
                    complete(running, code: nil)
                } else if let job = scheduler.remove(where: { $0.id == id }) {
                    job.completion(TransferOutcome(cancelled: true))
                }
            }
            if stopping { break }
            startWaiting()

            var running: Int32 = 0
            chorus_curl_multi_perform(multi, &running)
            var left: Int32 = 0
            var finished = false
            while let message = chorus_curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let entry = active[easy] else { continue }
                complete(entry, code: message.pointee.data.result)
                finished = true
            }
            // Freed slots: start the next transfers before sleeping.
            if finished && scheduler.waitingCount > 0 { continue }
            // A bounded wait: libcurl wakes us for sockets and its timers; the bound is a guard.
            chorus_curl_multi_poll(multi, nil, 0, 200, nil)
        }

        for running in Array(active.values) { complete(running, code: nil) }
        for job in scheduler.drain() { job.completion(TransferOutcome(cancelled: true)) }
        let leftover = inbox.withLock { state in
            state.stopped = true
            defer { state.jobs.removeAll() }
            return state.jobs
        }
        for job in leftover { job.completion(TransferOutcome(cancelled: true)) }
    }
}

/// libcurl's process-wide initialisation, done once before the first handle.
enum CurlGlobal {
    private static let initialized: Bool = chorus_curl_global_init_all() == CURLE_OK

    static func ensureInitialized() {
        _ = initialized
    }
}
