import ChorusModel
import ChorusOutput
import ChorusParse
import Foundation
import Logging

/// Parses the small files of one `chorus parse` run on two worker threads while the command
/// writes their NDJSON in argument order: each worker takes the next file, reads it with one
/// `read(2)` into a buffer it reuses, parses it and encodes its items into a per-file buffer.
/// Memory is bounded: workers run at most ``window`` files ahead of the writer, and files of
/// 1 MiB or more (and stdin) are left to the command, which streams them as before.
final class ParseCommandBatch: @unchecked Sendable {
    // @unchecked: `outcomes`, `next`, `consumed` and `stopped` are only touched with
    // `condition` locked; everything else is immutable after init.

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
    private var outcomes: [Outcome?]
    private var next = 0
    private var consumed = 0
    private var stopped = false

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
        while outcomes[index] == nil { condition.wait() }
        let found = outcomes[index] ?? .streamed
        outcomes[index] = nil
        consumed = index + 1
        condition.broadcast()
        return found
    }

    private func work() {
        let reader = ParseFileReader()
        while true {
            condition.lock()
            while !stopped && next < paths.count && next - consumed >= window { condition.wait() }
            if stopped || next >= paths.count {
                condition.unlock()
                return
            }
            let index = next
            next += 1
            condition.unlock()
            let outcome = parse(paths[index], reader: reader)
            condition.lock()
            outcomes[index] = outcome
            condition.broadcast()
            condition.unlock()
        }
    }

    private func parse(_ path: String, reader: ParseFileReader) -> Outcome {
        if path == "-" { return .streamed }
        let context = contexts(path)
        var json = JSONWriter(capacity: 0)
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
