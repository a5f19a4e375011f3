import Dispatch
import Foundation

/// Runs a run's blocking calls (SQLite and libpq round trips, fsync) on a serial dispatch queue
/// of their own, off Swift's cooperative thread pool, and resumes the caller through a
/// continuation. The pool has one thread per core (two on a small machine): a seen-id lookup or
/// an fsync waiting on the disk there would stall every source's parsing and scoring meanwhile.
/// Serial, because each store is one connection that serialises its calls anyway.
final class BlockingQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String = "chorus.run.blocking") {
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` on the queue and returns its result (or throws its error) to the caller.
    /// `body` is `sending`: the caller gives up what it captures (a run's sink, say), so no
    /// other thread touches it while the queue runs it.
    func run<T: Sendable, E: Error>(_ body: sending @escaping () throws(E) -> T) async throws(E) -> T {
        let work = Transfer(body)
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.async {
                Self.marked { continuation.resume(returning: Result { () throws(E) -> T in try work.value() }) }
            }
        }
        return try result.get()
    }

    /// Runs `body` on the queue after what is queued before it; the caller does not wait.
    func submit(_ body: @escaping @Sendable () -> Void) {
        queue.async { Self.marked(body) }
    }

    /// Runs `body` with ``isCurrent`` true on this thread.
    private static func marked(_ body: () -> Void) {
        running.value = true
        defer { running.value = false }
        body()
    }

    /// True on a thread while it runs a body of a `BlockingQueue` (tests check where a store call ran).
    static var isCurrent: Bool { running.value }

    /// A per-thread flag (`pthread_getspecific` through Foundation's thread-local storage).
    private static let running = ThreadFlag()

    /// A value handed from one thread to another and used only there.
    /// `@unchecked Sendable`: the closure was passed as `sending`, so the sender keeps no access to it.
    private struct Transfer<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}

/// A boolean of the current thread.
private final class ThreadFlag: Sendable {
    private let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    var value: Bool {
        get { pthread_getspecific(key) != nil }
        set { pthread_setspecific(key, newValue ? UnsafeRawPointer(bitPattern: 1) : nil) }
    }
}
