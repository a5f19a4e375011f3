import Foundation
import Logging

/// Step 2 of a run (``IngestRun``): polls the planned sources concurrently, each one a
/// ``SourceTask`` (fetch → parse → classify against the store → score → encode), at most
/// `concurrency` at once and a suspect of the breaker always alone, and hands every result to
/// the one ``RunCollector`` as it finishes. A stop (SIGTERM/SIGINT or the run's deadline) starts
/// nothing more and cancels what is in flight; a source still working ``stopGrace`` seconds
/// later is left behind. Writes no state: the commit step does, after this returns.
struct RunExecutor {
    var concurrency: Int
    /// When the run stops starting sources (`max_duration`), if it has a limit.
    var deadline: Date?
    var clock: @Sendable () -> Date
    var stop: StopSignal
    /// Where store calls (leases, claims) run, off the cooperative pool.
    var blocking: BlockingQueue
    /// Draw a progress bar on stderr.
    var progress: Bool
    var logger: Logger

    /// How long a stopped run waits for a source still working before leaving it behind.
    static let stopGrace = 2.0

    /// What the commit step needs to know of the execution.
    struct Execution {
        /// The plan's polls that finished, in plan order.
        var finished: [String]
        /// Why the run stopped early, if it did.
        var stoppedBy: String?
        /// The collector failed (the sink could not write): nothing may be committed.
        var failure: RunError?
    }

    private enum Event: Sendable {
        case source(Int, SourceTask.Result)
        /// Still working when the run stopped, after the grace: left behind, not committed.
        case abandoned(Int)
        case stop(String)
        case idle
        /// The collector's claim in flight returned (``RunCollector/nextClaim()``).
        case claimed(Result<Set<String>, StateError>)
    }

    /// Runs the plan's polls, feeding `collector`; sources never started are reported cancelled.
    /// On a shared store, `leasing` admits each poll before it starts (a source another run
    /// holds or polled meanwhile is reported not due), and the collector's claims go out as it
    /// asks. Every store call (lease, claim) runs on `blocking`, never on the cooperative pool.
    func execute(_ plan: RunPlan, into collector: RunCollector, leasing: LeaseFeeder? = nil) async -> Execution {
        let polls = plan.polls
        var bar = progress ? ProgressBar(total: polls.count) : nil
        var stoppedBy: String?
        var failure: RunError?
        var finished = Set<Int>()
        var unleased = Set<Int>()
        let inFlight = plan.inFlight
        let concurrency = self.concurrency, clock = self.clock, stop = self.stop, deadline = self.deadline, logger = self.logger
        let blocking = self.blocking
        await withTaskGroup(of: Event.self) { group in
            guard !polls.isEmpty else { return }
            var next = 0
            var running = 0
            var suspectsRunning = 0
            func launch() {
                let index = next
                let task = polls[index].task
                next += 1
                running += 1
                if polls[index].suspect { suspectsRunning += 1 }
                inFlight?.begin(polls[index].source.name)
                group.addTask {
                    // A stop leaves a source that does not finish within the grace behind (a slow parse).
                    guard let result = await AbandonableRun.run(grace: Self.stopGrace, { await task.run(clock: clock) }) else {
                        return .abandoned(index)
                    }
                    return .source(index, result)
                }
            }
            // The stop watcher: the first of a stop request and the deadline; cancelled with the group.
            group.addTask {
                if let why = await Self.firstStop(stop, deadline: deadline, clock: clock) { return .stop(why) }
                return .idle
            }
            func fail(_ error: RunError) {
                failure = error
                group.cancelAll()
            }
            /// Starts sources while there is room: a suspect only alone, others up to `concurrency`
            /// and never beside a suspect. Leases (on a shared store) the next chunk first, off the pool.
            func fill() async {
                while next < polls.count && stoppedBy == nil && failure == nil {
                    do throws(StateError) {
                        if let leasing, try await !leasing.admits(next) {
                            collector.skip(polls[next].source.name, status: .notDue)
                            unleased.insert(next)
                            next += 1
                            continue
                        }
                    } catch {
                        fail(RunError(error.message))
                        break
                    }
                    let blocked = polls[next].suspect ? running > 0 : running >= concurrency || suspectsRunning > 0
                    if blocked { break }
                    launch()
                }
            }
            /// Sends the collector's next claim, if it has one, to the blocking queue.
            func claim() {
                guard failure == nil, let job = collector.nextClaim() else { return }
                group.addTask {
                    do throws(StateError) { return .claimed(.success(try await blocking.run(job))) } catch { return .claimed(.failure(error)) }
                }
            }
            /// Nothing runs and nothing more will: the stop watcher may end too.
            func over() -> Bool {
                running == 0 && (failure != nil || collector.isSettled && (next >= polls.count || stoppedBy != nil))
            }
            await fill()
            // Nothing started (every source leased elsewhere): end the stop watcher too.
            if running == 0 { group.cancelAll() }
            for await event in group {
                switch event {
                case .source(let index, let result):
                    running -= 1
                    finished.insert(index)
                    let p = polls[index]
                    inFlight?.end(p.source.name)
                    if p.suspect { suspectsRunning -= 1 }
                    // Once the run failed, what is still in flight is not reported: the failure is the one line.
                    if failure == nil {
                        if result.stateFailure == nil { Self.logResult(result.report, of: p.source.name, logger) }
                        do throws(RunError) {
                            if try collector.accept(result, source: p.source, saved: p.saved) {
                                Self.logDone(p.source.name, collector.reports[p.source.name], logger)
                            }
                        } catch {
                            fail(error)
                        }
                    }
                    claim()
                    bar?.advance(items: collector.itemsWritten)
                    await fill()
                    if over() { group.cancelAll() }
                case .claimed(let answer):
                    guard failure == nil else { break }
                    do throws(RunError) {
                        switch answer {
                        case .success(let got):
                            for name in try collector.claimed(got) { Self.logDone(name, collector.reports[name], logger) }
                        case .failure(let error):
                            throw RunError(error.message)
                        }
                    } catch {
                        fail(error)
                    }
                    claim()
                    if over() { group.cancelAll() }
                case .abandoned(let index):
                    running -= 1
                    let name = polls[index].source.name
                    if polls[index].suspect { suspectsRunning -= 1 }
                    // It stays in the in-flight log: the next run counts the hang as a strike.
                    logger.warning("run: \(name): still working \(Self.stopGrace) s after the run was stopped (\(stoppedBy ?? "stop")); left behind, nothing of it is written", metadata: ["source": "\(name)"])
                    if running == 0 { group.cancelAll() }
                case .stop(let why):
                    stoppedBy = why
                    logger.notice("stopping early (\(why)): no new sources are started, unfinished ones are dropped")
                    group.cancelAll()
                case .idle:
                    break
                }
            }
        }
        bar?.finish()
        for (i, p) in polls.enumerated() where !finished.contains(i) && !unleased.contains(i) { collector.skip(p.source.name, status: .cancelled) }
        let done = polls.indices.filter { finished.contains($0) }.map { polls[$0].source.name }
        return Execution(finished: done, stoppedBy: stoppedBy, failure: failure)
    }

