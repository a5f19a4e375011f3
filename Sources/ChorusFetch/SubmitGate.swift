import Synchronization
/// Orders a caller's hand-off to ``CurlMulti`` against its task's cancellation handler, so a
/// job is always submitted before any cancellation of it reaches the loop (or never submitted
/// at all). The loop can then drop a cancellation that finds no job: that job has completed.
/// Without this, a cancellation had to be remembered until its job turned up, and one that
/// arrived after its job completed was remembered forever.
final class SubmitGate: Sendable {
    private enum State { case idle, submitted, cancelled }
    private let state = Mutex(State.idle)

    /// Runs `submit` unless the task was cancelled first; returns whether it ran.
    func submit(_ submit: () -> Void) -> Bool {
        state.withLock { s in
            guard s == .idle else { return false }
            s = .submitted
            submit()
            return true
        }
    }

    /// Runs `cancel` once the job was submitted; before that, makes ``submit(_:)`` refuse.
    func cancel(_ cancel: () -> Void) {
        state.withLock { s in
            switch s {
            case .idle: s = .cancelled
            case .submitted: cancel()
            case .cancelled: break
            }
        }
    }
}
