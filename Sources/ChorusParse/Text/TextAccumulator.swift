/// Collects UTF-8 text while collapsing every run of whitespace (bytes up to 0x20 and U+00A0)
/// into one space and dropping leading and trailing blanks; a block boundary (``breakLine()``)
/// is one line feed, which absorbs the spaces around it. So fields are built as a String
/// once, from bytes, with no intermediate Foundation strings. Hot path of the parse stage:
/// it writes through a raw buffer it owns (freed in deinit), one pass per chunk.
final class TextAccumulator {
    // @exclusivity(unchecked): an accumulator belongs to one thread and its methods never call
    // out, so the runtime's dynamic exclusivity checks on these (per chunk of text) prove nothing.
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// Bytes written; the last one may be a single trailing space or line feed, which readers never see.
    @exclusivity(unchecked) private var count = 0
    /// True when a 0xC2 byte ended the last chunk (a split U+00A0 is then resolved on the next one).
    @exclusivity(unchecked) private var heldC2 = false

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    var isEmpty: Bool { length == 0 && !heldC2 }

    /// Length without the trailing space or line feed.
    private var length: Int { count > 0 && (storage[count - 1] == 0x20 || storage[count - 1] == 0x0A) ? count - 1 : count }

    /// The collected bytes (valid until the next mutation).
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: length) }

    var bytes: [UInt8] { copyBytes() }

    /// The collected bytes as a new array (one memcpy). `Array(_:)` of a buffer, not
    /// `init(unsafeUninitializedCapacity:)`: that one reached the unspecialized generic
    /// allocation (`getContiguousArrayStorageType`, ~680 instructions an array, callgrind).
    func copyBytes() -> [UInt8] {
        Array(buffer)
    }

    func reset() {
        count = 0
        heldC2 = false
    }

    /// Marks a word boundary (a table cell, an image): a space if more text follows.
    @inline(__always) func separate() {
        flushHeld()
        reserve(1)
        putSpace(&count)
    }

    /// Marks a line boundary (a paragraph, a list item, a `<br>`): one line feed if more text
    /// follows, however many boundaries and blanks meet there.
    @inline(__always) func breakLine() {
        flushHeld()
        guard count > 0 else { return }
        switch storage[count - 1] {
        case 0x0A: return
        case 0x20: storage[count - 1] = 0x0A
        default:
            reserve(1)
            storage[count] = 0x0A
            count += 1
        }
    }

    /// The boundary an element of `kind` makes in text: a line feed for blocks, a space for
    /// spaced and hidden elements, nothing for inline ones.
    @inline(__always) func boundary(_ kind: HTMLElementKind) {
        switch kind {
        case .inline: break
        case .block: breakLine()
        case .spaced, .hidden: separate()
        }
    }

    /// Collapses bytes collected with ``appendRaw(_:)`` as ``append(_:)`` would have (a
    /// trailing blank stays a word boundary).
    func fold() {
        flushHeld()
        let raw = Array(UnsafeBufferPointer(start: storage, count: count))
        reset()
        append(raw)
    }

    private func reserve(_ extra: Int) {
        let needed = count + extra
        guard needed > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        fresh.update(from: storage, count: count)
        storage.deallocate()
        storage = fresh
        capacity = newCapacity
    }

    func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        let n = chunk.count
        guard n > 0, let src = chunk.baseAddress else { return }
        // Eight bytes past the end: the word stores below may write up to seven beyond the text.
        reserve(n + 8)
        let dst = storage
        var out = count
        var i = 0
        if heldC2 {
            heldC2 = false
            if src[0] == 0xA0 { i = 1; putSpace(&out) } else { dst[out] = 0xC2; out += 1 }
        }
        // The output never starts with a space, and holds at most one space between words:
        // `prev` is 1 when the last byte written is a space or a line feed (or nothing is written yet).
        var prev: Int = out == 0 || dst[out - 1] == 0x20 || dst[out - 1] == 0x0A ? 1 : 0
        while i < n {
            // Eight bytes at a time: prose whole, else up to the next blank or 0xC2 (a word
            // copied with one store; the bytes stored past the run are overwritten next, and
            // reserve covers them). Whole words went from ~9 to ~3 instructions a byte (callgrind,
            // first 8 MB of the benchmark feed).
            if i + 8 <= n {
                let word = UInt64(littleEndian: UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self))
                let spaces = TextAccumulator.bytes(word, equalTo: 0x20)
                // Prose: no control byte or 0xC2 (``anyControlOrC2(_:)``, cheaper than the
                // exact per-byte masks below) and every space single (none right after a kept
                // blank): all eight bytes are kept as they are, with one store.
                if !TextAccumulator.anyControlOrC2(word) && spaces & (spaces << 8 | UInt64(prev) << 7) == 0 {
                    UnsafeMutableRawPointer(dst + out).storeBytes(of: word.littleEndian, as: UInt64.self)
                    out &+= 8
                    i &+= 8
                    prev = Int(truncatingIfNeeded: spaces >> 63)
                    continue
                }
                let others = TextAccumulator.bytes(word & 0xE0E0_E0E0_E0E0_E0E0, equalTo: 0) | TextAccumulator.bytes(word, equalTo: 0xC2)
                let special = spaces | others
                let run = special.trailingZeroBitCount >> 3
                // A single space after a word is the separator itself: kept in the same store.
                let space = run < 8 && UInt8(truncatingIfNeeded: word >> UInt64(run * 8)) == 0x20 && (run > 0 || prev == 0)
                if run > 0 || space {
                    UnsafeMutableRawPointer(dst + out).storeBytes(of: word.littleEndian, as: UInt64.self)
                    let taken = space ? run + 1 : run
                    out &+= taken
                    i &+= taken
                    prev = space ? 1 : 0
                    continue
                }
            }
            // The last one to seven bytes of a chunk of eight or more: the chunk's last eight
            // bytes, shifted so that the ones not yet read come first, copied whole if prose.
            if i + 8 > n, n >= 8 {
                let left = n &- i
                let word = UInt64(littleEndian: UnsafeRawPointer(src + n - 8).loadUnaligned(as: UInt64.self)) >> UInt64((8 &- left) &* 8)
                let valid: UInt64 = (1 << UInt64(left &* 8)) &- 1
                let spaces = TextAccumulator.bytes(word, equalTo: 0x20) & valid
                let others = (TextAccumulator.bytes(word & 0xE0E0_E0E0_E0E0_E0E0, equalTo: 0) | TextAccumulator.bytes(word, equalTo: 0xC2)) & valid
                if others == 0 && spaces & (spaces << 8 | UInt64(prev) << 7) == 0 {
                    UnsafeMutableRawPointer(dst + out).storeBytes(of: word.littleEndian, as: UInt64.self)
                    out &+= left
                    break
                }
            }
            let c = src[i]
            if c == 0xC2 {
                if i + 1 == n { heldC2 = true; break }
                if src[i + 1] == 0xA0 {
                    i += 2
                    if prev == 0 { dst[out] = 0x20; out += 1; prev = 1 }
                    continue
                }
            }
            // Branch-free: every byte <= 0x20 is a blank; a blank after a blank is not kept.
            let blank = c <= 0x20 ? 1 : 0
            dst[out] = blank == 1 ? 0x20 : c
            out &+= 1 &- (blank & prev)
            prev = blank
            i += 1
        }
        count = out
    }

    /// Appends one character given as a scalar value (a decoded reference), as ``append(_:)``
    /// would its UTF-8: written straight in, with no buffer per character; blanks (which
    /// collapse) take the general path.
    func append(scalar v: UInt32) {
        guard v > 0x20, v != 0xA0 else {
            var bytes: (UInt8, UInt8) = v == 0xA0 ? (0xC2, 0xA0) : (UInt8(truncatingIfNeeded: v), 0)
            withUnsafeBytes(of: &bytes) { append(UnsafeBufferPointer(start: $0.bindMemory(to: UInt8.self).baseAddress, count: v == 0xA0 ? 2 : 1)) }
            return
        }
        // A held 0xC2 is not the start of a no-break space here (no UTF-8 lead byte is 0xA0).
        flushHeld()
        reserve(4)
        let p = storage + count
        if v < 0x80 {
            p[0] = UInt8(v); count += 1
        } else if v < 0x800 {
            p[0] = UInt8(0xC0 | v >> 6); p[1] = UInt8(0x80 | v & 0x3F); count += 2
        } else if v < 0x10000 {
            p[0] = UInt8(0xE0 | v >> 12); p[1] = UInt8(0x80 | v >> 6 & 0x3F); p[2] = UInt8(0x80 | v & 0x3F); count += 3
        } else {
            p[0] = UInt8(0xF0 | v >> 18); p[1] = UInt8(0x80 | v >> 12 & 0x3F); p[2] = UInt8(0x80 | v >> 6 & 0x3F)
            p[3] = UInt8(0x80 | v & 0x3F); count += 4
        }
    }

    /// A mask with the high bit set in exactly the bytes of `word` equal to `value` (no
    /// carries between bytes, so every flag is exact, not only the first).
    @inline(__always) static func bytes(_ word: UInt64, equalTo value: UInt8) -> UInt64 {
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(value))
        return ~(((x & lows) &+ lows) | x) & ~lows
    }

    /// Whether any byte of `word` is below 0x20 or is 0xC2: a borrow-based test, exact for the
    /// word as a whole (not per byte), in seven operations where the two exact masks take twelve.
    @inline(__always) static func anyControlOrC2(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let c2 = word ^ (ones &* 0xC2)
        return ((word &- ones &* 0x20) & ~word | (c2 &- ones) & ~c2) & (ones &* 0x80) != 0
    }

    @inline(__always) private func putSpace(_ out: inout Int) {
        if out > 0, storage[out - 1] != 0x20, storage[out - 1] != 0x0A { storage[out] = 0x20; out += 1 }
    }

    /// Appends bytes as they are (no whitespace folding), for text a converter folds later.
    func appendRaw(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let src = chunk.baseAddress, chunk.count > 0 else { return }
        flushHeld()
        reserve(chunk.count)
        (storage + count).update(from: src, count: chunk.count)
        count += chunk.count
    }

    func appendRaw(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { appendRaw($0) }
    }

    func append(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { append($0) }
    }

    private func flushHeld() {
        guard heldC2 else { return }
        heldC2 = false
        reserve(2)
        storage[count] = 0xC2
        count += 1
    }

    /// Makes the collected bytes valid UTF-8 (see ``UTF8Repair``).
    func repairEncoding() {
        flushHeld()
        var copy = bytes
        guard UTF8Repair.repair(&copy) else { return }
        count = 0
        reserve(copy.count)
        copy.withUnsafeBufferPointer { storage.update(from: $0.baseAddress!, count: $0.count) }
        count = copy.count
    }

    /// The collected text, or nil when it is empty.
    func string() -> String? {
        flushHeld()
        return length == 0 ? nil : UTF8StringDecoder.string(buffer)
    }
}
