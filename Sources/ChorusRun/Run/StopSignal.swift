import Foundation
import Synchronization

/// A request to stop a run early: set by SIGTERM/SIGINT (via ``installHandlers()``) or by
/// tests. The run stops starting sources, drops those in flight, writes and commits what
/// finished. A second signal exits at once with 130 (nothing committed, no partial file).
public final class StopSignal: Sendable {
    private let reason = Mutex<String?>(nil)
    private let sources = Mutex<[any DispatchSourceSignal]>([])

    public init() {}

    /// Asks the run to stop; the first reason wins.
    public func request(_ why: String) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    /// Why a stop was requested, or nil.
    public var requested: String? { reason.withLock { $0 } }

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
