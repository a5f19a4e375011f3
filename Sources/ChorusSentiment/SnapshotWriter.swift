/// Appends a built vocabulary's tables to one byte buffer for `VocabularyCache`: arrays of
/// plain values as their raw bytes (with their element size, which `SnapshotReader` checks),
/// strings as a length and their UTF-8 bytes. The layout is that of the binary that wrote it,
/// which is why the cache key names the binary.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ v: Int) {
        withUnsafeBytes(of: Int64(v).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optionalString(_ s: String?) {
        if let s { int(1); string(s) } else { int(0) }
    }

    mutating func strings(_ list: [String]) {
        int(list.count)
        for s in list { string(s) }
    }

    /// An array of plain values: element size, count, then the raw bytes.
    mutating func plain<T: BitwiseCopyable>(_ list: [T]) {
        int(MemoryLayout<T>.stride)
        int(list.count)
        list.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
