/// Reads back what `SnapshotWriter` wrote. Every read is bounds-checked and throws
/// `SnapshotReader.Corrupt` on a short or inconsistent buffer, so a damaged cache file is
/// ignored (the vocabulary is then built from its source files), never trusted.
struct SnapshotReader {
    /// The buffer ends early or holds a length or element size this binary does not expect.
    struct Corrupt: Error {}

    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte was read (a longer buffer is corrupt too).
    var isAtEnd: Bool { at == bytes.count }

    mutating func int() throws(Corrupt) -> Int {
        guard bytes.count - at >= 8 else { throw Corrupt() }
        var v: Int64 = 0
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<(at + 8)])) }
        }
        at += 8
        return Int(Int64(littleEndian: v))
    }

    /// A count or length: at least 0 and no more than the bytes left.
    mutating func count() throws(Corrupt) -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw Corrupt() }
        return n
    }

    mutating func string() throws(Corrupt) -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
    }

    mutating func optionalString() throws(Corrupt) -> String? {
        switch try int() {
        case 0: return nil
        case 1: return try string()
        default: throw Corrupt()
        }
    }

    mutating func strings() throws(Corrupt) -> [String] {
        let n = try count()
        var list: [String] = []
        list.reserveCapacity(n)
        for _ in 0..<n { list.append(try string()) }
        return list
    }

    mutating func plain<T: BitwiseCopyable>(_: T.Type = T.self) throws(Corrupt) -> [T] {
        guard try int() == MemoryLayout<T>.stride else { throw Corrupt() }
        let n = try int()
        guard n >= 0, n <= (bytes.count - at) / max(1, MemoryLayout<T>.stride) else { throw Corrupt() }
        let size = n * MemoryLayout<T>.stride
        let list = [T](unsafeUninitializedCapacity: n) { buf, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<(at + size)]))
            }
            initialized = n
        }
        at += size
        return list
    }
}
