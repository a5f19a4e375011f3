/// Collects UTF-8 text while collapsing every run of whitespace (ASCII blanks and U+00A0)
/// into one space and dropping leading and trailing blanks, so fields are built as a String
/// once, from bytes, with no intermediate Foundation strings.
struct TextAccumulator {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    /// True when a 0xC2 byte ended the last chunk (a split U+00A0 is then resolved on the next one).
    private var heldC2 = false

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty && !heldC2 }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
        heldC2 = false
    }

    /// Marks a word boundary (a block element, a `<br>`): a space if more text follows.
    @inline(__always) mutating func separate() {
        flushHeld()
        if !bytes.isEmpty { pendingSpace = true }
    }

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = chunk.count
        if heldC2, n > 0 {
            heldC2 = false
            if chunk[0] == 0xA0 { if !bytes.isEmpty { pendingSpace = true }; i = 1 } else { put(0xC2) }
        }
        while i < n {
            let c = chunk[i]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                if !bytes.isEmpty { pendingSpace = true }
                i += 1
                continue
            }
            if c == 0xC2 {
                if i + 1 == n { heldC2 = true; return }
                if chunk[i + 1] == 0xA0 {
                    if !bytes.isEmpty { pendingSpace = true }
                    i += 2
                    continue
                }
            }
            // Copy the run of non-blank bytes in one go.
            var j = i + 1
            while j < n {
                let d = chunk[j]
                if d == 0x20 || d == 0x0A || d == 0x09 || d == 0x0D || d == 0xC2 { break }
                j += 1
            }
            if pendingSpace { bytes.append(0x20); pendingSpace = false }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<j]))
            i = j
        }
    }

    mutating func append(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always) private mutating func put(_ c: UInt8) {
        if pendingSpace { bytes.append(0x20); pendingSpace = false }
        bytes.append(c)
    }

    private mutating func flushHeld() {
        if heldC2 { heldC2 = false; put(0xC2) }
    }

    /// Makes the collected bytes valid UTF-8 (see ``UTF8Repair``).
    mutating func repairEncoding() {
        flushHeld()
        UTF8Repair.repair(&bytes)
    }

    /// The collected text, or nil when it is empty.
    mutating func string() -> String? {
        flushHeld()
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
