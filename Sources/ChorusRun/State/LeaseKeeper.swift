import Foundation
import Synchronization

/// The leases one run holds on a shared store: which sources (its commit checks that they still
/// carry the run's fencing token) and the heartbeat that renews them while the run works. The
/// heartbeat is a thread of its own, not a task: a run whose cooperative threads are all busy
/// parsing must still renew in time. A run that is stopped (SIGSTOP, a frozen VM) renews
/// nothing, so its leases expire and another run may take its sources over; the fencing check
/// then refuses its commit.
final class LeaseKeeper: Sendable {
    /// The leased sources, and whether the heartbeat runs.
    private let state = Mutex<(names: [String], beating: Bool)>(([], false))
    /// Tells the heartbeat thread to end; shared with it, so the keeper can go first.
    private let stopped = Flag()

    /// A boolean shared between the keeper and its thread.
    private final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    /// The sources the run holds (empty before it leased and after its commit).
    var names: [String] { state.withLock { $0.names } }

    /// Adds `names` to the held sources and starts the heartbeat (once): `renew` every `interval` seconds.
    func hold(_ names: [String], every interval: Double, renew: @escaping @Sendable () -> Void) {
        let start = state.withLock { s -> Bool in
            s.names += names
            defer { s.beating = true }
            return !s.beating && !names.isEmpty
        }
        guard start else { return }
        let stopped = self.stopped
        let thread = Thread {
            var next = Date().addingTimeInterval(interval)
            while !stopped.isSet {
                if Date() >= next {
                    renew()
                    next = Date().addingTimeInterval(interval)
                }
                usleep(20_000)
            }
        }
        thread.name = "chorus.lease"
        thread.start()
    }

    /// The run committed (its leases are released): nothing is held any more, the heartbeat ends.
    func release() {
        state.withLock { $0.names = [] }
        stopped.set()
    }

    deinit { stopped.set() }
}
