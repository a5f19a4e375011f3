/// Makes the bytes of a document read as UTF-8 valid before libxml2 sees them: a byte that
/// is not part of a valid sequence is read as Windows-1252 (see ``UTF8Repair``). libxml2's push
/// parser halts on such a byte inside CDATA, and every entry after it was lost; repaired here,
/// the rest of the document parses. Works chunk by chunk: a sequence cut by a chunk boundary
/// is held back (at most 3 bytes) until the next chunk. Valid input is passed on without a
/// copy; checking it costs one pass that skips ASCII 32 bytes at a time.
struct UTF8InputFilter {
    /// Up to three bytes of a sequence the last chunk ended inside.
    private var held: [UInt8] = []
    /// Bytes replaced so far.
    private(set) var repaired = 0

    /// Passes `chunk` (after any held bytes) to `body` as valid UTF-8; `last` flushes what is held.
    mutating func filter(_ chunk: UnsafeRawBufferPointer, last: Bool, _ body: (UnsafeRawBufferPointer) -> Void) {
        if held.isEmpty, let end = Self.validPrefix(chunk), end == chunk.count {
            body(chunk)
            return
        }
        var bytes = held
        held = []
        bytes.append(contentsOf: chunk)
        // Keep back an incomplete sequence at the end, unless the document ends here.
        if !last, let cut = Self.incompleteTail(bytes) {
            held = Array(bytes[cut...])
            bytes.removeSubrange(cut...)
        }
        let before = bytes.count
        if UTF8Repair.repair(&bytes) { repaired += max(1, bytes.count - before) }
        bytes.withUnsafeBytes(body)
    }

    /// The length of the valid prefix when the whole chunk is valid or ends inside a
    /// sequence that may continue; nil as soon as a byte is invalid.
    private static func validPrefix(_ b: UnsafeRawBufferPointer) -> Int? {
        guard let base = b.baseAddress else { return 0 }
        let n = b.count
        var i = 0
        while i < n {
            // ASCII runs 32 bytes per step (four words OR-ed), then 8: most feed bytes are ASCII.
            while i + 32 <= n {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                    | base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i += 32
            }
            if i == n { break }
            if i + 8 <= n {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 {
                i += 1
                continue
            }
            guard let need = length(startingWith: c) else { return nil }
            if i + need > n { return nil }  // cut by the chunk end: the slow path holds it back
            guard valid(b, i, need) else { return nil }
            i += need
        }
        return n
    }

    /// Whether the `need` bytes at `i` form a valid sequence (no overlongs, surrogates or values past U+10FFFF).
    @inline(__always) private static func valid(_ b: UnsafeRawBufferPointer, _ i: Int, _ need: Int) -> Bool {
        for k in 1..<need where b[i + k] & 0xC0 != 0x80 { return false }
        let c = b[i], d = b[i + 1]
        switch c {
        case 0xE0: return d >= 0xA0
        case 0xED: return d < 0xA0
        case 0xF0: return d >= 0x90
        case 0xF4: return d < 0x90
        default: return true
        }
    }

    /// The start of a sequence at the end of `b` that is valid so far but incomplete.
    private static func incompleteTail(_ b: [UInt8]) -> Int? {
        let n = b.count
        var i = n - 1
        while i >= 0, i >= n - 3, b[i] & 0xC0 == 0x80 { i -= 1 }
        guard i >= 0, i >= n - 3 else { return nil }
        guard let need = length(startingWith: b[i]) else { return nil }
        return n - i < need ? i : nil
    }

    /// The length of the sequence a lead byte starts, or nil when it starts none.
    @inline(__always) private static func length(startingWith c: UInt8) -> Int? {
        switch c {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return nil
        }
    }
}
