/// Turns a UTF-16 or UTF-32 document into UTF-8 chunk by chunk before libxml2 reads it, so the
/// guards that read bytes as an ASCII-compatible encoding (``AttributeLimiter``: libxml2 2.9's
/// attribute checks are quadratic) apply to these documents too; libxml2 is then told the
/// bytes are UTF-8. A code unit or surrogate pair cut by a chunk boundary is held back until
/// the next chunk. What is not a character (a lone surrogate, a value past U+10FFFF, a cut
/// unit at the end) becomes U+FFFD, so the rest of the document still parses. A byte order
/// mark at the start is dropped.
struct WideTranscoder {
    /// The encoding form of the document's bytes.
    enum Form: Equatable {
        case utf16LE, utf16BE, utf32LE, utf32BE

        var unitSize: Int { self == .utf16LE || self == .utf16BE ? 2 : 4 }
    }

    let form: Form
    /// Bytes of a code unit the last chunk ended inside (fewer than ``Form/unitSize``).
    private var held: [UInt8] = []
    /// A UTF-16 high surrogate waiting for its low half.
    private var high: UInt32 = 0
    /// False until the first character is read (a byte order mark there is dropped).
    private var started = false
    private var out: [UInt8] = []

    init(form: Form) {
        self.form = form
    }

    /// The form of a document that starts with `head` (at least its first four bytes): from a
    /// byte order mark, else from where the zero bytes of its first character (`<` or a blank)
    /// fall; nil for an ASCII-compatible document, or one whose first bytes fit no form.
    static func detect(_ head: UnsafeRawBufferPointer) -> Form? {
        guard head.count >= 4 else { return nil }
        let b0 = head[0], b1 = head[1], b2 = head[2], b3 = head[3]
        if b0 == 0xFF, b1 == 0xFE { return b2 == 0 && b3 == 0 ? .utf32LE : .utf16LE }
        if b0 == 0xFE, b1 == 0xFF { return .utf16BE }
        if b0 == 0, b1 == 0, b2 == 0xFE, b3 == 0xFF { return .utf32BE }
        if b0 != 0, b1 == 0, b2 == 0, b3 == 0 { return .utf32LE }
        if b0 == 0, b1 == 0, b2 == 0, b3 != 0 { return .utf32BE }
        if b0 != 0, b1 == 0, b3 == 0 { return .utf16LE }
        if b0 == 0, b1 != 0, b2 == 0 { return .utf16BE }
        return nil
    }

    /// Passes the UTF-8 of `chunk` (after any held bytes) to `body`; `last` flushes what is held.
    mutating func transcode(_ chunk: UnsafeRawBufferPointer, last: Bool, _ body: (UnsafeRawBufferPointer) -> Void) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(chunk.count * 3 / 2 + 8)
        var i = 0
        let size = form.unitSize
        if !held.isEmpty {
            while held.count < size, i < chunk.count {
                held.append(chunk[i])
                i += 1
            }
            if held.count == size {
                let unit = held.withUnsafeBytes { value(of: $0, at: 0) }
                held.removeAll(keepingCapacity: true)
                take(unit)
            }
        }
        while i + size <= chunk.count {
            take(value(of: chunk, at: i))
            i += size
        }
        held.append(contentsOf: chunk[i...])
        if last {
            if high != 0 || !held.isEmpty { put(0xFFFD) }
            high = 0
            held.removeAll()
        }
        if !out.isEmpty { out.withUnsafeBytes(body) }
    }

    /// The code unit at byte `i` of `b`.
    @inline(__always) private func value(of b: UnsafeRawBufferPointer, at i: Int) -> UInt32 {
        switch form {
        case .utf16LE: return UInt32(b[i]) | UInt32(b[i + 1]) << 8
        case .utf16BE: return UInt32(b[i]) << 8 | UInt32(b[i + 1])
        case .utf32LE: return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
        case .utf32BE: return UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
        }
    }

    /// Reads one code unit: a character, or half of a UTF-16 surrogate pair.
    private mutating func take(_ unit: UInt32) {
        if high != 0 {
            let pending = high
            high = 0
            if unit >= 0xDC00, unit <= 0xDFFF, form.unitSize == 2 {
                put(0x10000 + ((pending - 0xD800) << 10) + (unit - 0xDC00))
                return
            }
            put(0xFFFD)
        }
        if unit >= 0xD800, unit <= 0xDBFF, form.unitSize == 2 {
            high = unit
            return
        }
        put(unit >= 0xD800 && unit <= 0xDFFF || unit > 0x10FFFF ? 0xFFFD : unit)
    }

    /// Appends the UTF-8 of the scalar `v` (a valid scalar value).
    private mutating func put(_ v: UInt32) {
        if !started {
            started = true
            if v == 0xFEFF { return }
        }
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
