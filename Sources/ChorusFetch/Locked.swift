import Foundation

/// A value guarded by a pthread mutex (`NSLock`). Used instead of `Synchronization.Mutex`,
/// whose futex-based Linux implementation ThreadSanitizer cannot see (it reports false races),
/// so the fetch stage can be checked with `--sanitize=thread`.
///
/// `@unchecked Sendable`: `value` is read and written only inside `lock`.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
