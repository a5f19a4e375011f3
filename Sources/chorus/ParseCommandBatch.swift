import ChorusModel
import ChorusOutput
import ChorusParse
import Foundation
import Logging

/// Parses the small files of one `chorus parse` run on worker threads and on the command's
/// own thread, which writes their NDJSON in argument order: whoever is free takes the next
/// file (the command's thread whenever the file it must write next is not ready yet), reads
/// it with one `read(2)` into a buffer it reuses, parses it and encodes its items into a
/// per-file buffer.
/// Memory is bounded: workers run at most ``window`` files ahead of the writer, and files of
/// 1 MiB or more (and stdin) are left to the command, which streams them as before.
final class ParseCommandBatch: @unchecked Sendable {
    // @unchecked: `outcomes`, `next`, `consumed`, `stopped`, `awaited`, `idleWorkers` and
    // `spare` are only touched with `condition` locked; `callerReader` only by the thread that
    // calls ``outcome(_:)``; everything else is immutable after init.

    /// What became of one file.
    enum Outcome: Sendable {
        /// Parsed: its NDJSON lines and what the parser had to say.
        case parsed(ndjson: [UInt8], result: ParseResult)
        /// Could not be used: the error, reported by the writer in order, after any lines
        /// encoded before it (as the streaming path would have printed them).
        case failed(any Error, ndjson: [UInt8])
        /// Too large (or not a regular file) to hold in memory: the command streams it itself.
        case streamed
    }

    /// Files of this size or more are streamed by the command, never buffered by a worker.
    static let streamThreshold = 1 << 20
    private let paths: [String]
    private let contexts: @Sendable (String) -> ParseContext
    private let logger: Logger
    private let window: Int
    private let condition = NSCondition()
    private let callerReader = ParseFileReader()
    private var outcomes: [Outcome?]
    private var next = 0
    private var consumed = 0
    private var stopped = false
    /// The file the writer is waiting for, or -1; workers wake it only for that one.
    private var awaited = -1
    /// Workers waiting for the writer to catch up; the writer wakes them only when there are some.
    private var idleWorkers = 0
    /// NDJSON buffers the writer is done with, reused by workers (no fresh pages per file).
    private var spare: [[UInt8]] = []

    /// Starts `workers` threads over `paths`; `contexts` gives each file's ParseContext.
    init(paths: [String], workers: Int, window: Int = 8, logger: Logger, contexts: @escaping @Sendable (String) -> ParseContext) {
        self.paths = paths
        self.contexts = contexts
        self.logger = logger
        self.window = max(window, workers)
        outcomes = Array(repeating: nil, count: paths.count)
        for n in 0..<workers {
            let thread = Thread { [self] in self.work() }
            thread.name = "chorus.parse.file.\(n)"
            thread.start()
        }
    }

    /// Stops the workers after the files they are on (they hold no reference cycle, so a batch
    /// abandoned early still ends once its threads return).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome of file `index`, waiting for it; call with 0, 1, 2... in order.
    func outcome(_ index: Int) -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        while outcomes[index] == nil {
            // Rather than sleep, the caller parses the next unclaimed file itself.
            if !stopped, next < paths.count, next - consumed < window {
                let claimed = next
                next += 1
                let buffer = spare.popLast() ?? []
                condition.unlock()
                let parsed = parse(paths[claimed], reader: callerReader, into: consume buffer)
                condition.lock()
                outcomes[claimed] = parsed
                continue
            }
            awaited = index
            condition.wait()
        }
        awaited = -1
        let found = outcomes[index] ?? .streamed
        outcomes[index] = nil
        consumed = index + 1
        if idleWorkers > 0 { condition.broadcast() }
        return found
    }

    /// Gives a written file's NDJSON buffer back for reuse.
    func recycle(_ buffer: consuming [UInt8]) {
        // Only ordinary sizes are kept: an odd huge file should not pin its memory for the run.
        guard buffer.capacity > 0, buffer.capacity <= Self.streamThreshold * 2 else { return }
        condition.lock()
        if spare.count < window { spare.append(buffer) }
        condition.unlock()
    }

    private func work() {
        let reader = ParseFileReader()
        while true {
            condition.lock()
            while !stopped && next < paths.count && next - consumed >= window {
                idleWorkers += 1
                condition.wait()
                idleWorkers -= 1
            }
            if stopped || next >= paths.count {
                condition.unlock()
                return
            }
            let index = next
            next += 1
            let buffer = spare.popLast() ?? []
            condition.unlock()
            let outcome = parse(paths[index], reader: reader, into: consume buffer)
            condition.lock()
            outcomes[index] = outcome
            if awaited == index { condition.broadcast() }
            condition.unlock()
        }
    }

    /// Parses one file, encoding into `buffer` (emptied first, its capacity kept).
    private func parse(_ path: String, reader: ParseFileReader, into buffer: consuming [UInt8]) -> Outcome {
        if path == "-" { return .streamed }
        let context = contexts(path)
        var json = JSONWriter(capacity: 0)
        json.bytes = consume buffer
        json.bytes.removeAll(keepingCapacity: true)
        do {
            guard let bytes = try reader.read(path, limit: Self.streamThreshold, context: context) else { return .streamed }
            json.bytes.reserveCapacity(bytes.count + bytes.count / 2 + 1024)
            let parser = FeedStreamParser(context: context, logger: logger) { ItemEncoder.append($0, to: &json) }
            parser.feed(bytes)
            let result = try parser.finish()
            return .parsed(ndjson: json.bytes, result: result)
        } catch {
            return .failed(error, ndjson: json.bytes)
        }
    }
}
