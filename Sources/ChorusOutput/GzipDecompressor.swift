import CZlib

/// Inflates a whole gzip file in memory (used to reconcile an interrupted run's `.ndjson.gz`
/// output and by tests that read gzip output back).
public enum GzipDecompressor {
    /// The decompressed bytes of `data` (one or more gzip members).
    public static func decompress(_ data: [UInt8]) throws(OutputError) -> [UInt8] {
        let zstream = try ZStream.inflater()
        let stream = zstream.pointer
        var input = data
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = input.count
        let rc: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
            stream.pointee.next_in = inBuf.baseAddress
            stream.pointee.avail_in = UInt32(count)
            while true {
                let (rc, produced) = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.pointee.next_out = outBuf.baseAddress
                    stream.pointee.avail_out = UInt32(outBuf.count)
                    let rc = inflate(stream, Z_NO_FLUSH)
                    return (rc, outBuf.count - Int(stream.pointee.avail_out))
                }
                result.append(contentsOf: chunk[0..<produced])
                if rc == Z_STREAM_END {
                    if stream.pointee.avail_in == 0 { return Z_STREAM_END }
                    // Another gzip member follows.
                    guard inflateReset(stream) == Z_OK else { return Z_DATA_ERROR }
                    continue
                }
                if rc != Z_OK { return rc }
                if stream.pointee.avail_in == 0 && produced == 0 { return Z_BUF_ERROR }
            }
        }
        guard rc == Z_STREAM_END else { throw OutputError("output: gzip: the data is truncated or corrupt (zlib \(rc))") }
        withExtendedLifetime(zstream) {}
        return result
    }
}
