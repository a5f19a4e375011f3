import CCurlShim
import Foundation
import Synchronization

/// The one libcurl multi handle of a ``CurlFetcher``, driven by `curl_multi_poll` on a thread
/// of its own. Callers hand in jobs and cancellations through `inbox`; the loop thread owns
/// every easy handle, caps the number of active transfers, and calls each job's completion
/// exactly once.
///
/// `@unchecked Sendable`: the mutable state shared with callers lives in `inbox` (a `Mutex`);
/// `multi` is used only by the loop thread, except `curl_multi_wakeup`, which libcurl
/// documents as callable from any thread.
final class CurlMulti: @unchecked Sendable {
    /// A fetch attempt waiting for the loop.
    struct Job: Sendable {
        var id: UInt64
        var request: FetchRequest
        var completion: @Sendable (TransferOutcome) -> Void
    }

    private struct Inbox {
        var jobs: [Job] = []
        var cancels: [UInt64] = []
        /// Cancellations that may have arrived before their job (removed when matched).
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 1
        var stopping = false
        var stopped = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let maxActive: Int
    private let exited = DispatchSemaphore(value: 0)

    /// Creates the multi handle with the connection limits and starts the loop thread.
    init(maxConcurrent: Int, maxPerHost: Int) {
        CurlGlobal.ensureInitialized()
        guard let multi = curl_multi_init() else { preconditionFailure("fetch: curl_multi_init failed (out of memory)") }
        self.multi = multi
        maxActive = max(1, maxConcurrent)
        _ = chorus_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, maxConcurrent))
        _ = chorus_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, maxPerHost))
        _ = chorus_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(4, maxConcurrent * 2))
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

    /// Queues a job; its completion runs on the loop thread (or here, if already cancelled or stopped).
    func submit(_ job: Job) {
        let refused: Bool = inbox.withLock { state in
            if state.stopping || state.cancelled.remove(job.id) != nil { return true }
            state.jobs.append(job)
            return false
        }
        if refused {
            job.completion(TransferOutcome(cancelled: true))
        } else {
            curl_multi_wakeup(multi)
        }
    }

    /// Cancels a job: it is removed from the multi handle and completes as cancelled.
    func cancel(_ id: UInt64) {
        let wake: Bool = inbox.withLock { state in
            guard !state.stopped else { return false }
            state.cancels.append(id)
            state.cancelled.insert(id)
            return true
        }
        if wake { curl_multi_wakeup(multi) }
    }

    /// Stops the loop: pending and active jobs complete as cancelled; waits for the thread to end.
    func shutdown() {
        let first: Bool = inbox.withLock { state in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard first else { return }
        curl_multi_wakeup(multi)
        exited.wait()
    }

    deinit {
        curl_multi_cleanup(multi)
    }

    // MARK: The loop (loop thread only)

    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        var waiting: [Job] = []
        var waitingHead = 0

        func start(_ job: Job) {
            do {
                let transfer = try CurlTransfer(id: job.id, request: job.request, completion: job.completion)
                let rc = curl_multi_add_handle(multi, transfer.easy)
                guard rc == CURLM_OK else {
                    job.completion(TransferOutcome(code: Int(CURLE_FAILED_INIT.rawValue), curlMessage: String(cString: curl_multi_strerror(rc))))
                    return
                }
                active[transfer.easy] = transfer
            } catch {
                let text = String(cString: curl_easy_strerror(CURLcode(error.code)))
                job.completion(TransferOutcome(code: Int(error.code), curlMessage: "libcurl refused option \(error.option): \(text)"))
            }
        }

        func complete(_ transfer: CurlTransfer, code: CURLcode?) {
            curl_multi_remove_handle(multi, transfer.easy)
            active[transfer.easy] = nil
            let outcome = code.map { transfer.finish(code: $0) } ?? TransferOutcome(cancelled: true)
            inbox.withLock { state in
                if !state.cancelled.isEmpty { state.cancelled.remove(transfer.id) }
            }
            transfer.completion(outcome)
        }

        while true {
            let (jobs, cancels, stopping) = inbox.withLock { state in
                defer {
                    state.jobs.removeAll(keepingCapacity: true)
                    state.cancels.removeAll(keepingCapacity: true)
                }
                return (state.jobs, state.cancels, state.stopping)
            }
            waiting.append(contentsOf: jobs)
            for id in cancels {
                if let transfer = active.values.first(where: { $0.id == id }) {
                    complete(transfer, code: nil)
                } else if let index = waiting[waitingHead...].firstIndex(where: { $0.id == id }) {
                    let job = waiting.remove(at: index)
                    inbox.withLock { _ = $0.cancelled.remove(id) }
                    job.completion(TransferOutcome(cancelled: true))
                }
            }
            if stopping { break }
            while active.count < maxActive && waitingHead < waiting.count {
                start(waiting[waitingHead])
                waitingHead += 1
            }
            if waitingHead > 256 && waitingHead * 2 > waiting.count {
                waiting.removeFirst(waitingHead)
                waitingHead = 0
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = active[easy] else { continue }
                complete(transfer, code: message.pointee.data.result)
            }
            if active.count < maxActive && waitingHead < waiting.count { continue }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }

        for transfer in Array(active.values) { complete(transfer, code: nil) }
        for job in waiting[waitingHead...] { job.completion(TransferOutcome(cancelled: true)) }
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
    private static let initialized: Bool = chorus_curl_global_init() == CURLE_OK

    static func ensureInitialized() {
        _ = initialized
    }
}
