/// Keeps at most ``maxAttributes`` attributes on any one start tag before libxml2 reads it.
/// libxml2 2.9 compares each attribute of a start tag with every earlier one (its duplicate
/// check in `xmlParseStartTag2`, and the namespace stack for `xmlns:` ones), so one element with
/// 100,000 attributes cost time in the square of their number. Past the limit, the rest of
/// the tag up to its `/>` or `>` is dropped, so libxml2's work per tag is bounded and the
/// document's cost linear in its size.
///
/// Only tags long enough to hold more than the limit are looked at: a start tag with more
/// than ``maxAttributes`` attributes is at least ``window`` bytes long (each takes a blank, a
/// name, `=` and two quotes) and holds no `<`, so the scan jumps ``window`` bytes at a time to
/// the last `<` in each stretch (searched backwards eight bytes at a time) and reads a tag byte by byte only when the stretch
/// after its `<` is longer (a long tag, or a short tag followed by long text; either way it
/// stops at the tag's end). Any `<` counts, also one inside CDATA or a comment: an HTML tag
/// with more attributes than the limit inside CDATA is cut the same way. Works chunk by
/// chunk (a tag cut by a chunk boundary is continued in the next) and emits the kept byte
/// ranges without copying. For ASCII-compatible encodings only (not UTF-16 or UTF-32).
struct AttributeLimiter {
    /// The most attributes (namespace declarations included) one element keeps.
    static let maxAttributes = 256
    /// The shortest start tag that can hold more than ``maxAttributes`` attributes.
    static let window = 5 * maxAttributes

    private enum Phase { case outside, afterLT, inTag }
    private var phase = Phase.outside
    private var quote: UInt8 = 0
    private var equals = 0
    private var afterValue = false
    private var dropping = false
    /// Start tags cut so far.
    private(set) var cutTags = 0

    /// Passes `chunk` to `body` as one or more ranges, without the attributes past the limit.
    mutating func filter(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let n = chunk.count
        var keepFrom = 0
        func emit(_ from: Int, _ to: Int) {
            if to > from { body(UnsafeRawBufferPointer(start: base + from, count: to - from)) }
        }
        var i = phase == .outside ? 0 : scan(chunk, from: 0, keepFrom: &keepFrom, emit)
        // An unchecked `<` (the last one of the previous stretch), if any.
        var pending: Int?
        while i + Self.window < n {
            if let lt = Self.lastLT(base, from: i, to: i + Self.window) {
                pending = lt
                i = lt + 1
            } else if let start = pending {
                // The stretch after `start` is longer than a window: read its tag.
                pending = nil
                i = scan(chunk, from: start, keepFrom: &keepFrom, emit)
            } else {
                i += Self.window
            }
        }
        // The tail: its last `<` may open a tag that continues in the next chunk.
        if i < n, let lt = Self.lastLT(base, from: i, to: n) {
            _ = scan(chunk, from: lt, keepFrom: &keepFrom, emit)
        } else if let start = pending {
            _ = scan(chunk, from: start, keepFrom: &keepFrom, emit)
        }
        if !dropping { emit(keepFrom, n) }
    }

    /// The offset of the last `<` in `base[from..<to]`, or nil. Eight bytes at a time from the
    /// end, with an exact byte-equality mask (no false positives above a match).
    static func lastLT(_ base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        var end = to
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while end - from >= 8 {
            let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self)) ^ 0x3C3C_3C3C_3C3C_3C3C
            // High bit set exactly in the bytes of `x` that are zero (the bytes equal to `<`).
            let zero = ~(((x & low) &+ low) | x | low)
            if zero != 0 { return end - 8 + 7 - zero.leadingZeroBitCount >> 3 }
            end -= 8
        }
        while end > from {
            end -= 1
            if base.load(fromByteOffset: end, as: UInt8.self) == 0x3C { return end }
        }
        return nil
    }

    /// Reads from `start` (a `<`, or the continuation of a tag) to the end of that tag or of the
    /// chunk; returns where it stopped. Sets ``phase`` for the next chunk.
    private mutating func scan(_ b: UnsafeRawBufferPointer, from start: Int, keepFrom: inout Int,
                               _ emit: (Int, Int) -> Void) -> Int {
        var i = start
        if phase == .outside {
            phase = .afterLT
            quote = 0
            equals = 0
            afterValue = false
            i += 1
        }
        let n = b.count
        while i < n {
            let c = b[i]
            if phase == .afterLT {
                // A start tag's name begins with a letter, `_`, `:` or a non-ASCII byte.
                guard c >= 0x80 || c == 0x5F || c == 0x3A || (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A else {
                    phase = .outside
                    return i
                }
                phase = .inTag
                i += 1
                continue
            }
            if quote != 0 {
                if c == quote {
                    quote = 0
                    afterValue = true
                } else if c == 0x3C {
                    // libxml2 ends the attribute (and the tag) at a `<` in a value.
                    return endTag(at: i, keepFrom: &keepFrom)
                }
                i += 1
                continue
            }
            switch c {
            case 0x22, 0x27:
                quote = c
            case 0x3D:
                equals += 1
                afterValue = false
            case 0x3E, 0x3C:
                return endTag(at: i, keepFrom: &keepFrom)
            case 0x2F:
                // `/` belongs only before the closing `>`: kept.
                if dropping {
                    dropping = false
                    keepFrom = i
                }
                afterValue = false
            case 0x20, 0x09, 0x0A, 0x0D:
                if afterValue, !dropping, equals >= Self.maxAttributes {
                    emit(keepFrom, i)
                    dropping = true
                    cutTags += 1
                }
                afterValue = false
            default:
                afterValue = false
            }
            i += 1
        }
        return n
    }

    /// The tag ends at `i` (its `>`, or a `<` that libxml2 also stops at): kept from there.
    private mutating func endTag(at i: Int, keepFrom: inout Int) -> Int {
        if dropping {
            dropping = false
            keepFrom = i
        }
        phase = .outside
        return i
    }
}
