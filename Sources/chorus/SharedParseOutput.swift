import ChorusModel
import Synchronization

/// `chorus parse`'s stdout, shared with the pipelined parser's worker thread, which delivers a
/// large file's items (`FeedStreamParser.pipelined`): one lock around the writer and
/// the count of items streamed (uncontended: one thread writes at a time).
final class SharedParseOutput: Sendable {
    private let state = Mutex((writer: ParseStdoutWriter(), streamed: 0))

    /// Encodes one streamed item.
    func write(_ item: Item) {
        state.withLock { s in
            s.writer.write(item)
            s.streamed += 1
        }
    }

    /// Appends NDJSON lines encoded elsewhere (a batch worker's buffer).
    func write(encoded lines: [UInt8]) {
        state.withLock { $0.writer.write(encoded: lines) }
    }

    /// Writes everything buffered.
    func flush() {
        state.withLock { $0.writer.flush() }
    }

    /// Items written through ``write(_:)`` so far.
    var streamed: Int { state.withLock { $0.streamed } }
}
