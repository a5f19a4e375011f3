import Synchronization

/// Gathers the outcomes of a batch of transfers (stored from the curl thread in any order) and
/// resumes the waiting task once, when the last one arrives.
final class BatchCollector: Sendable {
    private struct State: Sendable {
        var outcomes: [TransferOutcome?]
        var remaining: Int
        var continuation: CheckedContinuation<[TransferOutcome], Never>?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(outcomes: Array(repeating: nil, count: count), remaining: count))
    }

    /// Sets the continuation to resume; called before any job is submitted.
    func start(_ continuation: CheckedContinuation<[TransferOutcome], Never>) {
        state.withLock { $0.continuation = continuation }
    }

    /// Records the outcome of job `index`; the last one resumes the waiting task.
    func store(_ index: Int, _ outcome: TransferOutcome) {
        let done: (CheckedContinuation<[TransferOutcome], Never>, [TransferOutcome])? = state.withLock { s in
            guard s.outcomes[index] == nil else { return nil }
            s.outcomes[index] = outcome
            s.remaining -= 1
            guard s.remaining == 0, let continuation = s.continuation else { return nil }
            s.continuation = nil
            let all = s.outcomes.map { $0 ?? TransferOutcome(cancelled: true) }
            return (continuation, all)
        }
        if let (continuation, all) = done { continuation.resume(returning: all) }
    }
}
