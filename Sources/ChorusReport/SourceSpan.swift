/// The first and last item of one source. Following a source costs a copy of a few hundred
/// raw (still JSON-escaped) bytes of the text into reused storage per line, never a decode: in
/// time-ordered input every line is its source's new last item, and decoding each one was
/// 70% of a report's time (perf, scripts/bench.d/report). The excerpt is decoded once, at the
/// end. A later revision of the same item replaces its text; an item that a later revision
/// moved in time is not taken back.
struct SourceSpan {
    /// One end of the span.
    struct Moment {
        var time: Int64
        var key: ItemKey
        var raw: [UInt8]
        var escaped: Bool

        /// The excerpt of the stored text.
        func excerpt() -> String {
            raw.withUnsafeBufferPointer { bytes in
                ReportItem.collapse(JSONStringRange(start: 0, end: bytes.count, escaped: escaped).decode(in: bytes), limit: 80)
            }
        }
    }

    var first: Moment?
    var last: Moment?

    /// Raw bytes of the text kept per end (80 characters shown, four bytes each at most).
    static let rawBytes = 400

    /// Moves either end to this item when it is earlier (later), or is the same item again.
    mutating func note(time: Int64, key: ItemKey, text: JSONStringRange?, line: UnsafeBufferPointer<UInt8>) {
        if first.map({ time < $0.time || key == $0.key }) ?? true { Self.set(&first, time, key, text, line) }
        if last.map({ time > $0.time || key == $0.key }) ?? true { Self.set(&last, time, key, text, line) }
    }

    private static func set(_ slot: inout Moment?, _ time: Int64, _ key: ItemKey, _ text: JSONStringRange?, _ line: UnsafeBufferPointer<UInt8>) {
        // Taken out of the optional while it changes, so its array is mutated in place.
        var moment = slot ?? Moment(time: time, key: key, raw: [], escaped: false)
        slot = nil
        moment.time = time
        moment.key = key
        moment.raw.removeAll(keepingCapacity: true)
        if let cut = text?.prefix(rawBytes, in: line) {
            moment.raw.append(contentsOf: UnsafeBufferPointer(rebasing: line[cut.start..<cut.end]))
            moment.escaped = cut.escaped
        }
        slot = moment
    }
}
