import Foundation
import Synchronization

/// The leases one run holds on a shared store: which sources (its commit checks that they still
/// carry the run's fencing token), how many live item claims (``SeenClaiming``), and the heartbeat
/// that renews both while the run works. The
/// heartbeat is a thread of its own, not a task: a run whose cooperative threads are all busy
/// parsing must still renew in time. A run that is stopped (SIGSTOP, a frozen VM) renews
/// nothing, so its leases expire and another run may take its sources over; the fencing check
/// then refuses its commit.
final class LeaseKeeper: Sendable {
    /// What the run holds, and whether the heartbeat runs.
    private let state = Mutex(Held())
    /// The state behind ``state``'s lock.
    private struct Held {
        var names: [String] = []
        var claims = 0
        var beating = false
        /// Seconds a lease or claim lasts without renewal (known once the run leased).
        var length: Double = 120
    }
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
    /// Items the run claimed that are not permanent yet (0 after its note or commit).
    var claims: Int { state.withLock { $0.claims } }
    /// How long a lease or claim lasts without renewal.
    var length: Double { state.withLock { $0.length } }

    /// Counts `count` more claims of the run.
    func claimed(_ count: Int) { state.withLock { $0.claims += count } }

    /// `count` of the live claims were made permanent (a note committed): nothing renews or checks them again.
    func madePermanent(_ count: Int) { state.withLock { $0.claims -= count } }

    /// Adds `names` to the held sources, leased for `length` seconds, and starts the heartbeat
    /// (once): `renew` every third of `length`.
    func hold(_ names: [String], length: Double, renew: @escaping @Sendable () -> Void) {
        let interval = length / 3
        let start = state.withLock { s -> Bool in
            s.names += names
            s.length = length
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
        state.withLock {
            $0.names = []
            $0.claims = 0
        }
        stopped.set()
    }

    deinit { stopped.set() }
}