    /// Waits for `stop` or, when there is one, the `deadline`; returns why the run must stop,
    /// or nil when the waiting task is cancelled first (the run ended on its own).
    private static func firstStop(_ stop: StopSignal, deadline: Date?, clock: @escaping @Sendable () -> Date) async -> String? {
        guard let deadline else { return await stop.wait() }
        return await withTaskGroup(of: String?.self) { race in
            race.addTask { await stop.wait() }
            race.addTask {
                let left = deadline.timeIntervalSince(clock())
                if left > 0 { try? await Task.sleep(for: .seconds(left)) }
                return Task.isCancelled ? nil : "max-duration"
            }
            let first = await race.next() ?? nil
            race.cancelAll()
            return first
        }
    }

    /// A failed or cut source in the log, as a warning, when its poll ends.
    private static func logResult(_ r: SourceReport, of name: String, _ logger: Logger) {
        if r.status == .error {
            logger.warning("\(r.error ?? "failed")", metadata: ["source": "\(name)"])
        } else if r.truncated > 0 {
            // A document cut short is never silent: what was kept may be incomplete.
            logger.warning("parse: \(name): the document was cut short; kept \(r.fetched) items (\(r.damaged) damaged)",
                           metadata: ["source": "\(name)"])
        }
    }

    /// A source the collector is done with, as an info line (failures were logged as warnings).
    private static func logDone(_ name: String, _ done: SourceReport?, _ logger: Logger) {
        guard let done, done.status != .error else { return }
        logger.info("source done", metadata: [
            "source": "\(name)", "status": "\(done.status.rawValue)", "new": "\(done.new + done.revisions)",
            "duplicate": "\(done.duplicate)", "http.status": "\(done.httpStatus.map(String.init) ?? "-")",
        ])
    }
}
