import Foundation
import Synchronization

/// A request to stop a run early: set by SIGTERM/SIGINT (via ``installHandlers()``) or by
/// tests. The run stops starting sources, drops those in flight, writes and commits what
/// finished. A second signal exits at once with 130 (nothing committed, no partial file).
/// A run waits for it with ``wait()``: each waiter gets an `AsyncStream` that the first
/// request yields to, so nothing polls.
public final class StopSignal: Sendable {
    private struct State {
        var reason: String?
        /// The streams of the tasks waiting in ``wait()``.
        var waiters: [AsyncStream<String>.Continuation] = []
    }

    private let state = Mutex(State())
    private let sources = Mutex<[any DispatchSourceSignal]>([])

    public init() {}

    /// Asks the run to stop; the first reason wins.
    public func request(_ why: String) {
        let waiters = state.withLock { s -> [AsyncStream<String>.Continuation] in
            guard s.reason == nil else { return [] }
            s.reason = why
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters {
            waiter.yield(why)
            waiter.finish()
        }
    }

    /// Why a stop was requested, or nil.
    public var requested: String? { state.withLock { $0.reason } }

    /// Suspends until a stop is requested (returns at once when one already was) and returns
    /// its reason; nil when the waiting task is cancelled first.
    public func wait() async -> String? {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        let already = state.withLock { s -> String? in
            if s.reason == nil { s.waiters.append(continuation) }
            return s.reason
        }
        if let already { return already }
        for await why in stream { return why }
        return nil
    }

    /// Routes SIGTERM and SIGINT to this signal (the default handlers are ignored from now on).
    public func installHandlers() {
        // A parent may have started us with these signals blocked (the mask is inherited across
        // exec); a blocked signal would never reach the dispatch source.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTERM)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            sources.withLock { list in
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in
                    guard let self else { return }
                    if self.requested != nil {
                        // Second signal: leave now. Temporary files are removed by the next run.
                        _exit(130)
                    }
                    self.request(name)
                }
                source.resume()
                list.append(source)
            }
        }
    }
}
