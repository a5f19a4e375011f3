import ChorusModel
import Foundation

/// Hands finished entries from the XML thread to one worker thread that builds the Items
/// (dates, ids, and the HTML-to-text of the entries the producer left) with an adapter of its
/// own and calls the consumer (NDJSON encoding in `chorus parse`), so a large feed uses two
/// cores. The consumer runs on the worker thread, so it is `@Sendable`.
/// Order is kept (one FIFO, one worker); memory is bounded: the producer waits when
/// `maxBatches` batches are queued, and spent batches wait at most until its next flush.
final class EntryPipeline: @unchecked Sendable {
    // @unchecked: `queue`, `spent`, `closed`, `done` and `unparsedDates` are only touched with
    // `condition` locked; `batch` and `consumerBehind` only by the producer thread.
    struct Pending: Sendable {
        var draft: EntryDraft
        var channel: ChannelInfo
        var platform: Platform
        /// Title and body when the producer thread already converted them (while the worker
        /// is behind, see ``consumerBehind``), else nil.
        var texts: EntryTexts?

        /// The entry's Item, its draft lent in place and its channel read in place (a method of
        /// the entry, so both are reached through one access to it, without copies).
        mutating func item(using adapter: FeedEntryAdapter) -> Item {
            adapter.item(from: &draft, channel: channel, platform: platform, texts: texts)
        }
    }

    private let condition = NSCondition()
    private var queue: [[Pending]] = []
    /// Batches the worker is done with, handed back so that the producer thread frees them:
    /// their memory came from the producer's malloc arena, and freeing it on the worker made
    /// the two threads contend for that arena's lock thousands of times per large feed.
    private var spent: [[Pending]] = []
    private var closed = false
    private var done = false
    private var batch: [Pending] = []
    private let batchSize = 256
    private let maxBatches = 6
    private let context: ParseContext
    private let onItem: @Sendable (consuming Item) -> Void
    /// Dates the worker's adapter could not read, set when the worker ends.
    private var unparsedDates = 0
    /// True when, at the last hand-over, the queue was full (the next hand-over would wait):
    /// the producer should then take on HTML-to-text itself; false when the worker keeps up
    /// (the XML thread is the bottleneck and should only parse). Read by the producer only.
    private(set) var consumerBehind = false

    /// Starts the worker; it builds each entry's Item for `context` and calls `onItem` with it,
    /// in submission order.
    init(context: ParseContext, onItem: @escaping @Sendable (consuming Item) -> Void) {
        self.context = context
        self.onItem = onItem
        batch.reserveCapacity(batchSize)
        let thread = Thread { [self] in self.work() }
        thread.name = "chorus.parse.pipeline"
        thread.start()
    }

    /// Queues one entry (producer thread only).
    func submit(_ entry: consuming Pending) {
        batch.append(consume entry)
        if batch.count >= batchSize { flush() }
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        // Hand the batch over without keeping a reference; the worker hands it back through
        // `spent` when done, and this thread frees it at a later flush.
        var full: [Pending] = []
        full.reserveCapacity(batchSize)
        swap(&full, &batch)
        condition.lock()
        while queue.count >= maxBatches { condition.wait() }
        queue.append(consume full)
        consumerBehind = queue.count >= maxBatches
        var freed: [[Pending]] = []
        swap(&freed, &spent)
        condition.broadcast()
        condition.unlock()
        _ = consume freed  // released here, on the producer thread
    }

    /// Queues what is left and waits until the worker has processed everything; returns the
    /// number of dates the worker could not read.
    @discardableResult
    func finish() -> Int {
        flush()
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        var freed: [[Pending]] = []
        swap(&freed, &spent)
        let unparsed = unparsedDates
        condition.unlock()
        _ = consume freed
        return unparsed
    }

    private func work() {
        // The worker's own adapter: nothing of it is shared with the producer thread.
        let adapter = FeedEntryAdapter(context: context)
        var finished: [Pending]?
        while true {
            condition.lock()
            if let batch = finished.take() { spent.append(batch) }
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                unparsedDates = adapter.unparsedDates
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var next = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            // Each draft lent in place (`inout`, the batch is this thread's alone until handed
            // back): `for entry in next` copied every entry out of the batch (a retain of each
            // String and array in it) and destroyed the copy (~1,500 instructions an entry,
            // callgrind); the batch itself is still freed on the producer thread.
            for i in next.indices {
                onItem(next[i].item(using: adapter))
            }
            finished = next
        }
    }
}
