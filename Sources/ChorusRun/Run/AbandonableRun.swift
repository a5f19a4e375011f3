import Foundation
import Synchronization

/// Runs a source's work so that a stop (SIGTERM, `max_duration`) can leave it behind: CPU-bound
/// work such as a parse never looks at cancellation, and a task group would wait for it. The
/// work runs in its own task; when the caller's task is cancelled, the work is cancelled too
/// (a fetch in flight ends at once) and, if it has not finished after `grace` seconds, the caller
/// gets nil and goes on. The abandoned work keeps its thread until the process exits after the
/// run's commit; its source stays in the breaker's in-flight log, so the hang counts as a strike.
enum AbandonableRun {
    static func run<T: Sendable>(grace: Double, _ work: @escaping @Sendable () async -> T) async -> T? {
        let slot = Slot<T>()
        let worker = Task { await work() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (cont: CheckedContinuation<T?, Never>) in
                slot.set(cont)
                Task { slot.finish(await worker.value) }
                if Task.isCancelled { slot.abandon(after: grace, worker) }
            }
        } onCancel: {
            slot.abandon(after: grace, worker)
        }
    }

    /// The caller's continuation, resumed once: by the work's result or by the abandonment,
    /// whichever comes first (one lock over the whole state, so no result can slip between).
    private final class Slot<T: Sendable>: Sendable {
        private enum State {
            case waiting
            case armed(CheckedContinuation<T?, Never>)
            case done(T?)
            case resumed
        }
        private let state = Mutex<State>(.waiting)

        func set(_ cont: CheckedContinuation<T?, Never>) {
            let ready: T?? = state.withLock { s in
                if case .done(let value) = s {
                    s = .resumed
                    return .some(value)
                }
                s = .armed(cont)
                return nil
            }
            if case .some(let value) = ready { cont.resume(returning: value) }
        }

        func finish(_ value: T?) {
            let cont: CheckedContinuation<T?, Never>? = state.withLock { s in
                switch s {
                case .armed(let c):
                    s = .resumed
                    return c
                case .waiting:
                    s = .done(value)
                    return nil
                case .done, .resumed:
                    return nil
                }
            }
            cont?.resume(returning: value)
        }

        func abandon(after grace: Double, _ worker: Task<T, Never>) {
            worker.cancel()
            Task {
                try? await Task.sleep(for: .seconds(grace))
                self.finish(nil)
            }
        }
    }
}
