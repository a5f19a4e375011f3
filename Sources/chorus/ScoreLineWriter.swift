import ChorusOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output buffer of `chorus score`: bytes are copied into one block of memory it owns
/// (no array uniqueness or capacity checks per append) and written to a file descriptor
/// when the block fills up, so stdout sees few, large writes.
///
/// Non-copyable, so the block has one owner and is freed exactly once, in `deinit`.
struct ScoreLineWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    private let fd: Int32
    /// Bytes kept before a write is due.
    private let flushAt: Int

    /// A writer to `fd` that writes once `flushAt` bytes are buffered.
    init(fd: Int32, flushAt: Int = 1 << 16) {
        self.fd = fd
        self.flushAt = flushAt
        capacity = flushAt * 2
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `n` more bytes; every `append` must be covered by a `reserve`.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity
        while c < needed { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: base, count: count)
        base.deallocate()
        base = b
        capacity = c
    }

    /// Appends bytes (room reserved).
    @inline(__always)
    mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
        guard let src = p.baseAddress else { return }
        (base + count).update(from: src, count: p.count)
        count += p.count
    }

    /// Appends the bytes of a literal (room reserved).
    @inline(__always)
    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    /// Appends one byte (room reserved).
    @inline(__always)
    mutating func append(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    /// Appends bytes, reserving room for them.
    mutating func appendReserving(_ p: UnsafeBufferPointer<UInt8>) {
        reserve(p.count)
        append(p)
    }

    /// `value` with `places` (1…9) decimals, the bytes `JSONWriter.fixed` writes
    /// (`FixedDecimal`; room for `FixedDecimal.maxBytes` reserved).
    @inline(__always)
    mutating func fixed(_ value: Double, places: Int) {
        count += FixedDecimal.write(value, places: places, to: base + count)
    }

    /// `fixed(value, places:)` for a compound or share (`FixedDecimal.writeUnit`, which says
    /// what it saves; room reserved as for `fixed`).
    @inline(__always)
    mutating func unitFixed(_ value: Double, places: Int) {
        count += FixedDecimal.writeUnit(value, places: places, to: base + count)
    }

    /// Writes the buffered bytes when at least `flushAt` are waiting.
    @inline(__always)
    mutating func flushIfFull() {
        if count >= flushAt { flush() }
    }

    /// Writes every buffered byte to the file descriptor (retrying on EINTR; a closed pipe
    /// drops the rest, as `chorus score | head` expects).
    mutating func flush() {
        var off = 0
        while off < count {
            let n = write(fd, base + off, count - off)
            if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
            off += n
        }
        count = 0
    }
}

extension ScoreLineWriter {
    /// Appends the name at `name` of `arena` (`ScoreNames`), reserving room: eight bytes at a
    /// time, which may copy up to 7 bytes past the name into the spare room (overwritten by
    /// what follows; the arena ends with 8 spare bytes).
    @inline(__always)
    mutating func appendName(_ arena: UnsafeBufferPointer<UInt8>, _ name: (start: Int, count: Int)) {
        reserve(name.count + 8)
        guard let start = arena.baseAddress else { return }
        let src = UnsafeRawPointer(start + name.start), dst = UnsafeMutableRawPointer(base + count)
        var off = 0
        while off < name.count {
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: off, as: UInt64.self), toByteOffset: off, as: UInt64.self)
            off += 8
        }
        count += name.count
    }
}
